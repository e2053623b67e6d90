import { eventShapeProblem } from '../ari/eventShape';
import { isAriEventType, type AriEvent } from '../ari/generated/ariTypes';

/** One exported event: what the log knew of it, and nothing about how we connected. */
export interface RecordedEvent {
  serverId: string;
  serverName: string;
  receivedAt: number;
  event: AriEvent;
}

/** One line per event; the server is named (and its id given), its URL and credentials never appear. */
export function toNdjson(events: Iterable<RecordedEvent>): string {
  let out = '';
  for (const e of events) out += `${JSON.stringify({ server: e.serverName, serverId: e.serverId, receivedAt: e.receivedAt, event: e.event })}\n`;
  return out;
}

export interface NdjsonProblem {
  line: number;
  message: string;
}

export interface NdjsonReadResult {
  events: RecordedEvent[];
  /** Lines that were skipped, each with why. Empty lines are not problems. */
  skipped: NdjsonProblem[];
}

/**
 * Reads an export back. Each line is checked on its own: a line that is not JSON, not an object,
 * or not an ARI event as Asterisk sends it is reported with its number and skipped; the caller
 * decides whether a file with problems is imported at all. Bare ARI events (as `ari set debug` or
 * wscat print them) are accepted too, with server "imported".
 */
export function fromNdjson(text: string): NdjsonReadResult {
  const events: RecordedEvent[] = [];
  const skipped: NdjsonProblem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      skipped.push({ line, message: `not JSON (${(error as Error).message})` });
      return;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      skipped.push({ line, message: 'not a JSON object' });
      return;
    }
    const record = value as { server?: unknown; serverId?: unknown; receivedAt?: unknown; event?: unknown; type?: unknown };
    const wrapped = record.event !== undefined;
    const event = (wrapped ? record.event : value) as { type?: unknown } | null;
    if (!event || typeof event !== 'object' || typeof event.type !== 'string') {
      skipped.push({ line, message: 'no "type": not an ARI event' });
      return;
    }
    if (!isAriEventType(event.type)) {
      skipped.push({ line, message: `unknown event type "${event.type}"` });
      return;
    }
    const shapeProblem = eventShapeProblem(event as AriEvent);
    if (shapeProblem) {
      skipped.push({ line, message: `a ${event.type} that is not as Asterisk sends it: ${shapeProblem}` });
      return;
    }
    const serverName = wrapped && typeof record.server === 'string' ? record.server : 'imported';
    events.push({
      serverId: wrapped && typeof record.serverId === 'string' ? record.serverId : serverName,
      serverName,
      receivedAt: wrapped && typeof record.receivedAt === 'number' ? record.receivedAt : Date.parse(String((event as { timestamp?: unknown }).timestamp)) || 0,
      event: event as AriEvent,
    });
  });
  return { events, skipped };
}

/** "line 3: not JSON (…); line 9: no "type" …" — at most `max` problems, then a count. */
export function describeProblems(problems: readonly NdjsonProblem[], max = 5): string {
  const shown = problems.slice(0, max).map((p) => `line ${p.line}: ${p.message}`);
  if (problems.length > max) shown.push(`and ${problems.length - max} more`);
  return shown.join('; ');
}
