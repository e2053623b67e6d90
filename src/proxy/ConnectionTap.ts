import { BodyCopy } from './BodyCopy';
import { EventsSocketTap, type EventsSocketId } from './EventsSocketTap';
import { HttpReader, type HttpHead } from './HttpReader';
import type { ProxyTarget } from './ProxyTarget';
import { redactedHeaders, redactedQuery, redactedTarget } from './redact';
import type { RestStarted, TracedBody } from './TraceRecord';
import type { TraceTap } from './TraceTap';

export interface ConnectionTapContext {
  readonly target: ProxyTarget;
  readonly tap: Pick<TraceTap, 'push' | 'pushEvent'>;
  readonly nextExchangeId: () => number;
  readonly nextSocketId: () => number;
  /** Most bytes of each REST body kept in a record. */
  readonly bodyCap: number;
}

interface Exchange {
  readonly started: RestStarted;
  readonly t0: number;
  readonly requestHead: HttpHead;
  readonly requestBody: BodyCopy;
  readonly responseBody: BodyCopy;
  /** Set for an `/ari/events` upgrade request: an events socket if Asterisk answers 101. */
  readonly upgrade: EventsSocketId | undefined;
  responseHead?: HttpHead;
  status?: number;
  /** Its restStarted record went out. */
  told?: boolean;
}

/**
 * What the tap reads of one connection through the proxy, from copies of both directions' bytes
 * (docs/trace-proxy.md#records): its REST requests and their answers, paired in order as
 * HTTP/1.1 keep-alive sends them, each a `restStarted` record when its head came and a `rest`
 * record when its answer ended; and, once Asterisk answers an `/ari/events` upgrade with 101, the
 * events socket's frames (EventsSocketTap).
 */
export class ConnectionTap {
  private readonly exchanges: Exchange[] = [];
  private readonly requests: HttpReader;
  private readonly responses: HttpReader;
  private socket: EventsSocketTap | undefined;
  private reading = true;
  /** The answer being read is a 1xx before the final one (100 Continue). */
  private interim = false;

  constructor(private readonly context: ConnectionTapContext) {
    this.requests = new HttpReader('request', {
      head: (head) => this.requestHead(head),
      body: (chunk) => this.exchanges.at(-1)?.requestBody.add(chunk),
      end: () => this.requestEnd(),
      switched: () => undefined,
      lost: (why) => this.lost('the app', why),
    });
    this.responses = new HttpReader('response', {
      head: (head) => this.responseHead(head),
      body: (chunk) => this.exchanges[0]?.responseBody.add(chunk),
      end: () => this.responseEnd(),
      switched: (rest) => {
        if (rest.length > 0) this.socket?.fromServer(rest);
      },
      lost: (why) => this.lost('Asterisk', why),
    });
  }

  /** A request is waiting for its answer: the app should hear why none comes. */
  get awaitingAnswer(): boolean {
    return this.exchanges.length > 0;
  }

  // What the tap cannot read must never reach the relay, which calls these on the bytes' way: a
  // throw here would end every connection of the proxy's thread. It stops this connection's trace.
  fromClient(chunk: Buffer): void {
    this.guarded('the app', () => (this.socket ? this.socket.fromClient(chunk) : this.requests.read(chunk)));
  }

  fromServer(chunk: Buffer): void {
    this.guarded('Asterisk', () => (this.socket ? this.socket.fromServer(chunk) : this.responses.read(chunk)));
  }

  private guarded(side: string, read: () => void): void {
    if (!this.reading) return;
    try {
      read();
    } catch (error) {
      this.lost(side, (error as Error).message);
    }
  }

  /**
   * The connection ended: what it carried is told, answers that never came included; `by` the
   * side whose end came first, or the trace stopping (then the requests still out were cut by
   * it, not failed: they are not told).
   */
  closed(by: 'Asterisk' | 'the app' | 'the trace', error?: NodeJS.ErrnoException, failure?: string): void {
    this.responses.closed();
    if (this.socket) {
      this.socket.closed(by, error);
      return;
    }
    if (by === 'the trace') return;
    for (const exchange of this.exchanges.splice(0)) {
      const why = failure ?? `${by} closed the connection before the answer came${error ? ` (${error.code ?? error.message})` : ''}`;
      if (exchange.upgrade) this.context.tap.push({ kind: 'socket', ...exchange.upgrade, at: Date.now(), state: 'refused', status: 0, reason: why });
      else this.record(exchange, 0, [], { failure: why });
    }
  }

  private requestHead(head: HttpHead): 'body' {
    const [method, target] = head.startLine.split(' ');
    const url = URL.parse(target, 'http://proxy');
    // A target that is no URL is still an exchange (Asterisk answers it): shown as sent, credentials out.
    const resource = url ? this.context.target.resourceOf(url.pathname) : redactedTarget(target);
    const upgrade = url && resource === 'events' && /websocket/i.test(headerOf(head.rawHeaders, 'upgrade') ?? '') ? this.eventsSocket(url) : undefined;
    const started: RestStarted = { kind: 'restStarted', exchangeId: upgrade ? 0 : this.context.nextExchangeId(), at: Date.now(), via: 'http', method, resource, query: url ? redactedQuery(url.searchParams) : [] };
    this.exchanges.push({ started, t0: performance.now(), requestHead: head, requestBody: new BodyCopy(this.context.bodyCap), responseBody: new BodyCopy(this.context.bodyCap), upgrade });
    return 'body';
  }

  /** A request has all come: told now, with its body (a move's app may be in it: ARI reads parameters from a JSON body too). */
  private requestEnd(): void {
    const exchange = this.exchanges.at(-1);
    if (exchange && !exchange.upgrade) this.tell(exchange);
  }

  private tell(exchange: Exchange): void {
    if (exchange.told) return;
    exchange.told = true;
    const requestBody = exchange.requestBody.body(headerOf(exchange.requestHead.rawHeaders, 'content-type'));
    this.context.tap.push(requestBody ? withBody(exchange.started, requestBody) : exchange.started);
  }

  private responseHead(head: HttpHead): 'body' | 'none' | 'switch' {
    const exchange = this.exchanges[0];
    const status = Number(head.startLine.split(' ')[1]);
    this.interim = status >= 100 && status < 200 && status !== 101;
    if (!exchange || this.interim) return 'none';
    exchange.responseHead = head;
    exchange.status = status;
    if (status === 101) {
      this.exchanges.shift();
      // An upgrade to anything but ARI's events socket is no ARI: the trace reads no more of it.
      if (exchange.upgrade) this.socket = new EventsSocketTap(exchange.upgrade, this.context.tap, this.context.nextExchangeId, this.context.bodyCap);
      else this.reading = false;
      return 'switch';
    }
    if (exchange.upgrade) this.context.tap.push({ kind: 'socket', ...exchange.upgrade, at: Date.now(), state: 'refused', status, reason: `Asterisk answered the upgrade with HTTP ${status}` });
    return exchange.started.method === 'HEAD' || status === 204 || status === 304 ? 'none' : 'body';
  }

  private responseEnd(): void {
    if (this.interim) return;
    const exchange = this.exchanges.shift();
    if (exchange && !exchange.upgrade) this.record(exchange, exchange.status ?? 0, exchange.responseHead?.rawHeaders ?? [], { reason: reasonOf(exchange.responseHead?.startLine) });
  }

  private record(exchange: Exchange, status: number, responseRaw: readonly string[], extra: { reason?: string; failure?: string }): void {
    // Asterisk may answer before a request's body has all come (a 413): the request is told first.
    this.tell(exchange);
    // Field by field, not spread: one exchange per REST call, on the proxy's thread (docs/trace-proxy.md#thread).
    const { exchangeId, at, via, method, resource, query } = exchange.started;
    this.context.tap.push({
      kind: 'rest',
      exchangeId,
      at,
      via,
      method,
      resource,
      query,
      status,
      reason: extra.reason,
      failure: extra.failure,
      durationMs: performance.now() - exchange.t0,
      requestHeaders: redactedHeaders(exchange.requestHead.rawHeaders),
      responseHeaders: redactedHeaders(responseRaw),
      requestBody: exchange.requestBody.body(headerOf(exchange.requestHead.rawHeaders, 'content-type')),
      responseBody: exchange.responseBody.body(headerOf(responseRaw, 'content-type')),
    });
  }

  private eventsSocket(url: URL): EventsSocketId {
    return { socketId: this.context.nextSocketId(), apps: (url.searchParams.get('app') ?? '').split(',').filter((a) => a !== ''), subscribeAll: url.searchParams.get('subscribeAll') === 'true' };
  }

  private lost(side: string, why: string): void {
    this.reading = false;
    // What is still out may well be answered: unread, it is not told at all, rather than told failed.
    this.exchanges.length = 0;
    this.context.tap.push({ kind: 'gap', at: Date.now(), dropped: 0, unreadable: this.socket ? 'frames' : 'http', reason: `${this.socket ? 'the frames' : 'the HTTP'} from ${side} on a connection could not be read (${why}); it still passes unchanged, but the trace no longer shows it` });
  }
}

/** The reason phrase of a status line (`HTTP/1.1 404 Not Found`), if any. */
function reasonOf(statusLine: string | undefined): string | undefined {
  const space = statusLine?.indexOf(' ', statusLine.indexOf(' ') + 1) ?? -1;
  return space < 0 ? undefined : statusLine!.slice(space + 1) || undefined;
}

function withBody(started: RestStarted, requestBody: TracedBody): RestStarted {
  const { kind, exchangeId, at, via, method, resource, query } = started;
  return { kind, exchangeId, at, via, method, resource, query, requestBody };
}

export function headerOf(raw: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < raw.length; i += 2) if (raw[i].toLowerCase() === name) return raw[i + 1];
  return undefined;
}
