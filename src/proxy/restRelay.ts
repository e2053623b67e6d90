import type * as http from 'node:http';
import { BodyCopy } from './BodyCopy';
import type { ProxyTarget } from './ProxyTarget';
import { redactedHeaders, redactedQuery } from './redact';
import type { RestStarted } from './TraceRecord';
import type { TraceTap } from './TraceTap';

export interface RestRelayContext {
  readonly target: ProxyTarget;
  readonly tap: Pick<TraceTap, 'push'>;
  readonly nextExchangeId: () => number;
  /** Most bytes of each body kept in a record. */
  readonly bodyCap: number;
}

/** Headers that belong to one connection, not to the request: never forwarded (RFC 9110 §7.6.1). */
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade']);

/**
 * Forwards one REST request to Asterisk and its answer back, streamed both ways, status and
 * headers as Asterisk sent them; the tap gets a `restStarted` as the request leaves and a `rest`
 * record once the answer has ended. When Asterisk cannot be reached the app gets a 502 whose
 * message says so, as from any proxy in front of Asterisk (docs/trace-proxy.md).
 */
export function relayRest(incoming: http.IncomingMessage, outgoing: http.ServerResponse, context: RestRelayContext): void {
  const { target, tap } = context;
  const startedAt = Date.now();
  const t0 = performance.now();
  const url = new URL(incoming.url ?? '/', 'http://proxy');
  const started: RestStarted = {
    kind: 'restStarted',
    exchangeId: context.nextExchangeId(),
    at: startedAt,
    via: 'http',
    method: incoming.method ?? 'GET',
    resource: target.resourceOf(url.pathname),
    query: redactedQuery(url.searchParams),
  };
  tap.push(started);
  const requestCopy = new BodyCopy(context.bodyCap);
  const responseCopy = new BodyCopy(context.bodyCap);
  let done = false;
  const finish = (status: number, responseRaw: readonly string[], extra: { reason?: string; failure?: string }) => {
    if (done) return;
    done = true;
    const responseType = headerOf(responseRaw, 'content-type');
    tap.push({
      ...started,
      kind: 'rest',
      status,
      durationMs: performance.now() - t0,
      requestHeaders: redactedHeaders(incoming.rawHeaders),
      responseHeaders: redactedHeaders(responseRaw),
      requestBody: requestCopy.body(incoming.headers['content-type']),
      responseBody: responseCopy.body(responseType),
      ...extra,
    });
  };

  // The app's own Host goes on: Asterisk writes it into the api-docs' basePath, which clients such
  // as ari-client then send every REST call to; naming Asterisk there would route them past the proxy.
  const upstream = target.request({ method: incoming.method, path: target.upstreamPath(incoming.url ?? '/'), headers: forwardedHeaders(incoming.rawHeaders, target.host) });
  incoming.on('data', (chunk: Buffer) => requestCopy.add(chunk));
  incoming.pipe(upstream);
  // The app gave up (closed its connection) before the answer: so does the proxy.
  outgoing.on('close', () => {
    if (!outgoing.writableFinished) {
      upstream.destroy();
      finish(0, [], { failure: 'the app closed its connection before the answer came' });
    }
  });
  upstream.on('response', (answer) => {
    outgoing.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardedHeaders(answer.rawHeaders));
    answer.on('data', (chunk: Buffer) => responseCopy.add(chunk));
    answer.pipe(outgoing);
    answer.on('end', () => finish(answer.statusCode ?? 0, answer.rawHeaders, { reason: answer.statusMessage }));
    answer.on('error', () => outgoing.destroy());
  });
  upstream.on('error', (error: NodeJS.ErrnoException) => {
    if (outgoing.headersSent) {
      // Cut mid-answer: cut the app's answer too, as a direct connection would be.
      outgoing.destroy();
      finish(0, [], { failure: `the connection to Asterisk broke mid-answer (${error.code ?? error.message})` });
      return;
    }
    const failure = `the trace proxy could not reach Asterisk at ${target.url.toString()} (${error.code ?? error.message})`;
    const body = JSON.stringify({ message: failure });
    outgoing.writeHead(502, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
    outgoing.end(body);
    finish(0, [], { failure });
  });
}

/** Headers to pass on, as rawHeaders: all but the hop-by-hop ones; `fallbackHost` only when the app sent no Host (Node adds none to raw headers). */
function forwardedHeaders(raw: readonly string[], fallbackHost?: string): string[] {
  const out: string[] = [];
  let host = false;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (HOP_BY_HOP.has(name)) continue;
    if (name === 'host') host = true;
    out.push(raw[i], raw[i + 1]);
  }
  if (!host && fallbackHost !== undefined) out.push('Host', fallbackHost);
  return out;
}

function headerOf(raw: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i].toLowerCase() === name) return raw[i + 1];
  return undefined;
}
