import { ALL_BRIDGES_TOPIC, ALL_CHANNELS_TOPIC, type Application, type Bridge, type Channel, type Endpoint } from '../../ari/generated/ariTypes';
import type { Fact } from '../facts/Fact';
import type { StasisPosition } from '../facts/StasisPath';
import type { ChannelReading, ChannelReadings } from './ChannelReadings';

/** The resources a resync lists from REST, by name: each has its source in Resync's SNAPSHOT_SOURCES. */
export interface SnapshotLists {
  readonly applications: readonly Application[];
  readonly channels: readonly Channel[];
  readonly bridges: readonly Bridge[];
  readonly endpoints: readonly Endpoint[];
}

/** What Asterisk's REST API said at one moment, for a resync; a read of the app listing alone has no bridges nor endpoints. */
export interface ResyncSnapshot extends Omit<SnapshotLists, 'bridges' | 'endpoints'> {
  readonly bridges?: readonly Bridge[];
  readonly endpoints?: readonly Endpoint[];
  /**
   * Moves whose outcome was lost (ended unknown or timed out), by channel: where to and with what
   * args. Such a channel is placed from REST, not where the events last put it.
   */
  readonly uncertainMoves?: ReadonlyMap<string, { readonly to: string; readonly args: readonly string[] }>;
  /**
   * We hear of every channel on the server (the watcher is subscribed): a channel no app lists is
   * outside Stasis, or in a Stasis() no listed app answers for, not gone; at a resync, every
   * channel REST lists is read, known or not.
   */
  readonly everyChannel?: boolean;
  /**
   * A read of GET /applications alone, against the channels as the events tell them now (the
   * watcher's). Where our own apps' events put a channel stands: a listing can be older than
   * they are, and our app's StasisEnd comes if the channel leaves.
   */
  readonly listingOnly?: boolean;
  /** For `listingOnly`: ChannelReadings' mark when the listing was asked for (channels newer than it are left as they are). */
  readonly asOf?: number;
}

const NO_APPS: ReadonlySet<string> = new Set();

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
  if (snapshot.endpoints) sink({ kind: 'endpointsListed', endpoints: snapshot.endpoints });
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

  // A listing asked for before a channel was made, or before our own app last told of it, is older than what we know.
  const newer = (reading: ChannelReading) => snapshot.listingOnly === true && (reading.bornAt >= (snapshot.asOf ?? Infinity) || reading.ownStasisAt >= (snapshot.asOf ?? Infinity) || reading.chain.path.current?.knownFrom === 'events');

  for (const [id, apps] of subscriptions) {
    const channel = channelsById.get(id) as Channel;
    const reading = readings.listed(channel);
    if (newer(reading)) continue;
    const current = reading.chain.path.current;
    const before = { apps: reading.apps, wasListed: reading.listed };
    reading.apps = apps;
    reading.listed = true;
    const known = current?.app;
    // What our own app's events said stands; a place the listing or the dialplan gave is read again.
    const trusted = current?.knownFrom === 'events' && !(snapshot.uncertainMoves?.has(id) ?? false);
    const app = stasisAppFromRest(known, trusted, channel, apps);
    if (app !== known || current?.knownFrom === 'dialplan') {
      // app_data names only the first app; a move we asked for and then lost sight of has its args.
      const lost = snapshot.uncertainMoves?.get(id);
      reading.chain.placed(app, lost && lost.to === app ? lost.args : argsFromDialplan(channel, app));
      const evidence = app === undefined || !snapshot.listingOnly ? undefined : activityEvidence(app, known, before);
      if (evidence) sink({ kind: 'appActivity', app: app!, active: true, because: evidence });
    }
    sink({ kind: 'channelPlaced', channel, subscribedApps: apps, path: reading.chain.path });
  }

  // Channels no app lists: known through a subscribe-all app or the watcher (at a resync with the
  // watcher, every channel REST lists).
  const listedApps = new Set(snapshot.applications.map((a) => a.name));
  const unsubscribed = snapshot.everyChannel && !snapshot.listingOnly ? snapshot.channels.filter((c) => !subscriptions.has(c.id)).map((c) => readings.listed(c)) : [...readings.all].filter((r) => !subscriptions.has(r.id));
  for (const reading of unsubscribed) {
    if (newer(reading)) continue;
    const channel = channelsById.get(reading.id) as Channel;
    const current = reading.chain.path.current;
    // A subscribe-all app's channels are in no channel_ids: what its events said stands.
    const viaWildcard = [...reading.apps].some((a) => wildcardApps.has(a));
    if (!viaWildcard) reading.apps = NO_APPS;
    reading.listed = true;
    const inStasisOf = channel.dialplan.app_name === 'Stasis' ? channel.dialplan.app_data.split(',')[0] : undefined;
    const app = placeUnsubscribed(current, inStasisOf, { listedApps, wildcardApps, listingOnly: snapshot.listingOnly === true });
    if (app !== current?.app) reading.chain.placed(app, argsFromDialplan(channel, app), 'dialplan');
    sink({ kind: 'channelPlaced', channel, subscribedApps: reading.apps, path: reading.chain.path });
  }
}

/**
 * Where a channel no app lists is: outside Stasis() unless the dialplan says it is in one. A
 * listing confirms nothing of it: a place the listing gave is over, one the dialplan gave stands
 * while its app is listed (the next listing confirms it). At a resync REST vouches only for a
 * subscribe-all app's channels (it lists no ids for them); any other is in the Stasis() of no
 * listed app: left behind (a subscribeAll client went: docs/ari-behaviour.md#inactive-apps).
 */
function placeUnsubscribed(current: StasisPosition | undefined, inStasisOf: string | undefined, known: { listedApps: ReadonlySet<string>; wildcardApps: ReadonlySet<string>; listingOnly: boolean }): string | undefined {
  if (inStasisOf === undefined) return undefined;
  if (known.listingOnly) return current && current.knownFrom !== 'listing' && known.listedApps.has(current.app) ? current.app : undefined;
  const app = current?.app ?? inStasisOf;
  return known.wildcardApps.has(app) ? app : undefined;
}

/**
 * Whether a listing that put a channel in `app` shows that a client holds it: Stasis() and a move
 * both refuse an inactive app (docs/ari-behaviour.md#inactive-apps). A channel the listing moved
 * in from another app, or one it had listed before without `app` that is inside it now (an
 * originate subscribes its channel to the app before it enters, so only this order tells).
 */
function activityEvidence(app: string, known: string | undefined, before: { apps: ReadonlySet<string>; wasListed: boolean }): string | undefined {
  if (known !== undefined && known !== app) return 'a channel moved into it';
  if (before.wasListed && !before.apps.has(app)) return 'a call entered it';
  return undefined;
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
