import * as http from 'node:http';
import * as https from 'node:https';
import type { AriTlsOptions } from './AriServerConfig';

export interface HttpAnswer {
  statusCode: number;
  /** The reason phrase as Asterisk wrote it: 'No Content'. */
  statusMessage: string;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface HttpRequest {
  method: string;
  /** Path and query, from the origin on. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

/**
 * Asterisk closes an idle HTTP connection after http.conf's session_keep_alive (15 s by default)
 * without announcing it in a Keep-Alive header: ours are let go sooner.
 */
const IDLE_SOCKET_MS = 10_000;
/** Requests that can be sent again when a kept-alive connection turns out to be closed. */
const IDEMPOTENT = new Set(['GET', 'PUT', 'DELETE']);

/**
 * Keep-alive connections to one origin, on Node's own HTTP client. (undici did this before and
 * was four fifths of the extension's bundle: 535 KB of 681 KB minified, most of what VS Code
 * spent loading the extension. ARI needs nothing from it that `node:http` lacks.)
 */
export class HttpConnectionPool {
  private readonly agent: http.Agent;
  private readonly client: typeof http | typeof https;
  private readonly url: URL;
  private readonly inFlight = new Set<Promise<unknown>>();
  private closed = false;

  constructor(origin: string, tls?: AriTlsOptions) {
    this.url = new URL(origin);
    const options = { keepAlive: true, maxSockets: 8, timeout: IDLE_SOCKET_MS };
    const secure = this.url.protocol === 'https:';
    this.client = secure ? https : http;
    this.agent = secure ? new https.Agent({ ...options, ca: tls?.ca, rejectUnauthorized: tls?.rejectUnauthorized ?? true }) : new http.Agent(options);
  }

  request(request: HttpRequest): Promise<HttpAnswer> {
    if (this.closed) return Promise.reject(Object.assign(new Error('the connection pool is closed'), { name: 'AbortError', code: 'ABORT_ERR' }));
    const answer = this.send(request).catch((error: NodeJS.ErrnoException & { reusedSocket?: boolean }) => {
      // A kept-alive connection the server had just closed: one fresh try, where that is safe.
      if (error.reusedSocket && error.code === 'ECONNRESET' && IDEMPOTENT.has(request.method) && !request.signal.aborted) return this.send(request);
      throw error;
    });
    this.inFlight.add(answer);
    void answer.then(
      () => this.inFlight.delete(answer),
      () => this.inFlight.delete(answer),
    );
    return answer;
  }

  /** Refuses new requests, lets those under way finish, then closes every connection. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([...this.inFlight]);
    this.agent.destroy();
  }

  private send(request: HttpRequest): Promise<HttpAnswer> {
    return new Promise((resolve, reject) => {
      const outgoing = this.client.request(
        {
          agent: this.agent,
          protocol: this.url.protocol,
          hostname: this.url.hostname.replace(/^\[|\]$/g, ''),
          port: this.url.port,
          method: request.method,
          path: request.path,
          headers: request.body !== undefined ? { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) } : request.headers,
          signal: request.signal,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => resolve({ statusCode: incoming.statusCode ?? 0, statusMessage: incoming.statusMessage ?? '', headers: incoming.headers, text: Buffer.concat(chunks).toString('utf8') }));
          // A connection that drops mid-answer closes the message without ending it.
          incoming.on('close', () => {
            if (!incoming.complete) reject(Object.assign(new Error('the connection closed before the whole answer came'), { code: 'ECONNRESET' }));
          });
        },
      );
      outgoing.on('error', (error) => reject(Object.assign(error, { reusedSocket: outgoing.reusedSocket })));
      outgoing.end(request.body);
    });
  }
}
