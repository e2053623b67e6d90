import { Emitter } from '../ari/Emitter';
import { ALL_BRIDGES_TOPIC, ALL_CHANNELS_TOPIC, type Application, type AriEvent, type Channel } from '../ari/generated/ariTypes';
import { StateChangeBuilder, type StateChange } from './StateChange';

export interface ApplicationView {
  readonly name: string;
  /** Registered by one of our sockets (and not taken over since). Otherwise only observed. */
  readonly owned: boolean;
  /** Channels shown under the app: inside its Stasis(), or subscribed and waiting to enter. */
  readonly channelIds: ReadonlySet<string>;
  readonly bridgeIds: ReadonlySet<string>;
  /** Registered with subscribeAll: Asterisk lists no channel ids for it, only a wildcard. */
  readonly subscribedToAll: boolean;
}

export interface ChannelView {
  readonly id: string;
  readonly snapshot: Channel;
  /** The app whose Stasis() the channel is in now, if known. */
  readonly stasisApp: string | undefined;
  /** The args it entered stasisApp with (from StasisStart, or the dialplan when resynced). */
  readonly args: readonly string[];
  /** Apps that receive this channel's events (ARI subscriptions), whether or not it is in their Stasis(). */
  readonly subscribedApps: ReadonlySet<string>;
  readonly bridgeId: string | undefined;
  readonly hangupRequested: { cause?: number; soft?: boolean } | undefined;
  readonly variables: ReadonlyMap<string, string>;
  /** Asterisk's timestamp of the StasisStart into stasisApp. */
  readonly enteredAt: string | undefined;
}

interface AppEntry {
  name: string;
  owned: boolean;
  channelIds: Set<string>;
  bridgeIds: Set<string>;
  subscribedToAll: boolean;
}

interface ChannelEntry {
  id: string;
  snapshot: Channel;
  stasisApp: string | undefined;
  args: string[];
  subscribedApps: Set<string>;
  bridgeId: string | undefined;
  hangupRequested: { cause?: number; soft?: boolean } | undefined;
  variables: Map<string, string>;
  enteredAt: string | undefined;
  /** Apps the channel is listed under right now; kept so a change can name both old and new. */
  shownIn: string[];
}

/** What Asterisk's REST API said at one moment, for `resync`. */
export interface ResyncSnapshot {
  applications: readonly Application[];
  channels: readonly Channel[];
  /**
   * Moves whose outcome was lost (ended unknown or timed out), by channel: where to and with what
   * args. Such a channel is placed from REST, not where the events last put it.
   */
  uncertainMoves?: ReadonlyMap<string, { to: string; args: readonly string[] }>;
}

/** Events for channels that are gone may still arrive (another app's copy); they must not revive them. */
const FORGET_DESTROYED_AFTER = 2048;

/**
 * The live picture of one Asterisk: its Stasis applications and their channels, kept current
 * from events and rebuilt by `resync`. Every update fires one `StateChange` naming exactly what
 * changed.
 */
export class ServerState {
  private readonly apps = new Map<string, AppEntry>();
  private readonly channelMap = new Map<string, ChannelEntry>();
  private readonly ownedApps = new Set<string>();
  /** Destroyed channel ids → their creationtime, so a new channel reusing the id is told apart. */
  private readonly destroyed = new Map<string, string>();
  private readonly changeEmitter: Emitter<StateChange>;

  readonly onDidChange: Emitter<StateChange>['event'];

  /** `onListenerError` receives what a change listener throws; the update itself goes on. */
  constructor(onListenerError?: (error: unknown) => void) {
    this.changeEmitter = new Emitter<StateChange>(onListenerError);
    this.onDidChange = this.changeEmitter.event;
  }

  get applications(): readonly ApplicationView[] {
    return [...this.apps.values()];
  }

  application(name: string): ApplicationView | undefined {
    return this.apps.get(name);
  }

  channel(id: string): ChannelView | undefined {
    return this.channelMap.get(id);
  }

  channelsOf(app: string): ChannelView[] {
    const entry = this.apps.get(app);
    if (!entry) return [];
    const out: ChannelView[] = [];
    for (const id of entry.channelIds) {
      const channel = this.channelMap.get(id);
      if (channel) out.push(channel);
    }
    return out;
  }

  /** Marks an app as ours (registered on our socket) or not; creates it if new. */
  setOwned(name: string, owned: boolean): void {
    const change = new StateChangeBuilder();
    if (owned) this.ownedApps.add(name);
    else this.ownedApps.delete(name);
    const app = this.apps.get(name);
    if (app) {
      if (app.owned !== owned) {
        app.owned = owned;
        change.application(name);
      }
    } else if (owned) {
      this.ensureApp(name, change);
    }
    this.emit(change);
  }

  /** Forgets an app we no longer own and that Asterisk no longer lists. */
  removeApplication(name: string): void {
    const change = new StateChangeBuilder();
    this.ownedApps.delete(name);
    const app = this.apps.get(name);
    if (app) {
      for (const id of app.channelIds) {
        const channel = this.channelMap.get(id);
        if (channel) {
          channel.subscribedApps.delete(name);
          if (channel.stasisApp === name) channel.stasisApp = undefined;
          this.place(channel, change);
        }
      }
      this.apps.delete(name);
      change.applicationRemoved(name);
    }
    this.emit(change);
  }

  apply(event: AriEvent): void {
    const change = new StateChangeBuilder();
    this.applyInto(event, change);
    this.emit(change);
  }

  /**
   * Rebuilds from what Asterisk says now (Asterisk replays no StasisStart after a reconnect).
   * Idempotent: the result depends only on the snapshot and on what we knew of each channel.
   */
  resync(snapshot: ResyncSnapshot): void {
    const change = new StateChangeBuilder();
    const channelsById = new Map(snapshot.channels.map((c) => [c.id, c]));
    const listedApps = new Set(snapshot.applications.map((a) => a.name));

    for (const name of [...this.apps.keys()]) {
      if (!listedApps.has(name) && !this.ownedApps.has(name)) {
        this.apps.delete(name);
        change.applicationRemoved(name);
      }
    }

    // Which apps each live channel is subscribed to, per Asterisk.
    const subscriptions = new Map<string, Set<string>>();
    for (const application of snapshot.applications) {
      const app = this.ensureApp(application.name, change);
      const subscribedToAll = application.channel_ids.includes(ALL_CHANNELS_TOPIC);
      const bridgeIds = new Set(application.bridge_ids.filter((id) => id !== ALL_BRIDGES_TOPIC));
      if (app.subscribedToAll !== subscribedToAll || !sameSet(app.bridgeIds, bridgeIds)) {
        app.subscribedToAll = subscribedToAll;
        app.bridgeIds = bridgeIds;
        change.application(app.name);
      }
      for (const id of application.channel_ids) {
        if (id === ALL_CHANNELS_TOPIC || !channelsById.has(id)) continue;
        let apps = subscriptions.get(id);
        if (!apps) subscriptions.set(id, (apps = new Set()));
        apps.add(application.name);
      }
    }

    for (const [id, entry] of [...this.channelMap]) {
      const snap = channelsById.get(id);
      // A channel we learned of through a subscribe-all app is not in any channel_ids list.
      const viaWildcard = snap !== undefined && [...entry.subscribedApps].some((a) => this.apps.get(a)?.subscribedToAll);
      if (!snap || (!subscriptions.has(id) && !viaWildcard)) this.deleteChannel(entry, change);
    }

    for (const [id, apps] of subscriptions) {
      const snap = channelsById.get(id)!;
      const known = this.channelMap.get(id);
      const entry = known ?? this.newChannel(snap);
      const before = JSON.stringify([entry.snapshot, entry.stasisApp, entry.args, [...entry.subscribedApps]]);
      entry.snapshot = snap;
      entry.subscribedApps = new Set(apps);
      const previousApp = entry.stasisApp;
      entry.stasisApp = resyncedStasisApp(entry, snap, apps, snapshot.uncertainMoves?.has(id) ?? false);
      if (entry.stasisApp && (!known || previousApp !== entry.stasisApp)) {
        // app_data names only the first app; a move we asked for and then lost sight of has its args.
        const lost = snapshot.uncertainMoves?.get(id);
        entry.args = lost?.to === entry.stasisApp ? [...lost.args] : argsFromDialplan(snap, entry.stasisApp);
      }
      if (!known) this.channelMap.set(id, entry);
      if (!known || before !== JSON.stringify([entry.snapshot, entry.stasisApp, entry.args, [...entry.subscribedApps]])) change.channel(id);
      this.place(entry, change);
    }
    // Channels known only through a subscribe-all app: Asterisk lists no ids for them, so what
    // REST can still tell is whether they are inside Stasis() at all.
    for (const entry of this.channelMap.values()) {
      if (subscriptions.has(entry.id)) continue;
      const snap = channelsById.get(entry.id)!;
      const stasisApp = snap.dialplan.app_name === 'Stasis' ? entry.stasisApp : undefined;
      if (snap !== entry.snapshot || stasisApp !== entry.stasisApp) {
        entry.snapshot = snap;
        entry.stasisApp = stasisApp;
        change.channel(entry.id);
        this.place(entry, change);
      }
    }
    this.emit(change);
  }

  /** Drops everything, e.g. when the user disconnects from the server. */
  clear(): void {
    const change = new StateChangeBuilder();
    for (const id of this.channelMap.keys()) change.channelRemoved(id);
    for (const name of this.apps.keys()) change.applicationRemoved(name);
    this.channelMap.clear();
    this.apps.clear();
    this.ownedApps.clear();
    this.emit(change);
  }

  private applyInto(event: AriEvent, change: StateChangeBuilder): void {
    switch (event.type) {
      case 'StasisStart': {
        const entry = this.touchChannel(event.channel, event.application, change);
        if (!entry) return;
        entry.subscribedApps.add(event.application);
        // Each app has a socket of its own: after two quick moves, the first destination's
        // StasisStart (and StasisEnd) can arrive after the second's. The later entry stands.
        if (entry.stasisApp && entry.stasisApp !== event.application && entry.enteredAt && isEarlier(event.timestamp, entry.enteredAt)) return;
        entry.stasisApp = event.application;
        entry.args = [...event.args];
        entry.enteredAt = event.timestamp;
        change.channel(entry.id);
        this.place(entry, change);
        return;
      }
      case 'StasisEnd': {
        const entry = this.channelMap.get(event.channel.id);
        if (!entry) return;
        entry.snapshot = event.channel;
        // The end of the old app may arrive after the start in the new one (different topics).
        if (entry.stasisApp === event.application) {
          entry.stasisApp = undefined;
          entry.enteredAt = undefined;
        }
        entry.subscribedApps.delete(event.application);
        // A channel that came in through the dialplan gets no ChannelDestroyed once it has left
        // Stasis: after a hangup request, this StasisEnd is the last we hear of it. Otherwise it
        // may be mid-move (its StasisStart is on the way), so it is only hidden until then; the
        // next resync drops it if nothing claims it.
        if (entry.hangupRequested && entry.stasisApp === undefined) {
          this.deleteChannel(entry, change);
          this.rememberDestroyed(entry.snapshot);
          return;
        }
        change.channel(entry.id);
        this.place(entry, change);
        return;
      }
      case 'ChannelDestroyed': {
        const entry = this.channelMap.get(event.channel.id);
        if (entry) this.deleteChannel(entry, change);
        this.rememberDestroyed(event.channel);
        return;
      }
      case 'ChannelHangupRequest': {
        const entry = this.touchChannel(event.channel, event.application, change);
        if (!entry) return;
        entry.hangupRequested = { cause: event.cause, soft: event.soft };
        change.channel(entry.id);
        return;
      }
      case 'ChannelVarset': {
        if (!event.channel) return;
        const entry = this.touchChannel(event.channel, event.application, change);
        if (!entry) return;
        entry.variables.set(event.variable, event.value);
        change.channel(entry.id);
        return;
      }
      case 'ChannelEnteredBridge':
      case 'ChannelLeftBridge': {
        this.touchBridge(event.application, event.bridge.id, true, change);
        if (!event.channel) return;
        const entry = this.touchChannel(event.channel, event.application, change);
        if (!entry) return;
        const bridgeId = event.type === 'ChannelEnteredBridge' ? event.bridge.id : undefined;
        if (entry.bridgeId !== bridgeId) {
          entry.bridgeId = bridgeId;
          change.channel(entry.id);
        }
        return;
      }
      case 'BridgeCreated':
        this.touchBridge(event.application, event.bridge.id, true, change);
        return;
      case 'BridgeDestroyed':
        this.touchBridge(event.application, event.bridge.id, false, change);
        return;
      case 'ApplicationReplaced':
        this.ownedApps.delete(event.application);
        if (this.apps.get(event.application)?.owned) {
          this.apps.get(event.application)!.owned = false;
          change.application(event.application);
        }
        return;
      default: {
        // Every other event that carries a channel snapshot keeps ours current
        // (ChannelStateChange, ChannelCallerId, ChannelConnectedLine, ChannelDialplan, …).
        const channel = (event as { channel?: Channel }).channel;
        if (channel && typeof channel === 'object' && typeof channel.id === 'string') {
          this.touchChannel(channel, event.application, change);
        }
      }
    }
  }

  /** Updates (or creates) the channel from an event snapshot; undefined for a channel already destroyed. */
  private touchChannel(snapshot: Channel, app: string, change: StateChangeBuilder): ChannelEntry | undefined {
    // Late copies of a dead channel's events must not revive it; a channel id reused by a new
    // channel (originate with channelId) comes with another creationtime.
    if (this.destroyed.get(snapshot.id) === snapshot.creationtime) return undefined;
    this.destroyed.delete(snapshot.id);
    let entry = this.channelMap.get(snapshot.id);
    if (!entry) {
      entry = this.newChannel(snapshot);
      this.channelMap.set(entry.id, entry);
      entry.subscribedApps.add(app);
      change.channel(entry.id);
      this.place(entry, change);
      return entry;
    }
    if (entry.snapshot !== snapshot) {
      entry.snapshot = snapshot;
      change.channel(entry.id);
    }
    return entry;
  }

  private newChannel(snapshot: Channel): ChannelEntry {
    return {
      id: snapshot.id,
      snapshot,
      stasisApp: undefined,
      args: [],
      subscribedApps: new Set(),
      bridgeId: undefined,
      hangupRequested: undefined,
      variables: new Map(),
      enteredAt: undefined,
      shownIn: [],
    };
  }

  /** Lists the channel under its Stasis app, or, before it enters one, under the apps that watch it. */
  private place(entry: ChannelEntry, change: StateChangeBuilder): void {
    const target = entry.stasisApp ? [entry.stasisApp] : [...entry.subscribedApps];
    for (const name of entry.shownIn) {
      if (!target.includes(name)) {
        const app = this.apps.get(name);
        if (app?.channelIds.delete(entry.id)) change.application(name);
      }
    }
    for (const name of target) {
      const app = this.ensureApp(name, change);
      if (!app.channelIds.has(entry.id)) {
        app.channelIds.add(entry.id);
        change.application(name);
      }
    }
    entry.shownIn = target;
  }

  private deleteChannel(entry: ChannelEntry, change: StateChangeBuilder): void {
    for (const name of entry.shownIn) {
      if (this.apps.get(name)?.channelIds.delete(entry.id)) change.application(name);
    }
    this.channelMap.delete(entry.id);
    change.channelRemoved(entry.id);
  }

  private touchBridge(appName: string, bridgeId: string, present: boolean, change: StateChangeBuilder): void {
    const app = this.ensureApp(appName, change);
    if (present && !app.bridgeIds.has(bridgeId)) {
      app.bridgeIds.add(bridgeId);
      change.application(appName);
    } else if (!present && app.bridgeIds.delete(bridgeId)) {
      change.application(appName);
    }
  }

  private ensureApp(name: string, change: StateChangeBuilder): AppEntry {
    let app = this.apps.get(name);
    if (!app) {
      app = { name, owned: this.ownedApps.has(name), channelIds: new Set(), bridgeIds: new Set(), subscribedToAll: false };
      this.apps.set(name, app);
      change.application(name);
    }
    return app;
  }

  private rememberDestroyed(snapshot: Channel): void {
    this.destroyed.set(snapshot.id, snapshot.creationtime);
    if (this.destroyed.size > FORGET_DESTROYED_AFTER) {
      const oldest = this.destroyed.keys().next().value as string;
      this.destroyed.delete(oldest);
    }
  }

  private emit(change: StateChangeBuilder): void {
    if (!change.isEmpty) this.changeEmitter.fire(change.build());
  }
}

/**
 * Which app's Stasis() a channel is in, from REST alone. Asterisk does not say: channel_ids are
 * subscriptions, and dialplan.app_data keeps the first app's name after a move. So: keep what
 * events told us if it still holds; otherwise, a channel in Stasis() subscribed by exactly one app
 * is in that app; a channel subscribed by several is ambiguous unless app_data names one of them.
 */
function resyncedStasisApp(entry: ChannelEntry, snapshot: Channel, apps: ReadonlySet<string>, moveLost: boolean): string | undefined {
  if (snapshot.dialplan.app_name !== 'Stasis') return undefined;
  const known = entry.stasisApp && apps.has(entry.stasisApp) ? entry.stasisApp : undefined;
  // What the events said stands, unless a move of this channel was lost with the link: the old
  // app keeps its (originate) subscription after a move, and only REST can tell where it went.
  if (known && !moveLost) return known;
  if (apps.size === 1) return [...apps][0];
  // Two subscribers mostly means a moved originated channel: the app it was originated into
  // (still named by app_data) keeps a stale subscription, the other one holds it now.
  const original = snapshot.dialplan.app_data.split(',')[0];
  const others = [...apps].filter((a) => a !== original);
  return others.length === 1 ? others[0] : known;
}

/** `Stasis(app,a,b)` → ["a","b"], but only when app_data still names this app (not after a move). */
function argsFromDialplan(snapshot: Channel, app: string): string[] {
  const [first, ...rest] = snapshot.dialplan.app_data.split(',');
  return first === app ? rest : [];
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const v of a) if (!b.has(v)) return false;
  return true;
}

/** Whether Asterisk timestamp `a` ("2026-11-26T13:01:40.230+0000") is before `b`. */
function isEarlier(a: string, b: string): boolean {
  const [x, y] = [Date.parse(a), Date.parse(b)];
  return Number.isFinite(x) && Number.isFinite(y) && x < y;
}
