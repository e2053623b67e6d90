import { moveAppArgs, originateAppArgs } from './appArgs';
import { AriBaseUrl } from './AriBaseUrl';
import { AriConfigError } from './AriConfigError';
import { AriError, type AriOperation } from './AriError';
import { DEFAULT_REQUEST_TIMEOUT_MS, type AriServerConfig } from './AriServerConfig';
import { basicAuthorization } from './basicAuth';
import { Emitter } from './Emitter';
import { explainHttpStatus, explainNonJson, explainTransportFailure } from './explainAriFailure';
import type { Application, AsteriskInfo, AsteriskPing, Channel } from './generated/ariTypes';
import { HttpConnectionPool } from './HttpConnectionPool';

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

export type HangupReason =
  | 'normal'
  | 'busy'
  | 'congestion'
  | 'no_answer'
  | 'timeout'
  | 'rejected'
  | 'unallocated'
  | 'normal_unspecified'
  | 'number_incomplete'
  | 'codec_mismatch'
  | 'interworking'
  | 'failure'
  | 'answered_elsewhere';

export interface ContinueTarget {
  context?: string;
  extension?: string;
  priority?: number;
  label?: string;
}

export interface OriginateRequest {
  /** `tech/resource`, e.g. `Local/100@default` or `PJSIP/alice`. */
  endpoint: string;
  app: string;
  appArgs?: readonly string[];
  callerId?: string;
  channelId?: string;
  otherChannelId?: string;
  /** Seconds to wait for an answer; Asterisk's default is 30, -1 waits forever. */
  timeout?: number;
  variables?: Record<string, string>;
}

export interface EventFilter {
  allowed?: { type: string }[];
  disallowed?: { type: string }[];
}

interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  resource: string;
  query?: URLSearchParams;
  body?: unknown;
  operation: AriOperation;
  /** Asterisk answers 204 with no body; for every other call an empty answer is not ARI. */
  answersNothing?: true;
}

/**
 * The longest request line (with its CRLF) Asterisk's HTTP server takes (main/http.c reads it
 * into a 4096-byte buffer). Measured on Asterisk 22.10: 4095 bytes arrive whole, 4096 get
 * "400 Bad Request" (test/integration/requestLimits.test.ts). Checking first says which argument
 * to shorten instead of a bare 400.
 */
export const MAX_REQUEST_LINE_BYTES = 4095;

/**
 * ARI's REST side for one Asterisk: one keep-alive connection pool, Basic auth in a header, a
 * timeout on every call, and every failure turned into an `AriError` that says what to do.
 */
export class AriRestClient {
  readonly baseUrl: AriBaseUrl;
  private readonly pool: HttpConnectionPool;
  private readonly authorization: string;
  private readonly timeoutMs: number;
  private readonly channelGoneEmitter = new Emitter<string>();

  /** A call named a channel that Asterisk says does not exist (404 "Channel not found"): views of it are stale. */
  readonly onChannelGone = this.channelGoneEmitter.event;

  constructor(private readonly config: AriServerConfig) {
    this.baseUrl = AriBaseUrl.parse(config.baseUrl);
    this.authorization = basicAuthorization(config.username, config.password);
    this.timeoutMs = config.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
    this.pool = new HttpConnectionPool(this.baseUrl.origin, this.baseUrl.secure ? config.tls : undefined);
  }

  get serverName(): string {
    return this.config.name;
  }

  /** Lets requests under way finish, then closes the connections. */
  close(): Promise<void> {
    return this.pool.close();
  }

  asteriskInfo(options?: RequestOptions): Promise<AsteriskInfo> {
    return this.call({ method: 'GET', resource: 'asterisk/info', operation: { description: `read Asterisk info from ${this.config.name}`, subject: { kind: 'server', id: this.config.name } } }, options);
  }

  ping(options?: RequestOptions): Promise<AsteriskPing> {
    return this.call({ method: 'GET', resource: 'asterisk/ping', operation: { description: `ping ${this.config.name}`, subject: { kind: 'server', id: this.config.name } } }, options);
  }

  listApplications(options?: RequestOptions): Promise<Application[]> {
    return this.call({ method: 'GET', resource: 'applications', operation: { description: `list applications on ${this.config.name}` } }, options);
  }

  getApplication(name: string, options?: RequestOptions): Promise<Application> {
    return this.call({ method: 'GET', resource: `applications/${enc(name)}`, operation: { description: `read application "${name}"`, subject: { kind: 'application', id: name } } }, options);
  }

  subscribe(app: string, eventSources: readonly string[], options?: RequestOptions): Promise<Application> {
    return this.call(
      {
        method: 'POST',
        resource: `applications/${enc(app)}/subscription`,
        query: multi('eventSource', eventSources),
        operation: { description: `subscribe application "${app}" to ${eventSources.join(', ')}`, subject: { kind: 'eventSource', id: eventSources.join(',') } },
      },
      options,
    );
  }

  unsubscribe(app: string, eventSources: readonly string[], options?: RequestOptions): Promise<Application> {
    return this.call(
      {
        method: 'DELETE',
        resource: `applications/${enc(app)}/subscription`,
        query: multi('eventSource', eventSources),
        operation: { description: `unsubscribe application "${app}" from ${eventSources.join(', ')}`, subject: { kind: 'eventSource', id: eventSources.join(',') } },
      },
      options,
    );
  }

  setEventFilter(app: string, filter: EventFilter, options?: RequestOptions): Promise<Application> {
    return this.call(
      { method: 'PUT', resource: `applications/${enc(app)}/eventFilter`, body: filter, operation: { description: `set the event filter of application "${app}"`, subject: { kind: 'application', id: app } } },
      options,
    );
  }

  listChannels(options?: RequestOptions): Promise<Channel[]> {
    return this.call({ method: 'GET', resource: 'channels', operation: { description: `list channels on ${this.config.name}` } }, options);
  }

  getChannel(id: string, options?: RequestOptions): Promise<Channel> {
    return this.call({ method: 'GET', resource: `channels/${enc(id)}`, operation: channelOp(`read channel "${id}"`, id) }, options);
  }

  answer(id: string, options?: RequestOptions): Promise<void> {
    return this.call({ method: 'POST', resource: `channels/${enc(id)}/answer`, operation: channelOp(`answer channel "${id}"`, id), answersNothing: true }, options);
  }

  hangup(id: string, reason?: HangupReason, options?: RequestOptions): Promise<void> {
    const query = new URLSearchParams();
    if (reason) query.set('reason', reason);
    return this.call({ method: 'DELETE', resource: `channels/${enc(id)}`, query, operation: channelOp(`hang up channel "${id}"`, id), answersNothing: true }, options);
  }

  /** Asks Asterisk to move a channel to another app. 204 only means "queued": see MoveTracker. */
  async move(id: string, app: string, appArgs: readonly string[] = [], options?: RequestOptions): Promise<void> {
    return this.call(moveCall(id, app, appArgs), options);
  }

  /** Throws, without sending anything, the AriConfigError `move` would fail with (arguments Asterisk would change). */
  checkMove(id: string, app: string, appArgs: readonly string[] = []): void {
    this.requestPath(moveCall(id, app, appArgs));
  }

  continueInDialplan(id: string, target: ContinueTarget = {}, options?: RequestOptions): Promise<void> {
    const query = new URLSearchParams();
    if (target.context) query.set('context', target.context);
    if (target.extension) query.set('extension', target.extension);
    if (target.priority !== undefined) query.set('priority', String(target.priority));
    if (target.label) query.set('label', target.label);
    return this.call({ method: 'POST', resource: `channels/${enc(id)}/continue`, query, operation: channelOp(`continue channel "${id}" in the dialplan`, id), answersNothing: true }, options);
  }

  ring(id: string, options?: RequestOptions): Promise<void> {
    return this.call({ method: 'POST', resource: `channels/${enc(id)}/ring`, operation: channelOp(`ring channel "${id}"`, id), answersNothing: true }, options);
  }

  ringStop(id: string, options?: RequestOptions): Promise<void> {
    return this.call({ method: 'DELETE', resource: `channels/${enc(id)}/ring`, operation: channelOp(`stop ringing channel "${id}"`, id), answersNothing: true }, options);
  }

  /** Originate into an app. Asterisk answers with the new channel at once; the dial runs after. */
  async originate(request: OriginateRequest, options?: RequestOptions): Promise<Channel> {
    const query = new URLSearchParams({ endpoint: request.endpoint, app: request.app });
    if (request.appArgs && request.appArgs.length > 0) query.set('appArgs', originateAppArgs(request.appArgs));
    if (request.callerId) query.set('callerId', request.callerId);
    if (request.channelId) query.set('channelId', request.channelId);
    if (request.otherChannelId) query.set('otherChannelId', request.otherChannelId);
    if (request.timeout !== undefined) query.set('timeout', String(request.timeout));
    const body = request.variables ? { variables: request.variables } : undefined;
    const subject = request.channelId ? { kind: 'channel' as const, id: request.channelId } : undefined;
    return this.call({ method: 'POST', resource: 'channels', query, body, operation: { description: `originate a call to ${request.endpoint} into "${request.app}"`, subject } }, options);
  }

  private async call<T>(call: Call, options: RequestOptions = {}): Promise<T> {
    const path = this.requestPath(call);
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (options.signal) signals.push(options.signal);
    const fail = (fields: Pick<AriError, 'kind' | 'advice'> & { status?: number; asteriskMessage?: string; cause?: unknown }) =>
      new AriError({ server: this.config.name, method: call.method, path, operation: call.operation, ...fields });

    let response;
    try {
      response = await this.pool.request({
        method: call.method,
        path,
        headers: {
          authorization: this.authorization,
          accept: 'application/json',
          ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: call.body !== undefined ? JSON.stringify(call.body) : undefined,
        signal: AbortSignal.any(signals),
      });
    } catch (cause) {
      throw fail({ ...explainTransportFailure(timeoutOrCause(signals[0], cause), this.baseUrl.host, timeoutMs), cause });
    }

    const text = response.text;
    const contentType = headerValue(response.headers['content-type']);
    const status = response.statusCode;
    const parsed = parseJson(text);

    if (status >= 200 && status < 300) {
      if (text === '' && call.answersNothing) return undefined as T;
      // An empty 200 from a proxy must not reach callers as an empty list or a missing Asterisk.
      if (!parsed.ok) throw fail({ kind: 'nonJson', status, advice: explainNonJson(status, contentType, this.baseUrl.host, text === '') });
      return parsed.value as T;
    }
    const asteriskMessage = parsed.ok ? asteriskMessageOf(parsed.value) : undefined;
    if (status === 404 && call.operation.subject?.kind === 'channel' && asteriskMessage === 'Channel not found') {
      this.channelGoneEmitter.fire(call.operation.subject.id);
    }
    // Asterisk's own 401, 404 (a wrong prefix, res_ari not loaded) and 503 come as HTML pages.
    if (!parsed.ok && text !== '' && status !== 401 && status !== 404 && status !== 503) {
      throw fail({ kind: 'nonJson', status, advice: explainNonJson(status, contentType, this.baseUrl.host) });
    }
    throw fail({ kind: 'http', status, asteriskMessage, advice: explainHttpStatus(call.operation, status, asteriskMessage, this.config.name) });
  }

  /** The call's path; refused before sending if Asterisk would not read all of its request line. */
  private requestPath(call: Call): string {
    const path = this.baseUrl.restPath(call.resource, call.query);
    const bytes = Buffer.byteLength(`${call.method} ${path} HTTP/1.1\r\n`);
    if (bytes > MAX_REQUEST_LINE_BYTES) {
      const longest = [...(call.query ?? [])]
        .map(([name, value]) => ({ name, size: new URLSearchParams([[name, value]]).toString().length - name.length - 1 }))
        .sort((a, b) => b.size - a.size)[0];
      const cut = longest ? `"${longest.name}" (${longest.size} bytes in the URL)` : 'the ids in the path';
      throw new AriConfigError(
        `The request to ${call.operation.description} was not sent: its request line would be ${bytes} bytes, and Asterisk refuses request lines longer than ${MAX_REQUEST_LINE_BYTES} bytes (HTTP 400). Shorten ${cut}.`,
      );
    }
    return path;
  }
}

function moveCall(id: string, app: string, appArgs: readonly string[]): Call {
  const query = new URLSearchParams({ app });
  if (appArgs.length > 0) query.set('appArgs', moveAppArgs(appArgs));
  return { method: 'POST', resource: `channels/${enc(id)}/move`, query, operation: channelOp(`move channel "${id}" to "${app}"`, id), answersNothing: true };
}

function channelOp(description: string, id: string): AriOperation {
  return { description, subject: { kind: 'channel', id } };
}

function enc(segment: string): string {
  return encodeURIComponent(segment);
}

function multi(name: string, values: readonly string[]): URLSearchParams {
  const query = new URLSearchParams();
  for (const value of values) query.append(name, value);
  return query;
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

function asteriskMessageOf(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : undefined;
}

/** Node reports our timeout as a plain abort; the timeout signal knows better. */
function timeoutOrCause(timeoutSignal: AbortSignal, cause: unknown): unknown {
  return timeoutSignal.aborted ? timeoutSignal.reason : cause;
}
