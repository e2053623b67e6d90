import { Emitter } from '../../ari/Emitter';
import type { Bridge } from '../../ari/generated/ariTypes';
import type { Fact, FactKind } from '../facts/Fact';
import { ChangeSetBuilder, type ChangeSet } from './ChangeSet';

/** Bridges that changed or went, the apps whose list of bridges changed, and the channels that entered or left one. */
export interface BridgeChange extends ChangeSet {
  readonly apps: readonly string[];
  readonly channels: readonly string[];
}

const NO_IDS: ReadonlySet<string> = new Set();

/**
 * The bridges of one server: the latest snapshot of each (from GET /bridges at a resync, then
 * from events) and, per app, the ids it is subscribed to (from events and from GET /applications'
 * bridge_ids). A bridge goes when it is destroyed or a resync no longer lists it, not when no app
 * lists it: an empty bridge no app holds is worth showing (it is left behind). Which bridge a
 * channel is in is read from the bridges' snapshots, here only: a resync lists bridges with their
 * channels, and channels without their bridge.
 */
export class BridgeStore {
  private readonly bridges = new Map<string, Bridge>();
  private readonly byApp = new Map<string, Set<string>>();
  /** Channel id → the bridge it is in. */
  private readonly byChannel = new Map<string, string>();
  private readonly change = new ChangeSetBuilder();
  private readonly appsChanged = new ChangeSetBuilder();
  private readonly channelsChanged = new ChangeSetBuilder();
  private readonly emitter: Emitter<BridgeChange>;

  readonly onDidChange: Emitter<BridgeChange>['event'];
  readonly reads: readonly FactKind[] = ['bridge', 'bridgesListed', 'applicationsListed'];

  constructor(onListenerError?: (error: unknown) => void) {
    this.emitter = new Emitter(onListenerError);
    this.onDidChange = this.emitter.event;
  }

  get(id: string): Bridge | undefined {
    return this.bridges.get(id);
  }

  get all(): IterableIterator<Bridge> {
    return this.bridges.values();
  }

  /** Whether some app lists the bridge (a subscription), wildcards aside. */
  isListedByAnApp(id: string): boolean {
    for (const ids of this.byApp.values()) if (ids.has(id)) return true;
    return false;
  }

  /** The bridge the channel is in, as the bridges' snapshots say. */
  bridgeOf(channelId: string): Bridge | undefined {
    const id = this.byChannel.get(channelId);
    return id === undefined ? undefined : this.bridges.get(id);
  }

  /** Ids of the bridges an app is subscribed to. */
  idsOf(app: string): ReadonlySet<string> {
    return this.byApp.get(app) ?? NO_IDS;
  }

  apply(fact: Fact): void {
    switch (fact.kind) {
      case 'bridge':
        if (fact.destroyed) {
          // The watcher's word is final for every app; one app's copy ends only its listing.
          if (fact.app === undefined) this.drop(fact.bridge.id);
          else {
            this.unlist(fact.app, fact.bridge.id);
            this.dropIfUnlisted(fact.bridge.id);
          }
        } else {
          if (this.bridges.get(fact.bridge.id) !== fact.bridge) this.set(fact.bridge);
          if (fact.app !== undefined) this.list(fact.app, fact.bridge.id);
        }
        return;
      case 'applicationsListed':
        for (const app of fact.applications) {
          // An app subscribed to every bridge lists the wildcard, not the bridges: what its events said stands.
          const listed = app.bridgeIds;
          if (listed === 'all') continue;
          for (const id of [...this.idsOf(app.name)]) if (!listed.has(id)) this.unlist(app.name, id);
          for (const id of listed) this.list(app.name, id);
        }
        return;
      case 'bridgesListed': {
        const listed = new Set(fact.bridges.map((b) => b.id));
        // Bridges destroyed while the link was down.
        for (const id of [...this.bridges.keys()]) if (!listed.has(id)) this.drop(id);
        for (const bridge of fact.bridges) this.set(bridge);
        return;
      }
      default:
        return;
    }
  }

  flush(): void {
    if (this.change.isEmpty && this.appsChanged.isEmpty && this.channelsChanged.isEmpty) return;
    this.emitter.fire({ ...this.change.take(), apps: this.appsChanged.takeChanged(), channels: this.channelsChanged.takeChanged() });
  }

  clear(): void {
    for (const id of this.bridges.keys()) this.change.removed(id);
    for (const app of this.byApp.keys()) this.appsChanged.changed(app);
    for (const channel of this.byChannel.keys()) this.channelsChanged.changed(channel);
    this.bridges.clear();
    this.byApp.clear();
    this.byChannel.clear();
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private drop(id: string): void {
    for (const app of [...this.byApp.keys()]) this.unlist(app, id);
    this.forget(id);
  }

  /** One app's copy of BridgeDestroyed: the bridge is gone once no app is told of it any more. */
  private dropIfUnlisted(id: string): void {
    for (const ids of this.byApp.values()) if (ids.has(id)) return;
    this.forget(id);
  }

  private set(bridge: Bridge): void {
    const before = this.bridges.get(bridge.id);
    this.bridges.set(bridge.id, bridge);
    this.change.changed(bridge.id);
    // A set, not includes(): a conference's every join would compare each member with each.
    const now = new Set(bridge.channels);
    for (const channel of before?.channels ?? []) if (!now.has(channel)) this.unplace(channel, bridge.id);
    for (const channel of bridge.channels) {
      if (this.byChannel.get(channel) === bridge.id) continue;
      this.byChannel.set(channel, bridge.id);
      this.channelsChanged.changed(channel);
    }
  }

  private forget(id: string): void {
    const bridge = this.bridges.get(id);
    if (!bridge) return;
    this.bridges.delete(id);
    this.change.removed(id);
    for (const channel of bridge.channels) this.unplace(channel, id);
  }

  /** The channel is no longer in bridge `id` (it may be in another by now). */
  private unplace(channel: string, id: string): void {
    if (this.byChannel.get(channel) !== id) return;
    this.byChannel.delete(channel);
    this.channelsChanged.changed(channel);
  }

  // Which apps hold a bridge is part of it: a change names the bridge as well as the apps.
  private list(app: string, id: string): void {
    let ids = this.byApp.get(app);
    if (!ids) this.byApp.set(app, (ids = new Set()));
    if (ids.has(id)) return;
    ids.add(id);
    this.appsChanged.changed(app);
    if (this.bridges.has(id)) this.change.changed(id);
  }

  private unlist(app: string, id: string): void {
    const ids = this.byApp.get(app);
    if (!ids?.delete(id)) return;
    this.appsChanged.changed(app);
    if (this.bridges.has(id)) this.change.changed(id);
    if (ids.size === 0) this.byApp.delete(app);
  }
}
