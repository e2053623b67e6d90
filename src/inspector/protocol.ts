// The one message protocol between the inspector panel (extension host) and its webview. Both
// sides check what they receive with these guards and ignore anything else.
import type { AriEvent } from '../ari/generated/ariTypes';
import type { InspectorFilter } from './InspectorFilter';

/** One event as the webview holds it. `summary` is plain text, rendered as text. */
export interface EventRow {
  id: number;
  /** The server's id: filters and journeys go by it. */
  serverId: string;
  /** Its display name, for people. */
  serverName: string;
  receivedAt: number;
  type: string;
  application: string;
  channelIds: string[];
  channelName: string;
  summary: string;
  failure: boolean;
  event: AriEvent;
}

export interface JourneyView {
  serverId: string;
  serverName: string;
  channelId: string;
  channelName: string;
  steps: string[];
  eventIds: number[];
}

export type HostMessage =
  | { type: 'events'; rows: EventRow[]; capacity: number }
  /** `source` is 'live', or the path of the capture being inspected. */
  | { type: 'reset'; rows: EventRow[]; capacity: number; source: string }
  | { type: 'filter'; filter: InspectorFilter }
  | { type: 'journey'; journey: JourneyView };

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'export'; filter: InspectorFilter }
  | { type: 'import' }
  | { type: 'live' }
  | { type: 'openJourney'; serverId: string; channelId: string }
  | { type: 'copy'; text: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isString = (v: unknown): v is string => typeof v === 'string';

export function isFilter(v: unknown): v is InspectorFilter {
  if (!isObject(v)) return false;
  const optional = (key: string, check: (x: unknown) => boolean) => v[key] === undefined || check(v[key]);
  return (
    optional('types', (x) => Array.isArray(x) && x.every(isString)) &&
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

function isRow(v: unknown): v is EventRow {
  return isObject(v) && typeof v.id === 'number' && isString(v.serverId) && isString(v.serverName) && isString(v.type) && isString(v.summary) && isObject(v.event) && Array.isArray(v.channelIds);
}

export function isHostMessage(v: unknown): v is HostMessage {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'events':
    case 'reset':
      return Array.isArray(v.rows) && v.rows.every(isRow) && typeof v.capacity === 'number' && (v.type === 'events' || isString(v.source));
    case 'filter':
      return isFilter(v.filter);
    case 'journey':
      return isObject(v.journey) && Array.isArray((v.journey as { steps?: unknown }).steps);
    default:
      return false;
  }
}
