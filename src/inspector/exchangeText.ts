import type { RestExchange, TracedBody } from '../proxy/TraceRecord';

/**
 * The request as a person reads it: the resource as sent, then the decoded query pairs, so
 * `channels/1234/move?app=x`. For reading and for the path filter, never for sending: the
 * values are not encoded again.
 */
export function exchangePath(exchange: Pick<RestExchange, 'resource' | 'query'>): string {
  if (exchange.query.length === 0) return exchange.resource;
  return `${exchange.resource}?${exchange.query.map(([name, value]) => `${name}=${value}`).join('&')}`;
}

/** "3.1 ms" below 100 ms, where the tenths tell calls apart; "1250 ms" above, where they do not. */
export function durationText(ms: number): string {
  return `${ms < 100 ? ms.toFixed(1) : Math.round(ms)} ms`;
}

/** The parts of an exchange's line in the timeline, which the list styles apart. */
export function exchangeLine(exchange: RestExchange): { method: string; path: string; answer: string; duration: string } {
  const answer = exchange.status === 0 ? `no answer${exchange.failure ? `: ${exchange.failure}` : ''}` : String(exchange.status);
  return { method: exchange.method, path: exchangePath(exchange), answer, duration: durationText(exchange.durationMs) };
}

/** The line of the timeline: "POST channels/1234/move?app=x → 204 (3.1 ms)", or "→ no answer: <why>". */
export function describeExchange(exchange: RestExchange): string {
  const line = exchangeLine(exchange);
  return `${line.method} ${line.path} → ${line.answer} (${line.duration})`;
}

/**
 * A body's JSON value, wrapped (a body can be `null`), or undefined when it is not JSON: another
 * content type, or cut at the tap's cap, which leaves JSON that cannot be read whole.
 */
export function bodyJson(body: TracedBody): { value: unknown } | undefined {
  if (body.truncated || body.text.trim() === '') return undefined;
  if (body.contentType !== undefined && !/json/i.test(body.contentType)) return undefined;
  try {
    return { value: JSON.parse(body.text) as unknown };
  } catch {
    return undefined;
  }
}
