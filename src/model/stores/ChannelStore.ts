import { Emitter } from '../../ari/Emitter';
import type { Channel } from '../../ari/generated/ariTypes';
import type { Fact, FactKind } from '../facts/Fact';
import type { PositionSource, StasisPath } from '../facts/StasisPath';
import { ChangeSetBuilder, type ChangeSet } from './ChangeSet';
import { sameList } from '../sameList';
import { sameJson } from './sameJson';
import { EndpointChannels } from '../endpoints/EndpointChannels';

export interface ChannelView {
  readonly id: string;
  readonly snapshot: Channel;
  /** The app whose Stasis() the channel is in now, if known. */
  readonly stasisApp: string | undefined;
  /** The args it entered stasisApp with (from StasisStart, or the dialplan when resynced). */
  readonly args: readonly string[];
  /** Apps that receive this channel's events (ARI subscriptions), whether or not it is in their Stasis(). */
  readonly subscribedApps: ReadonlySet<string>;
  readonly hangupRequested: { readonly cause?: number; readonly soft?: boolean } | undefined;
  readonly variables: ReadonlyMap<string, string>;
  /** The last DTMF digits it received (up to LAST_DIGITS), oldest first. */
  readonly dtmf: string;
  /** On hold from its side (ChannelHold), talking (ChannelTalkingStarted, with TALK_DETECT set). */
  readonly onHold: boolean;
  readonly talking: boolean;
  /** Asterisk's timestamp of the StasisStart into stasisApp (unknown when REST placed it). */
  readonly enteredAt: string | undefined;
  /** How stasisApp is known: our own app's events, the server's listing, or the dialplan the watcher saw. */
  readonly knownFrom: PositionSource | undefined;
}

/** Channels that changed or went, and the apps and endpoints whose list of channels changed. */
export interface ChannelChange extends ChangeSet {
  readonly apps: readonly string[];
  readonly endpoints: readonly string[];
}

/** DTMF digits kept per channel: enough for a PIN or a menu path. */
const LAST_DIGITS = 12;

type Entry = { -readonly [K in keyof ChannelView]: ChannelView[K] };

interface Placed extends Entry {
  /** The apps it is listed under now; kept so a change can name both old and new. */
  shownIn: readonly string[];
}

/**
 * The channels of one server, from facts: snapshot, where it is (Stasis app, args), its
 * subscriptions, variables and hangup (its bridge: BridgeStore). A channel is listed under its Stasis app, or,
 * before it enters one (an originated channel ringing), under the apps that watch it.
 */
export class ChannelStore {
  private readonly entries = new Map<string, Placed>();
  private readonly byApp = new Map<string, Set<string>>();
  /** Channel name → id: a Local channel's other half is found by its name (src/model/channels/localPair.ts). */
  private readonly byName = new Map<string, string>();
  private readonly byEndpoint = new EndpointChannels();
  /** Per channel, the timestamps and digits of the last DTMF events read. */
  private readonly recentDigits = new Map<string, string[]>();
  private readonly change = new ChangeSetBuilder();
  /** The apps whose list of channels changed, gathered as the channels are. */
  private readonly appsChanged = new ChangeSetBuilder();
  private readonly emitter: Emitter<ChannelChange>;

  readonly onDidChange: Emitter<ChannelChange>['event'];
  readonly reads: readonly FactKind[] = ['channelSnapshot', 'entered', 'moved', 'left', 'pathRevised', 'channelPlaced', 'hungUp', 'channelGone', 'variableSet', 'channelSignal'];

  constructor(onListenerError?: (error: unknown) => void) {
    this.emitter = new Emitter(onListenerError);
    this.onDidChange = this.emitter.event;
  }

  get(id: string): ChannelView | undefined {
    return this.entries.get(id);
  }

  get all(): IterableIterator<ChannelView> {
    return this.entries.values();
  }

  /** The channels listed under an app. */
  of(app: string): ChannelView[] {
    const out: ChannelView[] = [];
    for (const id of this.byApp.get(app) ?? []) out.push(this.entries.get(id)!);
    return out;
  }

  /** The channel of that name, if there is one. */
  named(name: string): ChannelView | undefined {
    const id = this.byName.get(name);
    return id === undefined ? undefined : this.entries.get(id);
  }

  /** The ids of an endpoint's channels (`PJSIP/alice`), from their names. */
  ofEndpoint(endpointId: string): ReadonlySet<string> {
    return this.byEndpoint.of(endpointId);
  }

  /** Whether the channel is listed under the app (see `of`). */
  isListedUnder(id: string, app: string): boolean {
    return this.byApp.get(app)?.has(id) ?? false;
  }

  countOf(app: string): number {
    return this.byApp.get(app)?.size ?? 0;
  }

  /** Apps that have channels listed under them. */
  get appsWithChannels(): IterableIterator<string> {
    return this.byApp.keys();
  }

  apply(fact: Fact): void {
    switch (fact.kind) {
      case 'channelSnapshot': {
        // The one fact of most events: set in place, with nothing made for it.
        const entry = this.entry(fact.channel);
        if (entry.snapshot !== fact.channel) {
          if (entry.snapshot.name !== fact.channel.name) this.rename(entry, fact.channel.name);
          entry.snapshot = fact.channel;
          this.change.changed(entry.id);
        }
        if (entry.subscribedApps !== fact.subscribedApps) this.touch(entry, { subscribedApps: fact.subscribedApps });
        return;
      }
      case 'entered':
      case 'moved':
      case 'left':
      case 'pathRevised':
        this.position(this.entry(fact.channel), fact.path);
        return;
      case 'channelPlaced': {
        const entry = this.entry(fact.channel);
        if (!sameJson(entry.snapshot, fact.channel)) {
          if (entry.snapshot.name !== fact.channel.name) this.rename(entry, fact.channel.name);
          this.touch(entry, { snapshot: fact.channel });
        }
        if (!sameSet(entry.subscribedApps, fact.subscribedApps)) this.touch(entry, { subscribedApps: fact.subscribedApps });
        this.position(entry, fact.path);
        return;
      }
      case 'hungUp': {
        const entry = this.entries.get(fact.channel.id);
        if (entry && !fact.destroyed) this.touch(entry, { hangupRequested: { cause: fact.cause, soft: fact.soft } });
        return;
      }
      case 'channelGone': {
        const entry = this.entries.get(fact.channelId);
        if (entry) this.remove(entry);
        return;
      }
      case 'variableSet': {
        // A third of all events in a busy system: set in place.
        const entry = this.entries.get(fact.channel.id);
        if (!entry) return;
        (entry.variables as Map<string, string>).set(fact.variable, fact.value);
        this.change.changed(entry.id);
        return;
      }
      case 'channelSignal': {
        const entry = this.entries.get(fact.channelId);
        if (!entry) return;
        const { signal } = fact;
        if (signal.kind === 'dtmf') {
          // Our apps and the watcher each get a copy of the event, in any order: one digit, told several times.
          const key = `${fact.at} ${signal.digit}`;
          const recent = this.recentDigits.get(entry.id) ?? [];
          if (recent.includes(key)) return;
          this.recentDigits.set(entry.id, [...recent.slice(-(LAST_DIGITS - 1)), key]);
          this.touch(entry, { dtmf: (entry.dtmf + signal.digit).slice(-LAST_DIGITS) });
        }
        else this.touch(entry, signal.kind === 'hold' ? { onHold: signal.on } : { talking: signal.on });
        return;
      }
      default:
        return;
    }
  }

  /** Hands the change gathered since the last flush to the listeners. */
  flush(): void {
    if (this.change.isEmpty && this.appsChanged.isEmpty) return;
    this.emitter.fire({ changed: this.change.takeChanged(), removed: this.change.takeRemoved(), apps: this.appsChanged.takeChanged(), endpoints: this.byEndpoint.changed.takeChanged() });
  }

  clear(): void {
    for (const entry of [...this.entries.values()]) this.remove(entry);
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private entry(snapshot: Channel): Placed {
    let entry = this.entries.get(snapshot.id);
    if (!entry) {
      entry = { id: snapshot.id, snapshot, stasisApp: undefined, args: [], subscribedApps: new Set(), hangupRequested: undefined, variables: new Map(), dtmf: '', onHold: false, talking: false, enteredAt: undefined, knownFrom: undefined, shownIn: [] };
      this.entries.set(entry.id, entry);
      this.byName.set(snapshot.name, entry.id);
      this.byEndpoint.add(snapshot.name, entry.id);
      this.change.changed(entry.id);
    }
    return entry;
  }

  private position(entry: Placed, path: StasisPath): void {
    const now = path.current;
    if (entry.stasisApp === now?.app && entry.enteredAt === now?.since && entry.knownFrom === now?.knownFrom && sameList(entry.args, now?.args ?? entry.args)) return;
    this.touch(entry, { stasisApp: now?.app, args: now ? now.args : entry.args, enteredAt: now?.since, knownFrom: now?.knownFrom });
  }

  private touch(entry: Placed, fields: Partial<Entry>): void {
    Object.assign(entry, fields);
    this.change.changed(entry.id);
    if ('stasisApp' in fields || 'subscribedApps' in fields) this.place(entry);
  }

  private place(entry: Placed): void {
    const target = entry.stasisApp ? [entry.stasisApp] : [...entry.subscribedApps];
    for (const app of entry.shownIn) if (!target.includes(app)) this.unlist(app, entry.id);
    for (const app of target) {
      let ids = this.byApp.get(app);
      if (!ids) this.byApp.set(app, (ids = new Set()));
      if (!ids.has(entry.id)) {
        ids.add(entry.id);
        this.appsChanged.changed(app);
      }
    }
    entry.shownIn = target;
  }

  private unlist(app: string, id: string): void {
    const ids = this.byApp.get(app);
    if (!ids?.delete(id)) return;
    this.appsChanged.changed(app);
    if (ids.size === 0) this.byApp.delete(app);
  }

  /** A channel's name changes (a masquerade renames it). */
  private rename(entry: Placed, name: string): void {
    if (this.byName.get(entry.snapshot.name) === entry.id) this.byName.delete(entry.snapshot.name);
    this.byName.set(name, entry.id);
    this.byEndpoint.remove(entry.snapshot.name, entry.id);
    this.byEndpoint.add(name, entry.id);
  }

  private remove(entry: Placed): void {
    if (this.byName.get(entry.snapshot.name) === entry.id) this.byName.delete(entry.snapshot.name);
    this.byEndpoint.remove(entry.snapshot.name, entry.id);
    this.recentDigits.delete(entry.id);
    for (const app of entry.shownIn) this.unlist(app, entry.id);
    this.entries.delete(entry.id);
    this.change.removed(entry.id);
  }
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const v of a) if (!b.has(v)) return false;
  return true;
}

