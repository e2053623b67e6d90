import { eventShapeProblem } from '../ari/eventShape';
import { isAriEventType, type AriEvent } from '../ari/generated/ariTypes';
import type { RestExchange } from '../proxy/TraceRecord';
import { exchangeShapeProblem, isTime } from './exchangeShape';
import { exchangeForExport } from './exportRedaction';

/** One exported event: what the log knew of it, and nothing about how we connected. */
export interface RecordedEvent {
  serverId: string;
  serverName: string;
  receivedAt: number;
  event: AriEvent;
}

/** One exported REST exchange of a traced app: the trace's record, when its request left. */
export interface RecordedExchange {
  serverId: string;
  serverName: string;
  at: number;
  exchange: RestExchange;
}

export type RecordedRow = RecordedEvent | RecordedExchange;

/**
 * One line per event or exchange, in the order given (the inspector's: by time). The server is
 * named (and its id given); its URL and credentials never appear, and an exchange's credential
 * headers and parameters are left out again here (exportRedaction.ts).
 */
export function toNdjson(records: Iterable<RecordedRow>): string {
  let out = '';
  for (const r of records) {
    const line = 'event' in r ? { server: r.serverName, serverId: r.serverId, receivedAt: r.receivedAt, event: r.event } : { server: r.serverName, serverId: r.serverId, at: r.at, exchange: exchangeForExport(r.exchange) };
    out += `${JSON.stringify(line)}\n`;
  }
  return out;
}

export interface NdjsonProblem {
  line: number;
  message: string;
}

export interface NdjsonReadResult {
  events: RecordedEvent[];
  exchanges: RecordedExchange[];
  /** Lines that were skipped, each with why. Empty lines are not problems. */
  skipped: NdjsonProblem[];
}

type LineFields = { server?: unknown; serverId?: unknown; receivedAt?: unknown; at?: unknown; event?: unknown; exchange?: unknown; type?: unknown };

/**
 * Reads an export back. Each line is checked on its own: a line that is not JSON, not an object,
 * not an ARI event as Asterisk sends it, or not a REST exchange as the trace records it, is
 * reported with its number and skipped; the caller decides whether a file with problems is
 * imported at all. Bare ARI events (as `ari set debug` or wscat print them) are accepted too, with
 * server "imported".
 */
export function fromNdjson(text: string): NdjsonReadResult {
  const result: NdjsonReadResult = { events: [], exchanges: [], skipped: [] };
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const problem = readLine(raw, result);
    if (problem) result.skipped.push({ line: index + 1, message: problem });
  });
  return result;
}

/** Adds the line's event or exchange to `into`; or says why it cannot. */
function readLine(raw: string, into: NdjsonReadResult): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    return `not JSON (${(error as Error).message})`;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
  const record = value as LineFields;
  const serverName = typeof record.server === 'string' ? record.server : 'imported';
  const serverId = typeof record.serverId === 'string' ? record.serverId : serverName;
  // A time the page cannot show as a date would refuse the whole capture there: refuse the line here.
  for (const key of ['at', 'receivedAt'] as const) if (record[key] !== undefined && !isTime(record[key])) return `its "${key}" is not a time (ms since 1970)`;
  if (record.exchange !== undefined) {
    const problem = exchangeShapeProblem(record.exchange);
    if (problem) return `a REST exchange that is not as the trace records it: ${problem}`;
    const exchange = record.exchange as RestExchange;
    into.exchanges.push({ serverId, serverName, at: isTime(record.at) ? record.at : exchange.at, exchange });
    return undefined;
  }
  const wrapped = record.event !== undefined;
  const event = (wrapped ? record.event : value) as { type?: unknown } | null;
  if (!event || typeof event !== 'object' || typeof event.type !== 'string') return 'no "type": not an ARI event';
  if (!isAriEventType(event.type)) return `unknown event type "${event.type}"`;
  const shapeProblem = eventShapeProblem(event as AriEvent);
  if (shapeProblem) return `a ${event.type} that is not as Asterisk sends it: ${shapeProblem}`;
  into.events.push({
    serverId: wrapped ? serverId : 'imported',
    serverName: wrapped ? serverName : 'imported',
    receivedAt: wrapped && isTime(record.receivedAt) ? record.receivedAt : Date.parse(String((event as { timestamp?: unknown }).timestamp)) || 0,
    event: event as AriEvent,
  });
  return undefined;
}

/** "line 3: not JSON (…); line 9: no "type" …" — at most `max` problems, then a count. */
export function describeProblems(problems: readonly NdjsonProblem[], max = 5): string {
  const shown = problems.slice(0, max).map((p) => `line ${p.line}: ${p.message}`);
  if (problems.length > max) shown.push(`and ${problems.length - max} more`);
  return shown.join('; ');
}
