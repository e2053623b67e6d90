import { assertAppName } from '../../ari/appName';
import { AriRestClient } from '../../ari/AriRestClient';
import { systemClock, withDeadline, type Clock } from '../../ari/Clock';
import type { EventsLinkStatus } from '../../ari/AriEventsClient';
import type { AsteriskInfo } from '../../ari/generated/ariTypes';
import { DisposableStore } from '../../ari/DisposableStore';
import { Emitter } from '../../ari/Emitter';
import type { AppOwnership } from '../AppOwnership';
import type { ChannelJourney } from '../ChannelJourney';
import type { Fact } from '../facts/Fact';
import { EventLog, type LoggedEvent } from '../EventLog';
import { ModelPipeline } from '../ModelPipeline';
import type { MoveTracker, PendingMove, SettledMove } from '../moves/MoveTracker';
import type { Normaliser } from '../normalise/Normaliser';
import type { ServerModel } from '../ServerModel';
import { TraceFeed } from '../trace/TraceFeed';
import { EndpointRoutes } from '../endpoints/EndpointRoutes';
import { MediaControl } from '../media/MediaControl';
import { BridgeControl } from './BridgeControl';
import { EventIntake } from './EventIntake';
import { EventLinks, type LinkStatusReport } from './EventLinks';
import { FrameProblemFilter } from './frameProblems';
import { MoveController } from './MoveController';
import { Resync, type ResyncReport } from './Resync';
import { AppWatcher } from '../watch/AppWatcher';
import type { ServerSessionOptions, SessionProblem } from './ServerSessionOptions';
import { sameStatus, statusOfSockets, type SessionStatus } from './sessionStatus';

export type { ServerSessionOptions, SessionProblem } from './ServerSessionOptions';
export type { SessionStatus } from './sessionStatus';

/**
 * One Asterisk, connected. It only composes: the event links (sockets, and which apps are ours),
 * the normaliser (raw events and resyncs into facts), the model's stores, the move tracker and
 * the controls (moves, bridges, media, endpoint routes), the journeys and the event log, and the
 * resync that rebuilds the model on every (re)connect.
 */
export class ServerSession {
  readonly id: string;
  readonly name: string;
  readonly rest: AriRestClient;
  readonly model: ServerModel;
  readonly moves: MoveTracker;
  readonly journeys: ChannelJourney;
  readonly log: EventLog;
  /** What traces of the user's own apps tell (docs/trace-proxy.md): fed by the UI's trace proxy. */
  readonly trace: TraceFeed;
  readonly bridges: BridgeControl;
  readonly media: MediaControl;
  readonly endpointRoutes: EndpointRoutes;
  /** Disposed with the session: listeners put their subscriptions to it here. */
  readonly scope = new DisposableStore();
  private readonly links: EventLinks;
  private readonly appWatcher: AppWatcher | undefined;
  private readonly normaliser: Normaliser;
  private readonly resyncer: Resync;
  private readonly intake: EventIntake;
  private readonly controller: MoveController;
  readonly clock: Clock;
  private readonly frameProblems: FrameProblemFilter;
  private connected = false;
  /** Bumped by disconnect, so a connect in flight cannot bring old state back. */
  private generation = 0;
  private currentStatus: SessionStatus = { state: 'disconnected' };
  private info: AsteriskInfo | undefined;
  private readonly eventEmitter = new Emitter<LoggedEvent>((e) => this.reportListenerError(e));
  private readonly statusEmitter = new Emitter<SessionStatus>((e) => this.reportListenerError(e));
  private readonly linkEmitter = new Emitter<LinkStatusReport>((e) => this.reportListenerError(e));
  private readonly problemEmitter = new Emitter<SessionProblem>();
  private readonly replacedEmitter = new Emitter<string>((e) => this.reportListenerError(e));
  private readonly resyncEmitter = new Emitter<ResyncReport>((e) => this.reportListenerError(e));
  private readonly factEmitter = new Emitter<Fact>((e) => this.reportListenerError(e));

  /** Each event after its facts reached the stores, the tracker, the journeys and the log. */
  readonly onEvent = this.eventEmitter.event;
  readonly onStatus = this.statusEmitter.event;
  /** Lifecycle of each events socket, for the log. */
  readonly onLinkStatus = this.linkEmitter.event;
  /** Something went wrong that did not stop the session: a bad frame, a failed resync. */
  readonly onProblem = this.problemEmitter.event;
  readonly onAppReplaced = this.replacedEmitter.event;
  readonly onResync = this.resyncEmitter.event;
  /** Each fact as the normaliser reads it, before the stores apply it: what an event or a listing meant. */
  readonly onFact = this.factEmitter.event;

  constructor(private readonly options: ServerSessionOptions) {
    for (const app of options.apps) assertAppName(app);
    this.id = options.serverId;
    this.name = options.config.name;
    this.clock = options.clock ?? systemClock;
    const onListenerError = (e: unknown) => this.reportListenerError(e);
    this.frameProblems = new FrameProblemFilter(this.name, { resync: () => void this.resync(), problem: (p) => this.problemEmitter.fire(p) });
    this.rest = new AriRestClient(options.config);
    this.links = new EventLinks(options.config, { events: options.events, subscribeAll: options.subscribeAll, clock: this.clock, onListenerError, onEvent: (received) => this.intake.receive(received, false) });
    const pipeline = new ModelPipeline(this.links, { moveTimeoutMs: options.moveTimeoutMs, clock: this.clock, onListenerError, onPlacementUnknown: () => this.appWatcher?.listing.request(), onFact: (fact) => this.factEmitter.fire(fact), alsoHeard: (app) => this.trace.hears(app) });
    this.model = pipeline.model;
    this.moves = pipeline.moves;
    this.journeys = pipeline.journeys;
    this.normaliser = pipeline.normaliser;
    this.log = new EventLog(options.eventLogCapacity);
    this.controller = new MoveController(this.rest, this.moves, pipeline);
    this.bridges = new BridgeControl(this.rest, pipeline);
    this.media = new MediaControl(this.rest, this.onFact, this.clock);
    this.endpointRoutes = new EndpointRoutes(this.rest, onListenerError);
    this.onResync(() => this.endpointRoutes.forget());
    this.resyncer = new Resync(this.rest, this.resyncHooks(), this.clock, options.resyncRetryMs ?? 2_000);
    this.intake = new EventIntake({ serverId: this.id, serverName: this.name, clock: this.clock, normaliser: this.normaliser, model: this.model, log: this.log, resyncer: this.resyncer, resync: () => void this.resync(), problem: (p) => this.problemEmitter.fire(p), told: (logged) => this.eventEmitter.fire(logged) });
    this.trace = new TraceFeed({ serverId: this.id, serverName: this.name, receive: (r, observed) => this.intake.receive(r, observed), frameProblem: (p) => this.frameProblems.tell(p), moves: this.controller, tracker: this.moves, normaliser: this.normaliser, missed: () => void this.resync(), onListenerError, capacity: options.eventLogCapacity });
    this.appWatcher = options.watch === false ? undefined : this.newWatcher(options.watch === true ? undefined : options.watch);
    this.wireLinks();
    // Asterisk said a channel we may still show is gone (its last events can be lost with a link).
    this.rest.onChannelGone(() => void this.resync());
  }

  get status(): SessionStatus {
    return this.currentStatus;
  }

  /** What Asterisk said of itself (GET /asterisk/info) at the last connect. */
  get asteriskInfo(): AsteriskInfo | undefined {
    return this.info;
  }

  /** What watches every app of the server (docs/ari-behaviour.md#watching); undefined when turned off. */
  get watcher(): Pick<AppWatcher, 'appName' | 'listing' | 'stopped' | 'watching'> | undefined {
    return this.appWatcher;
  }

  /** Which apps are ours: registered by this session's sockets. */
  get ownership(): AppOwnership {
    return this.links;
  }

  /** The state of our events socket for `app` (undefined if it is not ours). */
  linkStatusOf(app: string): EventsLinkStatus | undefined {
    return this.links.statusOf(app);
  }

  /**
   * Opens one events socket per app and resolves after the first resync; rejects with a clear error
   * if the server cannot be used (wrong password, nothing listening, …), leaving the session failed.
   */
  async connect(): Promise<void> {
    if (this.connected) return;
    this.connected = true;
    const generation = this.generation;
    this.setStatus({ state: 'connecting' });
    try {
      this.info = await this.rest.asteriskInfo();
      if (generation !== this.generation) throw new Error(`The connection to ${this.name} was closed while connecting.`);
      const watching = this.appWatcher ? [this.appWatcher.open().then(() => this.resyncer.latest)] : [];
      // A socket that keeps retrying (503, a proxy's 502) must not leave connect() pending forever.
      const ms = this.options.connectTimeoutMs ?? 30_000;
      const late = () => new Error(`The events socket of ${this.name} did not open within ${ms / 1000} s (last: ${this.links.lastCloseReason ?? this.appWatcher?.lastCloseReason ?? 'no answer'}). Check that Asterisk is up and ARI is enabled.`);
      await withDeadline(this.clock, ms, Promise.all([...this.options.apps.map((app) => this.openLink(app)), ...watching]), late);
      // Nothing resynced on opening: no apps, and no watcher subscribed (none, refused, or retrying).
      if (this.options.apps.length === 0 && !this.appWatcher?.watching) await this.resync();
      this.updateStatus();
    } catch (error) {
      if (generation === this.generation) {
        this.closeEverything();
        this.setStatus({ state: 'failed', reason: (error as Error).message });
      }
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.closeEverything();
    this.setStatus({ state: 'disconnected' });
  }

  /** Sends a text frame (a RESTRequest) on one of our events sockets that is open, an app's first; false if none is. */
  sendOnEventsSocket(text: string): boolean {
    return this.links.send(text) || (this.appWatcher?.send(text) ?? false);
  }

  /** Drops every events link; each comes back through its normal backoff and resync. */
  reconnect(reason = 'reconnect requested'): void {
    this.links.dropAll(reason);
    this.appWatcher?.dropLink(reason);
  }

  async dispose(): Promise<void> {
    await this.disconnect();
    for (const part of [this.scope, this.moves, this.model, this.links, this.appWatcher, this.trace, this.endpointRoutes]) part?.dispose();
    for (const e of [this.eventEmitter, this.statusEmitter, this.linkEmitter, this.problemEmitter, this.replacedEmitter, this.resyncEmitter, this.factEmitter]) e.dispose();
    await this.rest.close();
  }

  /** Registers an app on a socket of its own; resolves once Asterisk accepted it and the model is read again. */
  async registerApp(name: string): Promise<void> {
    assertAppName(name);
    if (!this.connected) throw new Error(`Not connected to ${this.name}. Connect first.`);
    if (this.links.isOwned(name)) return;
    await this.openLink(name);
  }

  /** Gives an app up. Asterisk keeps it (inactive) while channels are still in it (docs/ari-behaviour.md#socket-close). */
  async unregisterApp(name: string): Promise<void> {
    if (!this.links.close(name, `application "${name}" was unregistered`)) return;
    this.normaliser.appActivity(name, false, 'Stasis Explorer unregistered it');
    await this.resync();
  }

  /** Asks Asterisk to move a channel; `outcome` settles as one MoveOutcome. */
  move(channelId: string, to: string, args: readonly string[] = []): { move: PendingMove; outcome: Promise<SettledMove> } {
    return this.controller.move(channelId, to, args);
  }

  /** Rebuilds the model from REST; a call during a run gets the next run. Nothing to rebuild while disconnected. */
  resync(): Promise<void> {
    return this.connected ? this.resyncer.run() : Promise.resolve();
  }

  private async openLink(app: string): Promise<void> {
    await this.links.open([app]);
    // The socket's opening started a resync; the app is usable once it is in.
    await this.resyncer.latest;
  }

  private closeEverything(): void {
    this.connected = false;
    this.generation++;
    this.resyncer.cancel();
    this.links.closeAll();
    this.appWatcher?.close();
    this.moves.linkLost(`disconnected from ${this.name}`);
    this.normaliser.clear();
    this.model.clear();
  }

  private newWatcher(watch: ServerSessionOptions['watch'] & object | undefined): AppWatcher {
    return new AppWatcher(this.options.config, this.rest, { ...watch, clock: this.clock, events: this.options.events }, {
      receive: (received) => this.intake.receive(received, true),
      readListing: (applications, asked) => this.intake.readListing(applications, asked),
      epoch: () => this.intake.epoch,
      // Our own apps' moves come with their events; only another client's app can move unseen.
      worthPolling: () => [...this.model.channels.appsWithChannels].some((app) => !this.links.isOwned(app)),
      resync: () => void this.resync(),
      problem: (message) => {
        this.problemEmitter.fire({ message: `${this.name}: ${message}` });
        this.updateStatus();
      },
      linkStatus: (report) => {
        this.linkEmitter.fire(report);
        this.updateStatus();
      },
      frameProblem: (p) => this.frameProblems.tell(p),
      listenerError: (e) => this.reportListenerError(e),
    });
  }

  private wireLinks(): void {
    this.links.onOpened(() => void this.resync());
    this.links.onLinkLost(({ apps, reason }) => this.moves.linkLost(reason, apps));
    this.links.onAppReplaced((app) => {
      this.normaliser.appActivity(app, true, 'another client registered it (ApplicationReplaced)');
      this.replacedEmitter.fire(app);
    });
    this.links.onLinkStatus((report) => {
      if (report.status.state === 'gaveUp') for (const app of report.apps) this.normaliser.appActivity(app, false, `our events socket for it gave up (${report.status.reason})`);
      this.linkEmitter.fire(report);
      this.updateStatus();
    });
    this.links.onFrameProblem((p) => this.frameProblems.tell(p));
  }

  private resyncHooks(): ConstructorParameters<typeof Resync>[1] {
    return {
      uncertainMoves: () => this.controller.lostMoves,
      read: (snapshot) => {
        // While the watcher hears every channel, every channel REST lists is read, in an app or not.
        this.normaliser.readSnapshot({ ...snapshot, everyChannel: this.appWatcher?.watching ?? false });
        this.model.flush();
        this.controller.placed(snapshot.uncertainMoves ?? new Map(), (id) => this.model.channels.get(id));
      },
      replay: (received, fromWatcher) => this.intake.process(received, fromWatcher),
      done: (report) => this.resyncEmitter.fire(report),
      failed: (error) => this.problemEmitter.fire({ message: `Resync with ${this.name} failed; retrying.`, detail: error.message }),
    };
  }

  private updateStatus(): void {
    if (this.connected) this.setStatus(statusOfSockets(this.links, this.options.apps.length > 0, this.appWatcher));
  }

  private setStatus(status: SessionStatus): void {
    if (sameStatus(status, this.currentStatus)) return;
    this.currentStatus = status;
    this.statusEmitter.fire(status);
  }

  private reportListenerError(error: unknown): void {
    this.problemEmitter.fire({ message: 'A listener failed while handling an ARI event.', detail: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}
