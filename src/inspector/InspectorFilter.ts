import type { AriEvent } from '../ari/generated/ariTypes';

/** What the inspector's filter bar holds. Empty fields match everything. */
export interface InspectorFilter {
  types?: readonly string[];
  server?: string;
  application?: string;
  channelId?: string;
  /** Case-insensitive, over the whole payload as JSON. */
  text?: string;
  failuresOnly?: boolean;
}

/** The fields of an event row the filter reads; the webview keeps these, not the live model. */
export interface FilterableEvent {
  readonly id: number;
  readonly server: string;
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
 * Compiles a filter into a predicate. Text search lower-cases each payload's JSON once and keeps
 * it in `textCache`, so retyping the search over 100,000 events does not re-serialise them.
 */
export function compileFilter(filter: InspectorFilter, textCache: WeakMap<object, string> = new WeakMap()): (row: FilterableEvent) => boolean {
  const types = filter.types && filter.types.length > 0 ? new Set(filter.types) : undefined;
  const needle = filter.text?.trim().toLowerCase() || undefined;
  return (row) => {
    if (types && !types.has(row.event.type)) return false;
    if (filter.server && row.server !== filter.server) return false;
    if (filter.application && row.event.application !== filter.application) return false;
    if (filter.channelId && !row.channelIds.includes(filter.channelId)) return false;
    if (filter.failuresOnly && !isFailureEvent(row.event)) return false;
    if (needle) {
      let text = textCache.get(row.event);
      if (text === undefined) {
        text = JSON.stringify(row.event).toLowerCase();
        textCache.set(row.event, text);
      }
      if (!text.includes(needle)) return false;
    }
    return true;
  };
}
