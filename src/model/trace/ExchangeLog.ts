import type { RestExchange } from '../../proxy/TraceRecord';
import { Ring } from '../Ring';
import { subjectsOf, type ExchangeSubjects } from './exchangeSubjects';

/** One REST exchange a traced app made, as a session's log holds it. */
export interface LoggedExchange {
  /** Increasing, never reused, across evictions. */
  readonly id: number;
  readonly serverId: string;
  /** When the request left the app, ms since the epoch. */
  readonly at: number;
  readonly exchange: RestExchange;
  readonly subjects: ExchangeSubjects;
}

/**
 * The last N REST exchanges of traced apps on one server, beside the server's EventLog: the Event
 * Inspector shows both in one timeline, by time.
 */
export class ExchangeLog {
  private readonly ring: Ring<LoggedExchange>;
  private nextId = 1;

  constructor(capacity = 10_000) {
    this.ring = new Ring(capacity);
  }

  get size(): number {
    return this.ring.size;
  }

  append(serverId: string, exchange: RestExchange): LoggedExchange {
    const entry: LoggedExchange = { id: this.nextId++, serverId, at: exchange.at, exchange, subjects: subjectsOf(exchange) };
    this.ring.push(entry);
    return entry;
  }

  /** All held exchanges, oldest first. */
  all(): LoggedExchange[] {
    return this.ring.toArray();
  }

  clear(): void {
    this.ring.clear();
  }
}
