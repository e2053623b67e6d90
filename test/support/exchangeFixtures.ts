// REST exchanges as the trace proxy records them (src/proxy/TraceRecord.ts), for the inspector's tests.
import { subjectsOf, type ExchangeSubjects } from '../../src/model/trace/exchangeSubjects';
import type { RestExchange } from '../../src/proxy/TraceRecord';

let nextId = 1;

/** A JSON body as the tap keeps it. */
export function jsonBody(value: unknown): NonNullable<RestExchange['responseBody']> {
  const text = JSON.stringify(value);
  return { text, bytes: Buffer.byteLength(text), truncated: false, contentType: 'application/json' };
}

/** POST channels/c1/move?app=billing → 204 in 3.1 ms, over HTTP, unless told otherwise. */
export function exchange(overrides: Partial<RestExchange> = {}): RestExchange {
  return {
    kind: 'rest',
    exchangeId: nextId++,
    at: 1_795_000_000_000,
    via: 'http',
    method: 'POST',
    resource: 'channels/c1/move',
    query: [['app', 'billing']],
    status: 204,
    reason: 'No Content',
    durationMs: 3.1,
    requestHeaders: [['host', 'pbx1:8088']],
    responseHeaders: [['server', 'Asterisk/22.0.0']],
    ...overrides,
  };
}

/** An exchange as the session's log holds it: with what its request names, as the core reads it. */
export function logged<T extends { exchange: RestExchange }>(entry: T): T & { subjects: ExchangeSubjects } {
  return { ...entry, subjects: subjectsOf(entry.exchange) };
}
