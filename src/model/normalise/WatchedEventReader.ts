import { channelOfEvent, type AriEvent, type Channel, type ChannelDestroyed } from '../../ari/generated/ariTypes';
import type { Fact } from '../facts/Fact';
import type { ChannelReading, ChannelReadings } from './ChannelReadings';
import { channelSignalOf } from './channelSignal';
import { endpointFactOf } from './endpointFact';
import type { PathChange } from './StintChain';

/** What the watcher's reader shares with the Normaliser: the readings, the sink, and how facts about a channel are made. */
export interface NormaliserShared {
  readonly readings: ChannelReadings;
  readonly sink: (fact: Fact) => void;
  readonly placementUnknown: () => void;
  hungUp(reading: ChannelReading, channel: Channel, cause: number | undefined, causeText: string | undefined, soft: boolean | undefined, destroyed: boolean, at: string): void;
  destroyed(event: ChannelDestroyed): void;
  stasis(reading: ChannelReading, channel: Channel, change: PathChange): void;
}

/**
 * The Normaliser's reader of the watcher's events (see Normaliser). The watcher gets every channel's and bridge's events, but never another
 * app's StasisStart or StasisEnd (docs/ari-behaviour.md#watching): a channel it sees enter
 * `Stasis(app)` is placed in `app` from the dialplan until the listing says more.
 */
export class WatchedEventReader {
  constructor(private readonly shared: NormaliserShared) {}

  /** One event of the watcher. */
  read(event: AriEvent): void {
    switch (event.type) {
      case 'StasisStart':
      case 'StasisEnd':
      case 'ApplicationMoveFailed':
        return; // its own app holds no channels
      case 'ChannelHangupRequest': {
        const reading = this.observe(event.channel);
        if (reading) this.shared.hungUp(reading, event.channel, event.soft ? undefined : event.cause, undefined, event.soft, false, event.timestamp);
        return;
      }
      case 'ChannelDestroyed':
        this.shared.destroyed(event);
        return;
      case 'ChannelVarset':
        if (event.channel && this.observe(event.channel)) {
          this.shared.sink({ kind: 'variableSet', channel: event.channel, variable: event.variable, value: event.value });
          // Stasis() sets it when it could not run the app: an inactive app refuses calls (docs/ari-behaviour.md#inactive-apps).
          if (event.variable === 'STASISSTATUS' && event.value === 'FAILED' && event.channel.dialplan.app_name === 'Stasis') {
            this.shared.sink({ kind: 'appActivity', app: event.channel.dialplan.app_data.split(',')[0], active: false, because: 'a call could not enter it: Stasis() failed, as it does while no client holds the app', channelId: event.channel.id });
          }
        }
        return;
      case 'ChannelDialplan': {
        const reading = this.observe(event.channel);
        if (reading) this.dialplanMoved(reading, event.channel, event.dialplan_app, event.dialplan_app_data, event.timestamp);
        return;
      }
      case 'ChannelEnteredBridge':
      case 'ChannelLeftBridge':
        this.shared.sink({ kind: 'bridge', app: undefined, bridge: event.bridge, destroyed: false });
        if (event.channel && this.observe(event.channel)) this.shared.sink({ kind: 'channelBridge', channel: event.channel, app: undefined, bridge: event.bridge, inBridge: event.type === 'ChannelEnteredBridge' });
        return;
      case 'BridgeCreated':
      case 'BridgeMerged':
      case 'BridgeVideoSourceChanged':
      case 'BridgeDestroyed':
        this.shared.sink({ kind: 'bridge', app: undefined, bridge: event.bridge, destroyed: event.type === 'BridgeDestroyed' });
        return;
      case 'EndpointStateChange':
      case 'ContactStatusChange':
      case 'PeerStatusChange':
        this.shared.sink(endpointFactOf(event)!);
        return;
      default: {
        const channel = channelOfEvent(event);
        const signal = channel && this.observe(channel) ? channelSignalOf(event) : undefined;
        if (signal) this.shared.sink(signal);
      }
    }
  }

  /** The channel's snapshot as the watcher saw it: its subscriptions stay as they are. A channel new to us is for the listing to place. */
  private observe(channel: Channel): ChannelReading | undefined {
    const known = this.shared.readings.get(channel.id);
    const reading = known ?? this.shared.readings.of(channel);
    if (!reading) return undefined;
    reading.snapshot = channel;
    this.shared.sink({ kind: 'channelSnapshot', channel, subscribedApps: reading.apps });
    if (!known) this.shared.placementUnknown();
    return reading;
  }

  /**
   * A channel the watcher saw change dialplan app. `Stasis(app,args…)` starting means it is
   * entering `app` now (app_data goes stale only after a move: docs/ari-behaviour.md#move); any
   * other app means it left Stasis. Not for a stay our own app's events tell (they have its
   * StasisStart and StasisEnd), nor for a change older than the newest step they told: the
   * watcher's copy of an entry can arrive after our app's StasisStart and StasisEnd of it.
   */
  private dialplanMoved(reading: ChannelReading, channel: Channel, app: string, appData: string, at: string): void {
    const path = reading.chain.path;
    const newest = path.steps[path.steps.length - 1];
    // A step REST or the dialplan ended has no time (''): it never makes a change look old.
    if (path.current?.knownFrom === 'events' || (newest && Date.parse(at) <= Date.parse(newest.at))) {
      if (app === 'Stasis') this.shared.placementUnknown();
      return;
    }
    if (app === 'Stasis') {
      const [target, ...args] = appData.split(',');
      if (target) this.shared.stasis(reading, channel, reading.chain.placed(target, args, 'dialplan'));
      this.shared.placementUnknown();
    } else if (path.current) {
      this.shared.stasis(reading, channel, reading.chain.placed(undefined, []));
    }
  }
}
