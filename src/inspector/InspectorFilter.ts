import type { AriEvent } from '../ari/generated/ariTypes';
import type { RestExchange } from '../proxy/TraceRecord';
import { bodyJson, exchangePath } from './exchangeText';

/** The methods ARI's REST API uses; the method filter offers these. */
export const METHODS = ['GET', 'POST', 'PUT', 'DELETE'] as const;
export type Method = (typeof METHODS)[number];

/** An answer's status class; 'none' is an exchange that got no answer (status 0). */
export const STATUS_CLASSES = ['2xx', '3xx', '4xx', '5xx', 'none'] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

/**
 * What the inspector's filter bar holds. Empty fields match everything.
 *
 * Each kind of row has fields of its own: `types` are events'; `methods`, `statusClasses`, `path`
 * and `minDurationMs` are REST exchanges'. Setting a field of one kind shows the rows of that kind
 * it keeps and hides the other kind, unless a field of the other kind is set too: picking
 * StasisStart shows StasisStart events, not every exchange beside them (a type says which events,
 * it says nothing about requests); picking StasisStart and POST shows both. The other fields apply
 * to both kinds. An exchange's application and channels are the ones its request names
 * (`channels/1234/move?app=x`), so a channel's journey shows the requests made for it too.
 */
export interface InspectorFilter {
  types?: readonly string[];
  methods?: readonly Method[];
  statusClasses?: readonly StatusClass[];
  /** Case-insensitive, within the request's path and query as shown (`channels/1234/move?app=x`). */
  path?: string;
  minDurationMs?: number;
  /** A server id. */
  server?: string;
  application?: string;
  channelId?: string;
  /** Case-insensitive, over every value of an event's payload or an exchange's request and answer. */
  text?: string;
  failuresOnly?: boolean;
}

/** The fields of a row the filter reads; the webview keeps these, not the live model. */
export interface FilterableEvent {
  readonly kind: 'event';
  readonly serverId: string;
  readonly event: AriEvent;
  readonly channelIds: readonly string[];
}

export interface FilterableExchange {
  readonly kind: 'exchange';
  readonly serverId: string;
  readonly exchange: RestExchange;
  /** The app the request names ('' if none). */
  readonly application: string;
  /** The channels the request names. */
  readonly channelIds: readonly string[];
}

export type FilterableRow = FilterableEvent | FilterableExchange;

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

/** An exchange Asterisk refused (4xx, 5xx) or never answered (0): what a traced app got wrong or could not do. */
export function isFailureExchange(exchange: Pick<RestExchange, 'status'>): boolean {
  return exchange.status >= 400 || exchange.status === 0;
}

/** The class of an answer's status; undefined for a status ARI never gives (1xx, or nonsense). */
export function statusClassOf(status: number): StatusClass | undefined {
  if (status === 0) return 'none';
  return STATUS_CLASSES.find((c) => c === `${Math.floor(status / 100)}xx`);
}

/**
 * What a text search looks in: every value (not field names or JSON punctuation), lower-cased,
 * one per line. Half the size of the JSON, so a search over 100,000 events scans half as much.
 */
export function searchTextOf(value: unknown): string {
  const values: string[] = [];
  const walk = (v: unknown): void => {
    if (v === null || v === undefined) return;
    if (typeof v === 'object') {
      for (const item of Array.isArray(v) ? v : Object.values(v)) walk(item);
    } else values.push(String(v));
  };
  walk(value);
  return values.join('\n').toLowerCase();
}

/** A row's search text: an event's payload; an exchange's request and answer, JSON bodies by their values as payloads are. */
export function rowSearchText(row: FilterableRow): string {
  if (row.kind === 'event') return searchTextOf(row.event);
  const e = row.exchange;
  const body = (b: RestExchange['requestBody']) => b && (bodyJson(b) ?? b.text);
  return searchTextOf([e.method, exchangePath(e), e.status, e.reason, e.failure, e.requestId, e.requestHeaders, e.responseHeaders, body(e.requestBody), body(e.responseBody)]);
}

/**
 * Whether `next` keeps a subset of what `previous` kept: the same fields, and a search (or a
 * path) that contains the previous one (typing on). Then only the rows shown so far need testing.
 * A path typed into an empty box is not narrowing: it brings exchanges in when a type was picked.
 */
export function narrows(previous: InspectorFilter, next: InspectorFilter): boolean {
  const typedOn = (before: string | undefined, after: string | undefined) => (after?.trim().toLowerCase() ?? '').includes(before?.trim().toLowerCase() ?? '');
  const pathBefore = previous.path?.trim() ?? '';
  const list = (l: readonly string[] | undefined) => (l ?? []).join('\n');
  return (
    typedOn(previous.text, next.text) &&
    (pathBefore === '' ? (next.path?.trim() ?? '') === '' : typedOn(previous.path, next.path)) &&
    list(previous.types) === list(next.types) &&
    list(previous.methods) === list(next.methods) &&
    list(previous.statusClasses) === list(next.statusClasses) &&
    previous.minDurationMs === next.minDurationMs &&
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
export function compileFilter<Row extends FilterableRow>(filter: InspectorFilter, textOf: (row: Row) => string = rowSearchText): (row: Row) => boolean {
  const setOf = <T>(list: readonly T[] | undefined) => (list && list.length > 0 ? new Set(list) : undefined);
  const types = setOf(filter.types);
  const methods = setOf<string>(filter.methods);
  const statuses = setOf<string | undefined>(filter.statusClasses);
  const path = filter.path?.trim().toLowerCase() || undefined;
  const minDuration = filter.minDurationMs;
  const needle = filter.text?.trim().toLowerCase() || undefined;
  const exchangesAsked = methods !== undefined || statuses !== undefined || path !== undefined || minDuration !== undefined;
  const shows = { event: types !== undefined || !exchangesAsked, exchange: exchangesAsked || types === undefined };
  const keepsExchange = (e: RestExchange) =>
    (!methods || methods.has(e.method.toUpperCase())) &&
    (!statuses || statuses.has(statusClassOf(e.status))) &&
    (!path || exchangePath(e).toLowerCase().includes(path)) &&
    (minDuration === undefined || e.durationMs >= minDuration);
  return (row) => {
    if (!shows[row.kind]) return false;
    if (row.kind === 'event' ? types && !types.has(row.event.type) : !keepsExchange(row.exchange)) return false;
    if (filter.server && row.serverId !== filter.server) return false;
    if (filter.application && (row.kind === 'event' ? row.event.application : row.application) !== filter.application) return false;
    if (filter.channelId && !row.channelIds.includes(filter.channelId)) return false;
    if (filter.failuresOnly && !(row.kind === 'event' ? isFailureEvent(row.event) : isFailureExchange(row.exchange))) return false;
    if (needle && !textOf(row).includes(needle)) return false;
    return true;
  };
}
