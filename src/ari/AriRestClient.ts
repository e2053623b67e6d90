import { originateAppArgs } from './appArgs';
import { AriBaseUrl } from './AriBaseUrl';
import { AriConfigError } from './AriConfigError';
import { AriError, type AriOperation } from './AriError';
import { DEFAULT_REQUEST_TIMEOUT_MS, type AriServerConfig } from './AriServerConfig';
import { basicAuthorization } from './basicAuth';
import { describeOperation } from './describeOperation';
import { Emitter } from './Emitter';
import { explainHttpStatus, explainNonJson, explainTransportFailure } from './explainAriFailure';
import type { AriOperationId, AriOperationParams, AriOperationResults, ChannelsHangupReason } from './generated/ariOperations';
import type { AsteriskInfo, Channel } from './generated/ariTypes';
import { HttpConnectionPool, type HttpAnswer } from './HttpConnectionPool';
import { asteriskMessageOf, parseJson } from './jsonText';
import { buildOperationRequest, type OperationRequest } from './operationRequest';

export interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** An answer as it came, whatever its status: what the console shows. */
export interface RawAnswer {
  readonly status: number;
  readonly statusMessage: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** From sending the request to the answer's last byte. */
  readonly durationMs: number;
}

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

/**
 * The longest request line (with its CRLF) Asterisk's HTTP server takes: 4095 bytes arrive whole,
 * 4096 get "400 Bad Request" (docs/ari-behaviour.md#channels-resource, measured by
 * test/integration/requestLimits.test.ts). Checking first says which argument to shorten instead
 * of a bare 400.
 */
export const MAX_REQUEST_LINE_BYTES = 4095;

/**
 * ARI's REST side for one Asterisk: every operation of the spec through one `call`, on one
 * keep-alive connection pool, with Basic auth in a header, a timeout on every call, and every
 * failure turned into an `AriError` that says what to do. The few methods beside it only turn
 * arguments people give (lists of app args) into what the operation takes.
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

  /** Lets requests under way finish, then closes the connections; no one hears of gone channels any more. */
  close(): Promise<void> {
    this.channelGoneEmitter.dispose();
    return this.pool.close();
  }

  /** Throws, without sending anything, the AriConfigError `call` would fail with (bad parameters, a request line Asterisk would cut). */
  check<K extends AriOperationId>(id: K, params: AriOperationParams[K]): void {
    this.prepare(id, params);
  }

  /** Any ARI operation of the spec. */
  async call<K extends AriOperationId>(id: K, params: AriOperationParams[K], options: RequestOptions = {}): Promise<AriOperationResults[K]> {
    const { request, operation, path } = this.prepare(id, params);
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (options.signal) signals.push(options.signal);
    const fail = (fields: Pick<AriError, 'kind' | 'advice'> & { status?: number; asteriskMessage?: string; cause?: unknown }) =>
      new AriError({ server: this.config.name, method: request.method, path, operation, ...fields });

    let response;
    try {
      response = await this.exchange(request, path, AbortSignal.any(signals));
    } catch (cause) {
      throw fail({ ...explainTransportFailure(timeoutOrCause(signals[0], cause), this.baseUrl.host, timeoutMs), cause });
    }

    const { text, statusCode: status } = response;
    const contentType = headerValue(response.headers['content-type']);
    const parsed = parseJson(text);
    if (status >= 200 && status < 300) {
      // Asterisk answers 204 with no body; for any other call an empty answer is not ARI (an empty 200 from a proxy must not look like an empty list).
      if (text === '' && status === 204) return undefined as AriOperationResults[K];
      if (!parsed.ok) throw fail({ kind: 'nonJson', status, advice: explainNonJson(status, contentType, this.baseUrl.host, text === '') });
      return parsed.value as AriOperationResults[K];
    }
    const asteriskMessage = parsed.ok ? asteriskMessageOf(parsed.value) : undefined;
    if (status === 404 && operation.subject?.kind === 'channel' && asteriskMessage === 'Channel not found') this.channelGoneEmitter.fire(operation.subject.id);
    // Asterisk's own 401, 404 (a wrong prefix, res_ari not loaded) and 503 come as HTML pages (docs/ari-behaviour.md#errors).
    if (!parsed.ok && text !== '' && status !== 401 && status !== 404 && status !== 503) {
      throw fail({ kind: 'nonJson', status, advice: explainNonJson(status, contentType, this.baseUrl.host) });
    }
    throw fail({ kind: 'http', status, asteriskMessage, advice: explainHttpStatus(operation, status, asteriskMessage, this.config.name) });
  }

  /**
   * A request as built (an operation of any spec, or a path under /ari such as
   * `api-docs/resources.json`), sent as it is: the answer whatever its status, for the console to
   * show and explain. Throws AriError only when no answer came, and AriConfigError for a request
   * line Asterisk would cut.
   */
  async send(request: OperationRequest, description: string, options: RequestOptions = {}): Promise<RawAnswer> {
    const operation = { description };
    const path = this.requestPath(request, operation);
    const timeoutMs = options.timeoutMs ?? this.timeoutMs;
    const signals = [AbortSignal.timeout(timeoutMs)];
    if (options.signal) signals.push(options.signal);
    const started = performance.now();
    try {
      const answer = await this.exchange(request, path, AbortSignal.any(signals));
      return { status: answer.statusCode, statusMessage: answer.statusMessage, headers: answer.headers, text: answer.text, durationMs: performance.now() - started };
    } catch (cause) {
      const explained = explainTransportFailure(timeoutOrCause(signals[0], cause), this.baseUrl.host, timeoutMs);
      throw new AriError({ server: this.config.name, method: request.method, path, operation, ...explained, cause });
    }
  }

  asteriskInfo(options?: RequestOptions): Promise<AsteriskInfo> {
    return this.call('asterisk.getInfo', {}, options);
  }

  answer(channelId: string, options?: RequestOptions): Promise<void> {
    return this.call('channels.answer', { channelId }, options);
  }

  hangup(channelId: string, reason?: ChannelsHangupReason, options?: RequestOptions): Promise<void> {
    return this.call('channels.hangup', { channelId, reason }, options);
  }

  continueInDialplan(channelId: string, target: ContinueTarget = {}, options?: RequestOptions): Promise<void> {
    const { context, extension, priority, label } = target;
    return this.call('channels.continueInDialplan', { channelId, context: context || undefined, extension: extension || undefined, priority, label: label || undefined }, options);
  }

  /** Originate into an app. Asterisk answers with the new channel at once; the dial runs after (docs/ari-behaviour.md#channels-resource). */
  async originate(request: OriginateRequest, options?: RequestOptions): Promise<Channel> {
    return this.call(
      'channels.originate',
      {
        endpoint: request.endpoint,
        app: request.app,
        appArgs: request.appArgs && request.appArgs.length > 0 ? originateAppArgs(request.appArgs) : undefined,
        callerId: request.callerId || undefined,
        channelId: request.channelId || undefined,
        otherChannelId: request.otherChannelId || undefined,
        timeout: request.timeout,
        variables: request.variables,
      },
      options,
    );
  }

  private exchange(request: OperationRequest, path: string, signal: AbortSignal): Promise<HttpAnswer> {
    return this.pool.request({
      method: request.method,
      path,
      headers: {
        authorization: this.authorization,
        accept: 'application/json',
        ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      body: request.body !== undefined ? JSON.stringify(request.body) : undefined,
      signal,
    });
  }

  /** The request, how to name it in messages, and its path; throws AriConfigError for what `check` refuses. */
  private prepare<K extends AriOperationId>(id: K, params: AriOperationParams[K]): { request: OperationRequest; operation: AriOperation; path: string } {
    const request = buildOperationRequest(id, params);
    const operation = describeOperation(id, params, this.config.name);
    return { request, operation, path: this.requestPath(request, operation) };
  }

  /** The call's path; refused before sending if Asterisk would not read all of its request line. */
  private requestPath(request: OperationRequest, operation: AriOperation): string {
    const path = this.baseUrl.restPath(request.resource, request.query);
    const bytes = Buffer.byteLength(`${request.method} ${path} HTTP/1.1\r\n`);
    if (bytes > MAX_REQUEST_LINE_BYTES) {
      const longest = [...request.query]
        .map(([name, value]) => ({ name, size: new URLSearchParams([[name, value]]).toString().length - name.length - 1 }))
        .sort((a, b) => b.size - a.size)[0];
      const cut = longest ? `"${longest.name}" (${longest.size} bytes in the URL)` : 'the ids in the path';
      throw new AriConfigError(
        `The request to ${operation.description} was not sent: its request line would be ${bytes} bytes, and Asterisk refuses request lines longer than ${MAX_REQUEST_LINE_BYTES} bytes (HTTP 400). Shorten ${cut}.`,
      );
    }
    return path;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Node reports our timeout as a plain abort; the timeout signal knows better. */
function timeoutOrCause(timeoutSignal: AbortSignal, cause: unknown): unknown {
  return timeoutSignal.aborted ? timeoutSignal.reason : cause;
}
