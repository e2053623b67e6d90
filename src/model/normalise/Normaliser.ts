import { eventShapeProblem } from '../../ari/eventShape';
import { channelOfEvent, type AriEvent, type Channel } from '../../ari/generated/ariTypes';
import type { Fact } from '../facts/Fact';
import type { StasisPath } from '../facts/StasisPath';
import { ChannelReadings, withApp, type ChannelReading } from './ChannelReadings';
import { readSnapshot, type ResyncSnapshot } from './readSnapshot';
import type { PathChange } from './StintChain';

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
 * - StasisEnd ends the app's subscription to the channel (#applications-resource).
 */
export class Normaliser {
  private readonly readings = new ChannelReadings();

  constructor(private readonly sink: (fact: Fact) => void) {}

  /** Reads one event; returns why it cannot be read (and then emits nothing), or undefined. */
  readEvent(event: AriEvent): string | undefined {
    const problem = eventShapeProblem(event);
    if (problem) return problem;
    switch (event.type) {
      case 'StasisStart': {
        const reading = this.snapshot(event.channel, event.application, true, true);
        if (reading) this.stasis(reading, event.channel, reading.chain.started(event.application, event.args, event.timestamp));
        return undefined;
      }
      case 'StasisEnd': {
        const reading = this.snapshot(event.channel, event.application, false);
        if (!reading) return undefined;
        this.stasis(reading, event.channel, reading.chain.ended(event.application, event.timestamp));
        if (reading.hungUp && !reading.chain.path.current) this.gone(event.channel, 'hungUpAndLeft');
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
      case 'ChannelDestroyed': {
        // Once per channel; after a hangup and StasisEnd it is gone already, but this still tells why.
        if (this.readings.destroyedRead(event.channel)) return undefined;
        const reading = this.readings.get(event.channel.id);
        if (reading) this.hungUp(reading, event.channel, event.cause, event.cause_txt, undefined, true, event.timestamp);
        else if (!this.readings.isGone(event.channel)) this.sink({ kind: 'hungUp', channel: event.channel, cause: event.cause, causeText: event.cause_txt, soft: undefined, destroyed: true, at: event.timestamp });
        this.readings.ended(event.channel, true);
        this.sink({ kind: 'channelGone', channelId: event.channel.id, reason: 'destroyed', cause: event.cause, causeText: event.cause_txt });
        return undefined;
      }
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
        this.sink({ kind: 'bridge', app: event.application, bridge: event.bridge, destroyed: false });
        return undefined;
      case 'BridgeDestroyed':
        this.sink({ kind: 'bridge', app: event.application, bridge: event.bridge, destroyed: true });
        return undefined;
      default: {
        // Every other event that carries a channel keeps its snapshot current (ChannelStateChange,
        // ChannelCallerId, ChannelDialplan, ChannelDtmfReceived, …).
        const channel = channelOfEvent(event);
        if (channel) this.snapshot(channel, event.application, true);
        return undefined;
      }
    }
  }

  /** Reads what REST says now (Asterisk replays no StasisStart after a reconnect: docs/ari-behaviour.md#socket-close). */
  readSnapshot(snapshot: ResyncSnapshot): void {
    readSnapshot(snapshot, this.readings, this.sink);
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
    reading.apps = withApp(reading.apps, app, subscribed);
    this.sink({ kind: 'channelSnapshot', channel, subscribedApps: reading.apps });
    return reading;
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
