import type { RestExchange, RestStarted, TraceRecord, TracedSocket } from '../../../src/proxy/TraceRecord';

/**
 * Every record a trace proxy's tap delivered, kept for the test to question, and handed on to
 * `also` (a session's `trace.read`) as the extension would hand them.
 */
export class TraceLog {
  readonly records: TraceRecord[] = [];
  readonly batches: number[] = [];
  also: ((records: readonly TraceRecord[]) => void) | undefined;

  readonly reader = (records: readonly TraceRecord[]): void => {
    this.records.push(...records);
    this.batches.push(records.length);
    this.also?.(records);
  };

  /** The id of the events socket that registered `app` (its 'opened' record). */
  socketOf(app: string): number | undefined {
    return this.sockets().find((s) => s.state === 'opened' && s.apps.includes(app))?.socketId;
  }

  sockets(socketId?: number): TracedSocket[] {
    return this.records.filter((r): r is TracedSocket => r.kind === 'socket' && (socketId === undefined || r.socketId === socketId));
  }

  /** The frames Asterisk sent down a socket that the tap read as events, in order. */
  frames(socketId: number): Buffer[] {
    return this.records.flatMap((r) => (r.kind === 'event' && r.socketId === socketId ? [Buffer.from(r.frame)] : []));
  }

  rest(via?: 'http' | 'websocket'): RestExchange[] {
    return this.records.filter((r): r is RestExchange => r.kind === 'rest' && (via === undefined || r.via === via));
  }

  started(exchangeId: number): RestStarted | undefined {
    return this.records.find((r): r is RestStarted => r.kind === 'restStarted' && r.exchangeId === exchangeId);
  }

  gaps(): TraceRecord[] {
    return this.records.filter((r) => r.kind === 'gap');
  }

  /** Every record as text, frames as their UTF-8 text: to search for what must never be in one. */
  text(): string {
    return this.records.map((r) => (r.kind === 'event' ? JSON.stringify({ ...r, frame: Buffer.from(r.frame).toString('utf8') }) : JSON.stringify(r))).join('\n');
  }
}
