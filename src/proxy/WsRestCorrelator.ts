import { redactedQuery, redactedTarget } from './redact';
import type { RestExchange, RestStarted } from './TraceRecord';
import type { TraceTap } from './TraceTap';

interface Pending {
  readonly started: RestStarted;
  readonly t0: number;
  readonly contentType: string | undefined;
}

/**
 * Pairs the REST requests an app sends over its events socket (`RESTRequest` frames, Asterisk
 * 22.4+) with the `RESTResponse` events that answer them, by `request_id`, else `transaction_id`,
 * else in order (docs/ari-behaviour.md#rest-over-websocket). One per relayed socket.
 */
export class WsRestCorrelator {
  private readonly pending = new Map<string, Pending>();
  private readonly unkeyed: Pending[] = [];

  constructor(
    private readonly socketId: number,
    private readonly tap: Pick<TraceTap, 'push'>,
    private readonly nextExchangeId: () => number,
    private readonly bodyCap: number,
  ) {}

  /** Whether a frame from Asterisk may answer one: only then is it worth reading as one. */
  get waiting(): boolean {
    return this.pending.size > 0 || this.unkeyed.length > 0;
  }

  /** A text frame from the app. */
  request(frame: Buffer): void {
    const message = parse(frame);
    if (message?.type !== 'RESTRequest') return;
    const uri = typeof message.uri === 'string' ? message.uri : '';
    const url = URL.parse(uri.replace(/^\/+/, ''), 'http://ari/');
    if (url && Array.isArray(message.query_strings)) {
      for (const q of message.query_strings as { name?: unknown; value?: unknown }[]) if (typeof q?.name === 'string') url.searchParams.append(q.name, String(q.value ?? ''));
    }
    const started: RestStarted = {
      kind: 'restStarted',
      exchangeId: this.nextExchangeId(),
      at: Date.now(),
      via: 'websocket',
      socketId: this.socketId,
      method: typeof message.method === 'string' ? message.method : '?',
      // A uri that is no URL is still a request (Asterisk answers it 400): shown as sent, credentials out.
      resource: url ? url.pathname.slice(1) : redactedTarget(uri),
      query: url ? redactedQuery(url.searchParams) : [],
      requestBody: bodyOf(message.message_body, message.content_type, this.bodyCap),
    };
    this.tap.push(started);
    const entry = { started, t0: performance.now(), contentType: typeof message.content_type === 'string' ? message.content_type : undefined };
    const key = keyOf(message);
    if (key === undefined) this.unkeyed.push(entry);
    else this.pending.set(key, entry);
  }

  /** A text frame from Asterisk; true when it was the answer to a request (a RESTResponse, not an event for the model). */
  response(frame: Buffer): boolean {
    if (!frame.includes('"RESTResponse"')) return false;
    const message = parse(frame);
    if (message?.type !== 'RESTResponse') return false;
    const key = keyOf(message);
    const entry = key !== undefined ? this.pending.get(key) : this.unkeyed.shift();
    if (key !== undefined) this.pending.delete(key);
    if (!entry) return true;
    const status = typeof message.status_code === 'number' ? message.status_code : 0;
    const exchange: RestExchange = {
      ...entry.started,
      kind: 'rest',
      status,
      reason: typeof message.reason_phrase === 'string' ? message.reason_phrase : undefined,
      durationMs: performance.now() - entry.t0,
      requestHeaders: entry.contentType ? [['content-type', entry.contentType]] : [],
      responseHeaders: typeof message.content_type === 'string' ? [['content-type', message.content_type]] : [],
      responseBody: bodyOf(message.message_body, message.content_type, this.bodyCap),
      requestId: typeof message.request_id === 'string' ? message.request_id : undefined,
    };
    this.tap.push(exchange);
    return true;
  }

  /** The socket closed: requests still unanswered never will be. */
  closed(): void {
    for (const entry of [...this.pending.values(), ...this.unkeyed]) {
      this.tap.push({ ...entry.started, kind: 'rest', status: 0, durationMs: performance.now() - entry.t0, requestHeaders: [], responseHeaders: [], failure: 'the events socket closed before Asterisk answered' });
    }
    this.pending.clear();
    this.unkeyed.length = 0;
  }
}

type Message = Record<string, unknown>;

function parse(frame: Buffer): Message | undefined {
  try {
    const value: unknown = JSON.parse(frame.toString('utf8'));
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Message) : undefined;
  } catch {
    return undefined;
  }
}

/** Asterisk answers with both fields, the one not given as "" (docs/ari-behaviour.md#rest-over-websocket): an empty one is no key. */
function keyOf(message: Message): string | undefined {
  for (const id of [message.request_id, message.transaction_id]) if (typeof id === 'string' && id !== '') return id;
  return undefined;
}

/** `message_body` is a JSON text inside the JSON frame (docs/ari-behaviour.md#rest-over-websocket), kept up to the cap as HTTP bodies are. */
function bodyOf(body: unknown, contentType: unknown, cap: number): RestExchange['requestBody'] {
  if (typeof body !== 'string' || body === '') return undefined;
  const bytes = Buffer.byteLength(body);
  const text = bytes > cap ? Buffer.from(body).subarray(0, cap).toString('utf8') : body;
  return { text, bytes, truncated: bytes > cap, ...(typeof contentType === 'string' ? { contentType } : {}) };
}
