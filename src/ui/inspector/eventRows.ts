import { channelOfEvent } from '../../ari/generated/ariTypes';
import { isFailureEvent } from '../../inspector/InspectorFilter';
import type { EventRow } from '../../inspector/protocol';
import { describeEvent } from '../../model/describeEvent';
import { channelIdsOf } from '../../model/channelIdsOf';
import type { LoggedEvent } from '../../model/EventLog';

/** A log entry as the webview shows it; `id` is the panel's, unique across servers and kinds. */
export function toEventRow(id: number, logged: Pick<LoggedEvent, 'serverId' | 'receivedAt' | 'event'>, serverName: string): EventRow {
  const event = logged.event;
  const channel = channelOfEvent(event);
  return {
    kind: 'event',
    id,
    serverId: logged.serverId,
    serverName,
    at: logged.receivedAt,
    type: event.type,
    application: event.application,
    channelIds: [...channelIdsOf(event)],
    channelName: channel?.name ?? '',
    summary: describeEvent(event),
    failure: isFailureEvent(event),
    event,
  };
}
