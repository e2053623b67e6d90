import { appNameProblem } from '../ari/appName';
import { AriConfigError } from '../ari/AriConfigError';
import { AriEventsClient, type AriEventsClientOptions, type EventsLinkStatus, type FrameProblem } from '../ari/AriEventsClient';
import { AriRestClient } from '../ari/AriRestClient';
import type { AriServerConfig } from '../ari/AriServerConfig';
import { Emitter } from '../ari/Emitter';
import { eventShapeProblem } from '../ari/eventShape';
import { ARI_SPEC_VERSION, type AriEvent } from '../ari/generated/ariTypes';
import { ChannelJourney } from './ChannelJourney';
import { systemClock, type Clock } from './Clock';
import { EventLog, type LoggedEvent } from './EventLog';
import { MoveTracker, type PendingMove, type SettledMove } from './MoveTracker';
import { ServerState } from './ServerState';

export interface ServerSessionOptions {
  config: AriServerConfig;
  /** Apps registered on connect, each on a socket of its own. */
  apps: readonly string[];
  subscribeAll?: boolean;
  eventLogCapacity?: number;
  moveTimeoutMs?: number;
  events?: Omit<AriEventsClientOptions, 'apps' | 'subscribeAll'>;
  /** How long connect() waits for the events sockets to open. */
  connectTimeoutMs?: number;
  /** Wait before retrying a resync that failed (e.g. 503 while Asterisk boots). */
  resyncRetryMs?: number;
  clock?: Clock;
}

export type SessionStatus =
  | { state: 'disconnected' }
  | { state: 'connecting' }
  | { state: 'connected' }
  | { state: 'reconnecting'; inMs: number; reason: string }
  | { state: 'failed'; reason: string };

export interface LinkStatusReport {
  apps: readonly string[];
  status: EventsLinkStatus;
}

export interface SessionProblem {
  message: string;
  detail?: string;
}

export interface ResyncReport {
  applications: number;
  channels: number;
  durationMs: number;
}

/**
 * One Asterisk, connected: REST client, events sockets, state, move tracking, journeys and
 * event log, kept in step. Apps registered later get a socket of their own, so registering or
 * unregistering one never drops the others (which would bounce calls arriving meanwhile).
 */
export class ServerSession {
  readonly rest: AriRestClient;
  readonly state: ServerState;
  readonly moves: MoveTracker;
  readonly journeys = new ChannelJourney();
  readonly log: EventLog;

  private readonly sockets: AriEventsClient[] = [];
  private connected = false;
  private resyncing: Promise<void> | undefined;
  private resyncAgain = false;
  private buffered: AriEvent[] | undefined;
  /** Apps whose socket (re)opened since the last good resync, each with the number of that opening. */
  private readonly unknownTypes = new Set<string>();
  /** Moves whose outcome was lost since the last good resync: REST may show where they went. */
  private readonly uncertainMoves = new Map<string, { to: string; args: readonly string[] }>();
  private resyncRetryTimer: unknown;
  /** Bumped by disconnect, so a resync that was in flight cannot bring old state back. */
  private generation = 0;
  private currentStatus: SessionStatus = { state: 'disconnected' };
  private lastCloseReason: string | undefined;
  private readonly moveRequests = new Map<string, Promise<void>>();
  private readonly clock: Clock;

  private readonly eventEmitter = new Emitter<LoggedEvent>((e) => this.reportListenerError(e));
  private readonly statusEmitter = new Emitter<SessionStatus>((e) => this.reportListenerError(e));
  private readonly linkEmitter = new Emitter<LinkStatusReport>((e) => this.reportListenerError(e));
  private readonly problemEmitter = new Emitter<SessionProblem>();
  private readonly replacedEmitter = new Emitter<string>((e) => this.reportListenerError(e));
  private readonly resyncEmitter = new Emitter<ResyncReport>((e) => this.reportListenerError(e));

  /** Each event after it reached the state, the tracker, the journeys and the log. */
  readonly onEvent = this.eventEmitter.event;
  readonly onStatus = this.statusEmitter.event;
  /** Lifecycle of each events socket, for the log. */
  readonly onLinkStatus = this.linkEmitter.event;
  /** Something went wrong that did not stop the session: a bad frame, a failed resync. */
  readonly onProblem = this.problemEmitter.event;
  readonly onAppReplaced = this.replacedEmitter.event;
  readonly onResync = this.resyncEmitter.event;

  constructor(private readonly options: ServerSessionOptions) {
    for (const app of options.apps) {
      const problem = appNameProblem(app);
      if (problem) throw new AriConfigError(problem);
    }
    this.clock = options.clock ?? systemClock;
    this.rest = new AriRestClient(options.config);
    // Asterisk said a channel we may still show is gone (its last events can be lost with a link).
    this.rest.onChannelGone(() => {
      if (this.connected) void this.resync();
    });
    const onListenerError = (e: unknown) => this.reportListenerError(e);
    this.state = new ServerState(onListenerError);
    this.moves = new MoveTracker(options.moveTimeoutMs, this.clock, onListenerError);
    this.moves.onDidSettle((m) => {
      if (m.outcome.kind === 'unknown' || m.outcome.kind === 'timedOut') this.uncertainMoves.set(m.channelId, { to: m.to, args: m.args });
      else this.uncertainMoves.delete(m.channelId);
    });
    this.log = new EventLog(options.eventLogCapacity);
  }

  get name(): string {
    return this.options.config.name;
  }

  get status(): SessionStatus {
    return this.currentStatus;
  }

  /** The apps our sockets hold now. */
  get ownedApps(): string[] {
    return this.sockets.flatMap((s) => [...s.applications]);
  }

  /**
   * Opens one events socket per app and resolves after the first resync; rejects with a clear
   * error if the server cannot be used (wrong password, nothing listening, …), leaving the
   * session disconnected.
   */
  async connect(): Promise<void> {
    if (this.connected) return;
    this.connected = true;
    const generation = this.generation;
    this.setStatus({ state: 'connecting' });
    try {
      await this.rest.asteriskInfo();
      if (generation !== this.generation) throw new Error(`The connection to ${this.name} was closed while connecting.`);
      // One socket per app: registering or unregistering one app later never drops the others.
      await this.withDeadline(Promise.all(this.options.apps.map((app) => this.openSocket([app]))));
      if (this.options.apps.length === 0) await this.resync();
      this.updateStatus();
    } catch (error) {
      if (generation === this.generation) {
        this.closeEverything();
        this.setStatus({ state: 'failed', reason: (error as Error).message });
      }
      throw error;
    }
  }

  /** A socket that keeps retrying (503, a proxy's 502) must not leave connect() pending forever. */
  private withDeadline<T>(work: Promise<T>): Promise<T> {
    const ms = this.options.connectTimeoutMs ?? 30_000;
    let timer: unknown;
    const deadline = new Promise<never>((_resolve, reject) => {
      timer = this.clock.setTimeout(() => reject(new Error(`The events socket of ${this.name} did not open within ${ms / 1000} s (last: ${this.lastCloseReason ?? 'no answer'}). Check that Asterisk is up and ARI is enabled.`)), ms);
    });
    return Promise.race([work, deadline]).finally(() => this.clock.clearTimeout(timer));
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.closeEverything();
    this.setStatus({ state: 'disconnected' });
  }

  /** Drops every events link; each comes back through its normal backoff and resync. */
  reconnect(reason = 'reconnect requested'): void {
    for (const socket of this.sockets) socket.dropLink(reason);
  }

  private closeEverything(): void {
    this.connected = false;
    this.generation++;
    this.clock.clearTimeout(this.resyncRetryTimer);
    for (const socket of this.sockets.splice(0)) socket.stop();
    this.moves.linkLost(`disconnected from ${this.name}`);
    this.buffered = undefined;
    this.state.clear();
  }

  async dispose(): Promise<void> {
    await this.disconnect();
    this.moves.dispose();
    await this.rest.close();
  }

  /** Registers an app on a socket of its own; resolves once Asterisk accepted it. */
  async registerApp(name: string): Promise<void> {
    const problem = appNameProblem(name);
    if (problem) throw new AriConfigError(problem);
    if (!this.connected) throw new Error(`Not connected to ${this.name}. Connect first.`);
    if (this.ownedApps.includes(name)) return;
    await this.openSocket([name]);
  }

  /** Gives an app up. Asterisk keeps it (inactive) while channels are still in it. */
  async unregisterApp(name: string): Promise<void> {
    const socket = this.sockets.find((s) => s.applications.includes(name));
    if (!socket) return;
    this.dropSocket(socket, `application "${name}" was unregistered`);
    this.state.setOwned(name, false);
    await this.resync();
  }

  /** Asks Asterisk to move a channel; `outcome` settles as moved, failed, rejected, timedOut or unknown. */
  move(channelId: string, to: string, args: readonly string[] = []): { move: PendingMove; outcome: Promise<SettledMove> } {
    const problem = appNameProblem(to);
    if (problem) throw new AriConfigError(problem);
    this.rest.checkMove(channelId, to, args); // throws before anything is tracked if the request cannot be sent as asked
    const current = this.state.channel(channelId)?.stasisApp;
    const owned = this.ownedApps;
    const tracked = this.moves.begin(channelId, current, to, args, { source: current !== undefined && owned.includes(current), destination: owned.includes(to) });
    this.journeys.recordMoveRequest(channelId, tracked.move.from, to, args, new Date(this.clock.now()).toISOString());
    // Asterisk runs a channel's commands in the order they arrive; two POSTs in flight at once
    // may arrive swapped, so each move of a channel waits for the previous one's answer.
    const previous = this.moveRequests.get(channelId) ?? Promise.resolve();
    const request = previous.then(() => this.rest.move(channelId, to, args)).catch((error: Error) => this.moves.reject(tracked.move.id, error));
    this.moveRequests.set(channelId, request);
    void request.then(() => {
      if (this.moveRequests.get(channelId) === request) this.moveRequests.delete(channelId);
    });
    return tracked;
  }

  /** Rebuilds the state from REST. Concurrent calls share one run, and a call during a run queues one more. */
  resync(): Promise<void> {
    if (this.resyncing) {
      this.resyncAgain = true;
      return this.resyncing;
    }
    this.buffered ??= [];
    this.resyncing = this.runResync().finally(() => {
      this.resyncing = undefined;
      if (this.resyncAgain) {
        this.resyncAgain = false;
        void this.resync();
      }
    });
    return this.resyncing;
  }

  private async runResync(): Promise<void> {
    const started = this.clock.now();
    const generation = this.generation;
    try {
      const uncertainMoves = new Map(this.uncertainMoves);
      const [applications, channels] = await Promise.all([this.rest.listApplications(), this.rest.listChannels()]);
      if (generation !== this.generation) return;
      for (const app of this.ownedApps) this.state.setOwned(app, true);
      this.state.resync({ applications, channels, uncertainMoves });
      // Kept until REST shows where it went: the socket of the destination may reopen after this resync.
      for (const [id, move] of uncertainMoves) {
        const now = this.state.channel(id);
        if (this.uncertainMoves.get(id) === move && (!now || now.stasisApp === move.to)) this.uncertainMoves.delete(id);
      }
      // Only after a resync that worked, and not for an app whose socket reopened meanwhile.
      this.resyncEmitter.fire({ applications: applications.length, channels: channels.length, durationMs: this.clock.now() - started });
    } catch (error) {
      if (generation !== this.generation) return;
      this.problemEmitter.fire({ message: `Resync with ${this.name} failed; retrying.`, detail: (error as Error).message });
      if (this.connected) {
        this.clock.clearTimeout(this.resyncRetryTimer);
        this.resyncRetryTimer = this.clock.setTimeout(() => void this.resync(), this.options.resyncRetryMs ?? 2_000);
      }
    } finally {
      // Events that arrived while we read the snapshot happened after it began: replay them on top.
      if (generation === this.generation) {
        const pending = this.buffered ?? [];
        this.buffered = undefined;
        for (const event of pending) this.process(event);
      }
    }
  }

  private openSocket(apps: readonly string[]): Promise<void> {
    const socket = new AriEventsClient(this.options.config, {
      ...this.options.events,
      apps,
      subscribeAll: this.options.subscribeAll,
    });
    this.sockets.push(socket);
    socket.onEvent((event) => {
      if (this.buffered) this.buffered.push(event);
      else this.process(event);
    });
    socket.onFrameProblem((p) => {
      // A newer Asterisk may send an event type on every call: say so once per type, not per frame.
      if (p.problem === 'unknownType') {
        if (this.unknownTypes.has(p.detail) || this.unknownTypes.size >= 100) return;
        this.unknownTypes.add(p.detail);
      }
      if (p.problem === 'tooLarge') void this.resync();
      this.problemEmitter.fire({ message: this.describeFrameProblem(p), detail: p.excerpt });
    });
    socket.onListenerError((e) => this.reportListenerError(e));
    socket.onAppReplaced((app) => {
      this.state.setOwned(app, false);
      this.replacedEmitter.fire(app);
    });
    return new Promise<void>((resolve, reject) => {
      let firstOpen = true;
      socket.onStatus((status) => {
        this.linkEmitter.fire({ apps: socket.applications, status });
        if (status.state === 'open') {
          for (const app of socket.applications) this.state.setOwned(app, true);
          const done = this.resync();
          if (firstOpen) {
            firstOpen = false;
            void done.then(resolve);
          }
        } else if (status.state === 'closed') {
          this.lastCloseReason = status.reason;
          this.moves.linkLost(`the events link to ${this.name} dropped (${status.reason})`, socket.applications);
        } else if (status.state === 'gaveUp') {
          this.lastCloseReason = status.reason;
          // The apps of a socket that gave up are no longer ours, whether it ever opened or not.
          this.moves.linkLost(`the events link to ${this.name} gave up (${status.reason})`, socket.applications);
          this.dropSocket(socket);
          for (const app of socket.applications) this.state.setOwned(app, false);
          if (firstOpen) {
            firstOpen = false;
            reject(new Error(`Could not open the events socket of ${this.name}: ${status.reason}`));
          }
        } else if (status.state === 'stopped' && firstOpen) {
          firstOpen = false;
          reject(new Error(`The events socket of ${this.name} was closed before it opened.`));
        }
        this.updateStatus();
      });
      socket.start();
    });
  }

  private dropSocket(socket: AriEventsClient, reason?: string): void {
    const index = this.sockets.indexOf(socket);
    if (index >= 0) this.sockets.splice(index, 1);
    if (reason) this.moves.linkLost(reason, socket.applications);
    socket.stop();
    this.updateStatus();
  }

  private describeFrameProblem(p: FrameProblem): string {
    switch (p.problem) {
      case 'notJson':
        return `Ignored a frame from ${this.name} that is not JSON (${p.detail}); nothing was changed. Asterisk sends only JSON events: if this repeats, check that the server URL reaches Asterisk and not a proxy.`;
      case 'notAnEvent':
        return `Ignored a frame from ${this.name} that is not an ARI event (${p.detail}); nothing was changed.`;
      case 'binary':
        return `Ignored ${p.detail} from ${this.name}: ARI events are text; nothing was changed.`;
      case 'tooLarge':
        return `Ignored ${p.detail} from ${this.name}: parsing it would stall VS Code. The model is read again from REST instead.`;
      case 'unknownType':
        return `Ignored a frame from ${this.name}: ${p.detail} (Stasis Explorer knows the events of ARI ${ARI_SPEC_VERSION}; a newer Asterisk may send more); nothing was changed, and further ones of this type are ignored without a message.`;
    }
  }

  /** One event through state, journeys, moves and log. A bad event is reported, never fatal. */
  private process(event: AriEvent): void {
    const shapeProblem = eventShapeProblem(event);
    if (shapeProblem) {
      this.problemEmitter.fire({ message: `Could not process a ${event.type} event from ${this.name}: ${shapeProblem}. It was ignored, and the model is read again from REST.`, detail: JSON.stringify(event).slice(0, 200) });
      // What the event meant is lost: REST tells where things stand now.
      void this.resync();
      return;
    }
    try {
      const logged = this.log.append(this.name, event, this.clock.now());
      this.state.apply(event);
      this.journeys.record(event);
      this.moves.observe(event);
      this.eventEmitter.fire(logged);
    } catch (error) {
      this.problemEmitter.fire({ message: `Could not process a ${event.type} event from ${this.name}.`, detail: error instanceof Error ? error.message : String(error) });
    }
  }

  private updateStatus(): void {
    if (!this.connected) return;
    const statuses = this.sockets.map((s) => s.status);
    const retrying = statuses.find((s) => s.state === 'retrying');
    if (this.sockets.length === 0 && this.options.apps.length > 0) {
      // Every socket gave up (a 401 after a password change, apps taken over): no events come.
      this.setStatus({ state: 'failed', reason: this.lastCloseReason ?? 'no events socket is left' });
    } else if (retrying?.state === 'retrying') {
      this.setStatus({ state: 'reconnecting', inMs: retrying.inMs, reason: this.lastCloseReason ?? 'the link dropped' });
    } else if (statuses.every((s) => s.state === 'open')) {
      this.setStatus({ state: 'connected' });
    } else {
      this.setStatus({ state: 'connecting' });
    }
  }

  private setStatus(status: SessionStatus): void {
    if (JSON.stringify(status) === JSON.stringify(this.currentStatus)) return;
    this.currentStatus = status;
    this.statusEmitter.fire(status);
  }

  private reportListenerError(error: unknown): void {
    this.problemEmitter.fire({ message: 'A listener failed while handling an ARI event.', detail: error instanceof Error ? error.stack ?? error.message : String(error) });
  }
}
