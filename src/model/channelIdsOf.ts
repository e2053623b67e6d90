import { channelOfEvent, type AriEvent, type Channel } from '../ari/generated/ariTypes';

/** The ids of every channel an event is about, for indexing (the EventLog, journeys). */
export function channelIdsOf(event: AriEvent): string[] {
  const ids: string[] = [];
  const add = (channel: Channel | undefined) => {
    if (channel && !ids.includes(channel.id)) ids.push(channel.id);
  };
  add(channelOfEvent(event));
  switch (event.type) {
    case 'StasisStart':
      add(event.replace_channel);
      break;
    case 'Dial':
      add(event.caller);
      add(event.peer);
      add(event.forwarded);
      break;
    case 'BridgeAttendedTransfer':
      add(event.transferer_first_leg);
      add(event.transferer_second_leg);
      add(event.transferee);
      add(event.transfer_target);
      add(event.replace_channel);
      break;
    case 'BridgeBlindTransfer':
      add(event.transferee);
      add(event.replace_channel);
      break;
    default:
      break;
  }
  return ids;
}
