import type { AriEvent } from '../ari/generated/ariTypes';

/** What the inspector's filter bar holds. Empty fields match everything. */
export interface InspectorFilter {
  types?: readonly string[];
  /** A server id. */
  server?: string;
  application?: string;
  channelId?: string;
  /** Case-insensitive, over every value of the payload. */
  text?: string;
  failuresOnly?: boolean;
}

/** The fields of an event row the filter reads; the webview keeps these, not the live model. */
export interface FilterableEvent {
  readonly id: number;
  readonly serverId: string;
  readonly event: AriEvent;
  readonly channelIds: readonly string[];
}

/** Events that mean something went wrong, shown highlighted and kept by "failures only". */
export function isFailureEvent(event: AriEvent): boolean {
  switch (event.type) {
    case 'ApplicationMoveFailed':
    case 'RecordingFailed':
      return true;
    case 'Dial':
      return event.dialstatus !== '' && event.dialstatus !== 'ANSWER' && event.dialstatus !== 'PROGRESS' && event.dialstatus !== 'RINGING';
    case 'BridgeBlindTransfer':
    case 'BridgeAttendedTransfer':
      return event.result !== 'Success';
    default:
      return false;
  }
}

/**
 * What a text search looks in: every value of the payload (not its field names or JSON
 * punctuation), lower-cased, one per line. Half the size of the JSON, so a search over 100,000
 * events scans half as much.
 */
export function searchTextOf(event: AriEvent): string {
  const values: string[] = [];
  const walk = (value: unknown): void => {
    if (value === null || value === undefined) return;
    if (typeof value === 'object') {
      for (const item of Array.isArray(value) ? value : Object.values(value)) walk(item);
    } else values.push(String(value));
  };
  walk(event);
  return values.join('\n').toLowerCase();
}

/**
 * Whether `next` keeps a subset of what `previous` kept: the same fields, and a search that
 * contains the previous one (typing on). Then only the rows shown so far need testing.
 */
export function narrows(previous: InspectorFilter, next: InspectorFilter): boolean {
  const before = previous.text?.trim().toLowerCase() ?? '';
  const after = next.text?.trim().toLowerCase() ?? '';
  return (
    after.includes(before) &&
    (previous.types ?? []).join('\n') === (next.types ?? []).join('\n') &&
    previous.server === next.server &&
    previous.application === next.application &&
    previous.channelId === next.channelId &&
    !!previous.failuresOnly === !!next.failuresOnly
  );
}

/**
 * Compiles a filter into a predicate. `textOf` gives a row's search text: the webview keeps it on
 * the row, so retyping the search over 100,000 events does not re-serialise them.
 */
export function compileFilter<Row extends FilterableEvent>(filter: InspectorFilter, textOf: (row: Row) => string = (row) => searchTextOf(row.event)): (row: Row) => boolean {
  const types = filter.types && filter.types.length > 0 ? new Set(filter.types) : undefined;
  const needle = filter.text?.trim().toLowerCase() || undefined;
  return (row) => {
    if (types && !types.has(row.event.type)) return false;
    if (filter.server && row.serverId !== filter.server) return false;
    if (filter.application && row.event.application !== filter.application) return false;
    if (filter.channelId && !row.channelIds.includes(filter.channelId)) return false;
    if (filter.failuresOnly && !isFailureEvent(row.event)) return false;
    if (needle && !textOf(row).includes(needle)) return false;
    return true;
  };
}
