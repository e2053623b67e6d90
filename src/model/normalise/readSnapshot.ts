import { ALL_BRIDGES_TOPIC, ALL_CHANNELS_TOPIC, type Application, type Bridge, type Channel } from '../../ari/generated/ariTypes';
import type { Fact } from '../facts/Fact';
import type { ChannelReadings } from './ChannelReadings';

/** The resources a resync lists from REST, by name: each has its source in Resync's SNAPSHOT_SOURCES. */
export interface SnapshotLists {
  readonly applications: readonly Application[];
  readonly channels: readonly Channel[];
  readonly bridges: readonly Bridge[];
}

/** What Asterisk's REST API said at one moment, for a resync; a read of the app listing alone has no bridges. */
export interface ResyncSnapshot extends Omit<SnapshotLists, 'bridges'> {
  readonly bridges?: readonly Bridge[];
  /**
   * Moves whose outcome was lost (ended unknown or timed out), by channel: where to and with what
   * args. Such a channel is placed from REST, not where the events last put it.
   */
  readonly uncertainMoves?: ReadonlyMap<string, { readonly to: string; readonly args: readonly string[] }>;
  /**
   * The channels are every channel on the server, and we hear of each (the watcher): one no app
   * lists is outside Stasis (or in a Stasis() no app answers for), not gone.
   */
  readonly everyChannel?: boolean;
}

/**
 * Turns a REST snapshot into facts: the apps listed, each channel placed, the channels no longer
 * there gone. Idempotent: the same snapshot twice places everything where it already is.
 */
export function readSnapshot(snapshot: ResyncSnapshot, readings: ChannelReadings, sink: (fact: Fact) => void): void {
  const channelsById = new Map(snapshot.channels.map((c) => [c.id, c]));
  const wildcardApps = new Set<string>();
  // Which apps each live channel is subscribed to, per Asterisk (channel_ids are subscriptions: docs/ari-behaviour.md#applications-resource).
  const subscriptions = new Map<string, Set<string>>();
  for (const application of snapshot.applications) {
    if (application.channel_ids.includes(ALL_CHANNELS_TOPIC)) wildcardApps.add(application.name);
    for (const id of application.channel_ids) {
      if (id === ALL_CHANNELS_TOPIC || !channelsById.has(id)) continue;
      let apps = subscriptions.get(id);
      if (!apps) subscriptions.set(id, (apps = new Set()));
      apps.add(application.name);
    }
  }
  if (snapshot.bridges) sink({ kind: 'bridgesListed', bridges: snapshot.bridges });
  sink({
    kind: 'applicationsListed',
    applications: snapshot.applications.map((a) => ({
      name: a.name,
      subscribedToAll: wildcardApps.has(a.name),
      bridgeIds: a.bridge_ids.includes(ALL_BRIDGES_TOPIC) ? 'all' : new Set(a.bridge_ids),
    })),
  });

  for (const reading of [...readings.all]) {
    const listed = channelsById.get(reading.id);
    // A channel we learned of through a subscribe-all app is in no channel_ids list.
    const viaWildcard = listed !== undefined && [...reading.apps].some((a) => wildcardApps.has(a));
    if (!listed || (!subscriptions.has(reading.id) && !viaWildcard && !snapshot.everyChannel)) {
      readings.unlisted(reading);
      sink({ kind: 'channelGone', channelId: reading.id, reason: 'notListed' });
    }
  }

  for (const [id, apps] of subscriptions) {
    const channel = channelsById.get(id) as Channel;
    const reading = readings.listed(channel);
    reading.apps = apps;
    const current = reading.chain.path.current;
    const known = current?.app;
    // What our own app's events said stands; a place the listing or the dialplan gave is read again.
    const trusted = current?.knownFrom === 'events' && !(snapshot.uncertainMoves?.has(id) ?? false);
    const app = stasisAppFromRest(known, trusted, channel, apps);
    if (app !== known || current?.knownFrom === 'dialplan') {
      // app_data names only the first app; a move we asked for and then lost sight of has its args.
      const lost = snapshot.uncertainMoves?.get(id);
      reading.chain.placed(app, lost && lost.to === app ? lost.args : argsFromDialplan(channel, app));
      // Stasis() and a move into an app both need it active (docs/ari-behaviour.md#inactive-apps).
      if (app !== undefined && snapshot.everyChannel && current !== undefined) {
        sink({ kind: 'appActivity', app, active: true, because: app === known ? 'a call entered it' : 'a channel moved into it' });
      }
    }
    sink({ kind: 'channelPlaced', channel, subscribedApps: apps, path: reading.chain.path });
  }

  // Channels known only through a subscribe-all app or the watcher: no app lists their ids, so
  // what REST can still tell is whether they are inside Stasis() at all. One the listing placed
  // and no longer lists has left that app; one the dialplan placed in an app no longer listed is
  // left behind (a subscribeAll client went: docs/ari-behaviour.md#inactive-apps).
  const listedApps = new Set(snapshot.applications.map((a) => a.name));
  for (const reading of readings.all) {
    if (subscriptions.has(reading.id)) continue;
    const channel = channelsById.get(reading.id) as Channel;
    const current = reading.chain.path.current;
    const stale = current?.knownFrom === 'listing' || (current?.knownFrom === 'dialplan' && !listedApps.has(current.app));
    if (channel.dialplan.app_name !== 'Stasis' || stale) reading.chain.placed(undefined, []);
    sink({ kind: 'channelPlaced', channel, subscribedApps: reading.apps, path: reading.chain.path });
  }
}

/**
 * Which app's Stasis() a channel is in, from REST alone. Asterisk does not say: channel_ids are
 * subscriptions, and dialplan.app_data keeps the first app's name after a move
 * (docs/ari-behaviour.md#move). So: keep what our events told us (`trusted`) if it still holds;
 * otherwise, a channel in Stasis() subscribed by exactly one app is in that app; a channel
 * subscribed by several is ambiguous unless app_data names one of them.
 */
function stasisAppFromRest(known: string | undefined, trusted: boolean, channel: Channel, apps: ReadonlySet<string>): string | undefined {
  if (channel.dialplan.app_name !== 'Stasis') return undefined;
  const stillHolds = known !== undefined && apps.has(known) ? known : undefined;
  // Not trusted: the listing or the dialplan said it, or a move of ours was lost with the link (the
  // old app keeps its originate subscription after a move, so only REST can tell where it went).
  if (stillHolds && trusted) return stillHolds;
  if (apps.size === 1) return [...apps][0];
  // Two subscribers mostly means a moved originated channel: the app it was originated into
  // (still named by app_data) keeps a stale subscription, the other one holds it now.
  const original = channel.dialplan.app_data.split(',')[0];
  const others = [...apps].filter((a) => a !== original);
  return others.length === 1 ? others[0] : stillHolds;
}

/** `Stasis(app,a,b)` → ["a","b"], but only when app_data still names this app (not after a move). */
function argsFromDialplan(channel: Channel, app: string | undefined): string[] {
  const [first, ...rest] = channel.dialplan.app_data.split(',');
  return app !== undefined && first === app ? rest : [];
}
