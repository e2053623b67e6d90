import { eventShapeProblem } from '../../ari/eventShape';
import { ALL_CHANNELS_TOPIC, channelOfEvent, type AriEvent, type Application, type Bridge, type Channel, type ChannelDestroyed } from '../../ari/generated/ariTypes';
import type { Fact } from '../facts/Fact';
import type { StasisPath } from '../facts/StasisPath';
import { ChannelReadings, withApp, type ChannelReading } from './ChannelReadings';
import { channelSignalOf } from './channelSignal';
import { endpointFactOf } from './endpointFact';
import { readSnapshot, type ResyncSnapshot } from './readSnapshot';
import type { PathChange } from './StintChain';
import { WatchedEventReader } from './WatchedEventReader';

/**
 * The one reader of raw ARI events and of resync snapshots: it turns each into facts (see Fact)
 * and hands them to `sink`, in order. Everything Asterisk does that takes knowing to read right
 * is read here, once:
 * - a move's StasisEnd and StasisStart arrive in either order, and the hops of quick moves
 *   interleave across sockets (docs/ari-behaviour.md#move, #move-ordering): StintChain;
 * - every subscribed app gets its own copy of a channel's events, and late copies about a channel
 *   that is gone must not revive it (#hangup-events);
 * - a channel that entered Stasis from the dialplan gets ChannelHangupRequest and StasisEnd but no
 *   ChannelDestroyed (#hangup-events): once hung up and out of Stasis, it is gone;
 * - StasisEnd ends the app's subscription to the channel (#applications-resource);
 * - the watcher's copies tell of every channel but of no app's Stasis events (#watching):
 *   WatchedEventReader reads them, with the same readings.
 */
export class Normaliser {
  private readonly readings = new ChannelReadings();
  private readonly watched: WatchedEventReader;

  /**
   * `placementUnknown` is told when only the server's listing of apps can now say where a channel
   * is: the watcher saw a channel it did not know, or one entering Stasis(); one of our apps saw a
   * channel leave for an app we may not hear from (docs/ari-behaviour.md#watching).
   */
  constructor(
    private readonly sink: (fact: Fact) => void,
    private readonly placementUnknown: () => void = () => {},
  ) {
    this.watched = new WatchedEventReader({
      readings: this.readings,
      sink,
      placementUnknown,
      hungUp: (...args) => this.hungUp(...args),
      destroyed: (event) => this.destroyed(event),
      stasis: (reading, channel, change) => this.stasis(reading, channel, change),
    });
  }

  /**
   * Reads one event; returns why it cannot be read (and then emits nothing), or undefined.
   * `fromWatcher`: it came to the watcher (subscribed to everything), so its `application` says
   * nothing of which apps hold the channel, and it carries no Stasis event of any app.
   */
  readEvent(event: AriEvent, fromWatcher = false): string | undefined {
    const problem = eventShapeProblem(event);
    if (problem) return problem;
    if (fromWatcher) {
      this.watched.read(event);
      return undefined;
    }
    switch (event.type) {
      case 'StasisStart': {
        const reading = this.snapshot(event.channel, event.application, true, true);
        if (!reading) return undefined;
        this.readings.toldByOwnApp(reading);
        this.stasis(reading, event.channel, reading.chain.started(event.application, event.args, event.timestamp));
        return undefined;
      }
      case 'StasisEnd': {
        const reading = this.snapshot(event.channel, event.application, false);
        if (!reading) return undefined;
        this.readings.toldByOwnApp(reading);
        this.stasis(reading, event.channel, reading.chain.ended(event.application, event.timestamp));
        if (reading.hungUp && !reading.chain.path.current) this.gone(event.channel, 'hungUpAndLeft');
        // Moved to an app we may not hear from (its StasisStart goes to its owner), or back to the dialplan.
        else if (!reading.chain.path.current) this.placementUnknown();
        return undefined;
      }
      case 'ApplicationMoveFailed': {
        if (this.snapshot(event.channel, event.application, true)) {
          this.sink({ kind: 'moveFailed', channel: event.channel, app: event.application, destination: event.destination, args: event.args, at: event.timestamp });
        }
        return undefined;
      }
      case 'ChannelHangupRequest': {
        const reading = this.snapshot(event.channel, event.application, true);
        if (reading) this.hungUp(reading, event.channel, event.soft ? undefined : event.cause, undefined, event.soft, false, event.timestamp);
        return undefined;
      }
      case 'ChannelDestroyed':
        this.destroyed(event);
        return undefined;
      case 'ChannelVarset': {
        if (event.channel && this.snapshot(event.channel, event.application, true)) {
          this.sink({ kind: 'variableSet', channel: event.channel, variable: event.variable, value: event.value });
        }
        return undefined;
      }
      case 'ChannelEnteredBridge':
      case 'ChannelLeftBridge': {
        this.sink({ kind: 'bridge', app: event.application, bridge: event.bridge, destroyed: false });
        if (event.channel && this.snapshot(event.channel, event.application, true)) {
          this.sink({ kind: 'channelBridge', channel: event.channel, app: event.application, bridge: event.bridge, inBridge: event.type === 'ChannelEnteredBridge' });
        }
        return undefined;
      }
      case 'BridgeCreated':
      case 'BridgeMerged':
      case 'BridgeVideoSourceChanged':
      case 'BridgeDestroyed':
        this.sink({ kind: 'bridge', app: event.application, bridge: event.bridge, destroyed: event.type === 'BridgeDestroyed' });
        return undefined;
      case 'EndpointStateChange':
      case 'ContactStatusChange':
      case 'PeerStatusChange':
        this.sink(endpointFactOf(event)!);
        return undefined;
      case 'PlaybackStarted':
      case 'PlaybackContinuing':
      case 'PlaybackFinished':
        this.sink({ kind: 'playback', playback: event.playback, phase: event.type === 'PlaybackStarted' ? 'started' : event.type === 'PlaybackContinuing' ? 'continuing' : 'finished' });
        return undefined;
      case 'RecordingStarted':
      case 'RecordingFinished':
      case 'RecordingFailed':
        this.sink({ kind: 'recording', recording: event.recording, phase: event.type === 'RecordingStarted' ? 'started' : event.type === 'RecordingFinished' ? 'finished' : 'failed' });
        return undefined;
      default: {
        // Every other event that carries a channel keeps its snapshot current (ChannelStateChange,
        // ChannelCallerId, ChannelDialplan, ChannelDtmfReceived, …), and what it signals is told.
        const channel = channelOfEvent(event);
        const signal = channel && this.snapshot(channel, event.application, true) ? channelSignalOf(event) : undefined;
        if (signal) this.sink(signal);
        return undefined;
      }
    }
  }

  /** `app` was subscribed to `bridge` over REST, which no event tells (docs/ari-behaviour.md#bridges). */
  bridgeSubscribed(app: string, bridge: Bridge): void {
    this.sink({ kind: 'bridge', app, bridge, destroyed: false });
  }

  /**
   * What our own sockets show of an app's client: ours closed for good (Asterisk keeps the app,
   * inactive, while channels are inside: docs/ari-behaviour.md#socket-close), or another client
   * took it from us (ApplicationReplaced).
   */
  appActivity(app: string, active: boolean, because: string): void {
    this.sink({ kind: 'appActivity', app, active, because });
  }

  /** Reads what REST says now (Asterisk replays no StasisStart after a reconnect: docs/ari-behaviour.md#socket-close). */
  readSnapshot(snapshot: ResyncSnapshot): void {
    readSnapshot(snapshot, this.readings, this.sink);
  }

  /**
   * Reads the server's listing of apps (GET /applications) against the channels as the events
   * tell them now: where each is, in whose app. Only for a session that watches, whose readings
   * hold every channel. `asOf`: `mark` when the listing was asked for; channels made or told of
   * by our own apps since are newer than it, and left as they are. Returns the ids the listing
   * names that we never heard of.
   */
  readListing(applications: readonly Application[], asOf: number): string[] {
    const unknown = new Set<string>();
    for (const app of applications) for (const id of app.channel_ids) if (id !== ALL_CHANNELS_TOPIC && !this.readings.knows(id)) unknown.add(id);
    readSnapshot({ applications, channels: [...this.readings.all].map((r) => r.snapshot), everyChannel: true, listingOnly: true, asOf }, this.readings, this.sink);
    return [...unknown];
  }

  /** Where the readings stand now, for `readListing`'s `asOf`: take it as the listing is asked for. */
  get mark(): number {
    return this.readings.mark;
  }

  /** The channel's path across Stasis apps as read so far. */
  pathOf(channelId: string): StasisPath | undefined {
    return this.readings.get(channelId)?.chain.path;
  }

  /** Forgets everything, e.g. when the user disconnects. */
  clear(): void {
    this.readings.clear();
  }

  /** The channel's snapshot as `app` received it; undefined (and nothing emitted) for a channel that is gone. */
  private snapshot(channel: Channel, app: string, subscribed: boolean, entering = false): ChannelReading | undefined {
    const reading = this.readings.of(channel, entering);
    if (!reading) return undefined;
    reading.snapshot = channel;
    reading.apps = withApp(reading.apps, app, subscribed);
    this.sink({ kind: 'channelSnapshot', channel, subscribedApps: reading.apps });
    return reading;
  }

  private destroyed(event: ChannelDestroyed): void {
    // Once per channel; after a hangup and StasisEnd it is gone already, but this still tells why.
    if (this.readings.destroyedRead(event.channel)) return;
    const reading = this.readings.get(event.channel.id);
    if (reading) {
      this.hungUp(reading, event.channel, event.cause, event.cause_txt, undefined, true, event.timestamp);
      // The watcher's copy can come before our app's StasisEnd, which then finds the channel gone:
      // a stay our events told of ends here, so its path reads the same in either order.
      const current = reading.chain.path.current;
      if (current?.knownFrom === 'events') this.stasis(reading, event.channel, reading.chain.ended(current.app, event.timestamp));
    } else if (!this.readings.isGone(event.channel)) this.sink({ kind: 'hungUp', channel: event.channel, cause: event.cause, causeText: event.cause_txt, soft: undefined, destroyed: true, at: event.timestamp });
    this.readings.ended(event.channel, true);
    this.sink({ kind: 'channelGone', channelId: event.channel.id, reason: 'destroyed', cause: event.cause, causeText: event.cause_txt });
  }

  private stasis(reading: ChannelReading, channel: Channel, change: PathChange): void {
    if (!change) return;
    const path = reading.chain.path;
    const last = path.steps[path.steps.length - 1];
    if (change === 'pathRevised' || !last) {
      this.sink({ kind: 'pathRevised', channel, path, at: last?.at ?? '' });
    } else if (last.kind === 'entered') {
      this.sink({ kind: 'entered', channel, path, at: last.at, app: last.app, args: last.args });
    } else if (last.kind === 'moved') {
      this.sink({ kind: 'moved', channel, path, at: last.at, from: last.from, to: last.to, args: last.args });
    } else {
      this.sink({ kind: 'left', channel, path, at: last.at, app: last.app });
    }
  }

  private hungUp(reading: ChannelReading, channel: Channel, cause: number | undefined, causeText: string | undefined, soft: boolean | undefined, destroyed: boolean, at: string): void {
    if (reading.hungUp) return;
    reading.hungUp = true;
    this.sink({ kind: 'hungUp', channel, cause, causeText, soft, destroyed, at });
  }

  private gone(channel: Channel, reason: 'hungUpAndLeft'): void {
    this.readings.ended(channel, false);
    this.sink({ kind: 'channelGone', channelId: channel.id, reason });
  }
}
