// The one message protocol between the inspector panel (extension host) and its webview. Both
// sides check what they receive with these guards and ignore anything else.
import type { AriEvent } from '../ari/generated/ariTypes';
import type { RestExchange } from '../proxy/TraceRecord';
import { isRestExchange, isTime } from './exchangeShape';
import { isListOf, isNumber, isObject, isOneOf, isString } from './guards';
import { METHODS, STATUS_CLASSES, type InspectorFilter } from './InspectorFilter';

/**
 * What every row of the timeline has. `id` is the panel's own, drawn from one counter for events
 * and exchanges of every server, so it is unique across kinds; it says nothing of order (an
 * exchange is logged when its answer comes, after the events that followed its request). The
 * timeline is ordered by `at`.
 */
interface TimelineRowBase {
  id: number;
  /** The server's id: filters and journeys go by it. */
  serverId: string;
  /** Its display name, for people. */
  serverName: string;
  /** Where it sits in the timeline, ms since the epoch: an event's receive time, a request's send time. */
  at: number;
  /** Plain text, rendered as text. */
  summary: string;
  failure: boolean;
  /** The app it concerns: an event's, or the one a request names ('' if none). */
  application: string;
  channelIds: string[];
}

/** One event as the webview holds it. */
export interface EventRow extends TimelineRowBase {
  kind: 'event';
  type: string;
  channelName: string;
  event: AriEvent;
}

/** One REST exchange of a traced app (docs/trace-proxy.md), as the webview holds it: already redacted. */
export interface ExchangeRow extends TimelineRowBase {
  kind: 'exchange';
  exchange: RestExchange;
}

export type TimelineRow = EventRow | ExchangeRow;

export interface JourneyView {
  serverId: string;
  serverName: string;
  channelId: string;
  channelName: string;
  steps: string[];
  eventIds: number[];
}

/**
 * `capacity` is per kind: the page keeps the newest `capacity` events and the newest `capacity`
 * exchanges, as the logs do, so that a burst of one kind does not push the other out.
 */
export type HostMessage =
  /** Live rows since the last batch, in time order. */
  | { type: 'rows'; rows: TimelineRow[]; capacity: number }
  /** `source` is 'live', or the path of the capture being inspected. */
  | { type: 'reset'; rows: TimelineRow[]; capacity: number; source: string }
  | { type: 'filter'; filter: InspectorFilter }
  | { type: 'journey'; journey: JourneyView };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'export'; filter: InspectorFilter }
  | { type: 'import' }
  | { type: 'live' }
  | { type: 'openJourney'; serverId: string; channelId: string }
  | { type: 'copy'; text: string };

export function isFilter(v: unknown): v is InspectorFilter {
  if (!isObject(v)) return false;
  const optional = (key: string, check: (x: unknown) => boolean) => v[key] === undefined || check(v[key]);
  return (
    optional('types', (x) => isListOf(x, isString)) &&
    optional('methods', (x) => isListOf(x, isOneOf(METHODS))) &&
    optional('statusClasses', (x) => isListOf(x, isOneOf(STATUS_CLASSES))) &&
    optional('path', isString) &&
    optional('minDurationMs', (x) => isNumber(x) && x >= 0) &&
    optional('server', isString) &&
    optional('application', isString) &&
    optional('channelId', isString) &&
    optional('text', isString) &&
    optional('failuresOnly', (x) => typeof x === 'boolean')
  );
}

export function isWebviewMessage(v: unknown): v is WebviewMessage {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'ready':
    case 'import':
    case 'live':
      return true;
    case 'export':
      return isFilter(v.filter);
    case 'openJourney':
      return isString(v.serverId) && isString(v.channelId);
    case 'copy':
      return isString(v.text) && v.text.length <= 10_000_000;
    default:
      return false;
  }
}

export function isTimelineRow(v: unknown): v is TimelineRow {
  if (!isObject(v)) return false;
  const base = isNumber(v.id) && isString(v.serverId) && isString(v.serverName) && isTime(v.at) && isString(v.summary) && typeof v.failure === 'boolean' && isString(v.application) && isListOf(v.channelIds, isString);
  if (!base) return false;
  switch (v.kind) {
    case 'event':
      return isString(v.type) && isString(v.channelName) && isObject(v.event);
    case 'exchange':
      return isRestExchange(v.exchange);
    default:
      return false;
  }
}

export function isHostMessage(v: unknown): v is HostMessage {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'rows':
    case 'reset':
      return isListOf(v.rows, isTimelineRow) && isNumber(v.capacity) && (v.type === 'rows' || isString(v.source));
    case 'filter':
      return isFilter(v.filter);
    case 'journey':
      return isObject(v.journey) && Array.isArray((v.journey as { steps?: unknown }).steps);
    default:
      return false;
  }
}
