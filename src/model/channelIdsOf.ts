import { channelOfEvent, type AriEvent, type Channel } from '../ari/generated/ariTypes';

const NONE: readonly string[] = Object.freeze([]);

/** The ids of every channel an event is about, for indexing (the EventLog, journeys). */
export function channelIdsOf(event: AriEvent): readonly string[] {
  const channel = channelOfEvent(event);
  switch (event.type) {
    case 'StasisStart':
      return collect([channel, event.replace_channel]);
    case 'Dial':
      return collect([event.caller, event.peer, event.forwarded]);
    case 'BridgeAttendedTransfer':
      return collect([event.transferer_first_leg, event.transferer_second_leg, event.transferee, event.transfer_target, event.replace_channel]);
    case 'BridgeBlindTransfer':
      return collect([channel, event.transferee, event.replace_channel]);
    default:
      // Nearly every event names one channel or none: no array to fill on the read path.
      return channel ? [channel.id] : NONE;
  }
}

function collect(channels: readonly (Channel | undefined)[]): string[] {
  const ids: string[] = [];
  for (const channel of channels) if (channel && !ids.includes(channel.id)) ids.push(channel.id);
  return ids;
}
