import WebSocket from 'ws';
import { AriBaseUrl } from './AriBaseUrl';
import type { AriServerConfig } from './AriServerConfig';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from './Backoff';
import { basicAuthorization } from './basicAuth';
import { systemClock, type Clock } from './Clock';
import { Emitter } from './Emitter';
import { closeReason, describeSocketError, HANDSHAKE_GIVE_UP } from './eventsLinkText';
import { explainTransportFailure } from './explainAriFailure';
import { readFrame, type FrameProblem, type ReceivedEvent } from './readFrame';

export type { FrameProblem, ReceivedEvent } from './readFrame';

/** Where the events socket is in its life; each change is published once. */
export type EventsLinkStatus =
  | { state: 'connecting'; attempt: number }
  | { state: 'open' }
  | { state: 'closed'; reason: string; code?: number }
  | { state: 'retrying'; inMs: number; attempt: number }
  | { state: 'gaveUp'; reason: string }
  | { state: 'stopped' };


export interface AriEventsClientOptions {
  apps: readonly string[];
  subscribeAll?: boolean;
  /** How often we ping: Asterisk never pings inbound sockets, so silence is all we would get. */
  pingIntervalMs?: number;
  /** A pong later than this means the link is dead, even if TCP has not noticed. */
  pongTimeoutMs?: number;
  /** Connected this long, the backoff starts again from its first step. */
  stableAfterMs?: number;
  /** How long the opening handshake may take. */
  handshakeTimeoutMs?: number;
  backoff?: Partial<BackoffOptions>;
  /** Every timer (pings, pong deadline, backoff, stability) goes through it, so tests need not sleep. */
  clock?: Clock;
}

const RESTART_TRANSIENT = new Set([404, 500]);

/**
 * Frames above this are not parsed: a JSON.parse of tens of MB would stall the extension host
 * (and with it every other extension) long enough for Asterisk to drop us. ARI events are
 * kilobytes. Up to MAX_PAYLOAD_BYTES such a frame is reported and skipped; beyond it `ws` closes
 * the link (1009) rather than buffer it, and the client reconnects and resyncs.
 */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;
const MAX_PAYLOAD_BYTES = 100 * 1024 * 1024;

/**
 * The ARI events WebSocket for a set of apps, kept open: it pings, notices a dead link,
 * reconnects with backoff, and hands every frame on as a typed event after one `JSON.parse`.
 * Listeners run synchronously on the socket's read path, so they must be cheap: Asterisk drops a
 * client that leaves its socket undrained for 100 ms (websocket_write_timeout).
 */
export class AriEventsClient {
  private readonly baseUrl: AriBaseUrl;
  private readonly authorization: string;
  private readonly backoff: Backoff;
  private apps: string[];
  private socket: WebSocket | undefined;
  private running = false;
  private retryTimer: unknown;
  private pingTimer: unknown;
  private pongTimer: unknown;
  private stableTimer: unknown;
  private currentStatus: EventsLinkStatus = { state: 'stopped' };
  private everOpen = false;

  private readonly eventEmitter = new Emitter<ReceivedEvent>((e) => this.listenerErrorEmitter.fire(e));
  private readonly statusEmitter = new Emitter<EventsLinkStatus>((e) => this.listenerErrorEmitter.fire(e));
  private readonly frameProblemEmitter = new Emitter<FrameProblem>((e) => this.listenerErrorEmitter.fire(e));
  private readonly replacedEmitter = new Emitter<string>((e) => this.listenerErrorEmitter.fire(e));
  private readonly listenerErrorEmitter = new Emitter<unknown>();

  /** Every ARI event, typed by its `type`, with the frame it came in. */
  readonly onEvent = this.eventEmitter.event;
  readonly onStatus = this.statusEmitter.event;
  readonly onFrameProblem = this.frameProblemEmitter.event;
  /** Another client registered this app and now gets its events; we no longer claim it. */
  readonly onAppReplaced = this.replacedEmitter.event;
  /** A listener threw; the socket kept reading. */
  readonly onListenerError = this.listenerErrorEmitter.event;

  private readonly pingIntervalMs: number;
  private readonly pongTimeoutMs: number;
  private readonly stableAfterMs: number;
  private readonly handshakeTimeoutMs: number;
  private readonly subscribeAll: boolean;
  private readonly tls: AriServerConfig['tls'];
  private readonly clock: Clock;

  constructor(config: AriServerConfig, options: AriEventsClientOptions) {
    this.baseUrl = AriBaseUrl.parse(config.baseUrl);
    this.authorization = basicAuthorization(config.username, config.password);
    this.apps = [...options.apps];
    this.subscribeAll = options.subscribeAll ?? false;
    this.pingIntervalMs = options.pingIntervalMs ?? 10_000;
    this.pongTimeoutMs = options.pongTimeoutMs ?? 5_000;
    this.stableAfterMs = options.stableAfterMs ?? 10_000;
    this.handshakeTimeoutMs = options.handshakeTimeoutMs ?? 10_000;
    this.backoff = new Backoff({ ...DEFAULT_BACKOFF, ...options.backoff });
    this.tls = config.tls;
    this.clock = options.clock ?? systemClock;
  }

  get status(): EventsLinkStatus {
    return this.currentStatus;
  }

  /** The apps this socket still claims (ApplicationReplaced removes one). */
  get applications(): readonly string[] {
    return this.apps;
  }

  get isOpen(): boolean {
    return this.currentStatus.state === 'open';
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.backoff.reset();
    this.connect();
  }

  /** Stops (see `stop`), then lets go of every listener: the client is not started again. */
  dispose(): void {
    this.stop();
    for (const e of [this.eventEmitter, this.statusEmitter, this.frameProblemEmitter, this.replacedEmitter, this.listenerErrorEmitter]) e.dispose();
  }

  /** Closes the socket and stops reconnecting. Asterisk then deactivates our apps. */
  stop(): void {
    if (!this.running) return;
    this.running = false;
    this.clearTimers();
    this.clock.clearTimeout(this.retryTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      if (socket.readyState === WebSocket.OPEN) socket.close(1000, 'client stopped');
      else socket.terminate();
    }
    this.setStatus({ state: 'stopped' });
  }

  /** Sends a text frame (a RESTRequest, docs/ari-behaviour.md#rest-over-websocket) if the socket is open; false if it is not. */
  sendText(text: string): boolean {
    if (!this.isOpen || this.socket?.readyState !== WebSocket.OPEN) return false;
    this.socket.send(text);
    return true;
  }

  /** Drops the current socket as if the link died; the client reconnects (used by tests and "Reconnect"). */
  dropLink(reason = 'dropped by client'): void {
    this.socket?.terminate();
    if (this.socket) this.onSocketGone(this.socket, reason);
  }

  private connect(): void {
    if (!this.running) return;
    if (this.apps.length === 0) {
      this.giveUp('no applications left to register on this socket.');
      return;
    }
    this.setStatus({ state: 'connecting', attempt: this.backoff.attempts + 1 });
    const socket = new WebSocket(this.baseUrl.eventsUrl(this.apps, this.subscribeAll), {
      headers: { Authorization: this.authorization },
      handshakeTimeout: this.handshakeTimeoutMs,
      perMessageDeflate: false,
      maxPayload: MAX_PAYLOAD_BYTES,
      ca: this.tls?.ca,
      rejectUnauthorized: this.tls?.rejectUnauthorized ?? true,
    });
    this.socket = socket;

    socket.on('open', () => this.onOpen(socket));
    socket.on('message', (data, isBinary) => {
      const bytes = data as Buffer;
      if (isBinary) this.frameProblemEmitter.fire({ problem: 'binary', detail: `a binary frame of ${bytes.length} bytes`, excerpt: '' });
      else if (bytes.length > MAX_FRAME_BYTES) this.frameProblemEmitter.fire({ problem: 'tooLarge', detail: `a frame of ${(bytes.length / 1048576).toFixed(1)} MB, above the ${MAX_FRAME_BYTES / 1048576} MB limit`, excerpt: bytes.subarray(0, 200).toString('utf8') });
      else this.onFrame(bytes);
    });
    socket.on('pong', () => {
      this.clock.clearTimeout(this.pongTimer);
      this.pongTimer = undefined;
    });
    socket.on('unexpected-response', (_req, res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      // While Asterisk restarts, its HTTP server answers before res_ari and res_stasis are ready
      // (404, 500). Once this link has worked, those mean "not yet", not "wrong settings".
      const fatal = this.everOpen && RESTART_TRANSIENT.has(status) ? undefined : HANDSHAKE_GIVE_UP[status];
      socket.removeAllListeners();
      socket.on('error', () => undefined);
      socket.terminate();
      if (fatal) {
        this.socket = undefined;
        this.giveUp(fatal);
      } else {
        this.onSocketGone(socket, status === 503 ? 'Asterisk is still starting (HTTP 503)' : `handshake refused with HTTP ${status}`);
      }
    });
    socket.on('error', (error) => {
      const failure = explainTransportFailure(error, this.baseUrl.host, this.handshakeTimeoutMs);
      // A certificate will not fix itself between retries: stop and say what to configure.
      if (failure.kind === 'tls' && socket === this.socket) {
        this.socket = undefined;
        socket.removeAllListeners();
        socket.on('error', () => undefined);
        this.giveUp(failure.advice);
        return;
      }
      this.onSocketGone(socket, describeSocketError(error));
    });
    socket.on('close', (code, reason) => this.onSocketGone(socket, closeReason(code, reason.toString()), code));
  }

  private onOpen(socket: WebSocket): void {
    this.everOpen = true;
    this.setStatus({ state: 'open' });
    this.stableTimer = this.clock.setTimeout(() => this.backoff.reset(), this.stableAfterMs);
    this.schedulePing(socket);
  }

  /** Asterisk never pings an inbound events socket (docs/ari-behaviour.md#ping): without our pings a dead link is silence. */
  private schedulePing(socket: WebSocket): void {
    this.pingTimer = this.clock.setTimeout(() => {
      if (socket !== this.socket || socket.readyState !== WebSocket.OPEN) return;
      // While a pong is overdue, another ping must not push the deadline back.
      if (this.pongTimer === undefined) {
        socket.ping();
        this.pongTimer = this.clock.setTimeout(() => {
          socket.terminate();
          this.onSocketGone(socket, `no pong within ${this.pongTimeoutMs / 1000} s: the link is dead`);
        }, this.pongTimeoutMs);
      }
      this.schedulePing(socket);
    }, this.pingIntervalMs);
  }

  private readonly reportFrameProblem = (problem: FrameProblem) => this.frameProblemEmitter.fire(problem);

  private onFrame(data: Buffer): void {
    const event = readFrame(data, this.reportFrameProblem);
    if (!event) return;
    if (event.type === 'ApplicationReplaced') this.releaseApp(event.application);
    this.eventEmitter.fire({ event, frame: data });
  }

  /** Asterisk now sends this app's events to another socket; claiming it again would steal it back. */
  private releaseApp(app: string): void {
    if (!this.apps.includes(app)) return;
    this.apps = this.apps.filter((a) => a !== app);
    this.replacedEmitter.fire(app);
  }

  private onSocketGone(socket: WebSocket, reason: string, code?: number): void {
    if (socket !== this.socket) return;
    this.socket = undefined;
    socket.removeAllListeners();
    socket.on('error', () => undefined);
    this.clearTimers();
    if (!this.running) return;
    this.setStatus({ state: 'closed', reason, code });
    if (this.backoff.exhausted) {
      this.giveUp(`${reason}; gave up after ${this.backoff.attempts} attempts`);
      return;
    }
    const attempt = this.backoff.attempts + 1;
    const inMs = this.backoff.next();
    this.setStatus({ state: 'retrying', inMs, attempt });
    this.retryTimer = this.clock.setTimeout(() => this.connect(), inMs);
  }

  private giveUp(reason: string): void {
    this.running = false;
    this.clearTimers();
    this.setStatus({ state: 'gaveUp', reason });
  }

  private clearTimers(): void {
    this.clock.clearTimeout(this.pingTimer);
    this.clock.clearTimeout(this.pongTimer);
    this.clock.clearTimeout(this.stableTimer);
    this.pongTimer = undefined;
  }

  private setStatus(status: EventsLinkStatus): void {
    this.currentStatus = status;
    this.statusEmitter.fire(status);
  }
}
