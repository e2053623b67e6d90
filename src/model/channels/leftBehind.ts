import type { Bridge } from '../../ari/generated/ariTypes';
import type { ServerModel } from '../ServerModel';
import type { ChannelView } from '../stores/ChannelStore';

/**
 * A channel inside Stasis() that no listed app holds: what a subscribeAll client leaves when it
 * goes (Asterisk removes its app at once, channels and all: docs/ari-behaviour.md#inactive-apps).
 */
export function isLeftBehind(channel: ChannelView): boolean {
  return channel.snapshot.dialplan.app_name === 'Stasis' && channel.stasisApp === undefined && channel.subscribedApps.size === 0;
}

/** A bridge with no channel in it that no app is subscribed to: left behind, unless a client is about to fill it. */
export function isEmptyAndUnheld(bridge: Bridge, model: ServerModel): boolean {
  return bridge.channels.length === 0 && !model.bridges.isListedByAnApp(bridge.id);
}

/** What is left behind on a server: channels in Stasis() of no app, and bridges nobody holds. */
export function leftBehind(model: ServerModel): { channels: ChannelView[]; bridges: Bridge[] } {
  return {
    channels: [...model.channels.all].filter(isLeftBehind),
    bridges: [...model.bridges.all].filter((b) => isEmptyAndUnheld(b, model)),
  };
}
