import type { HeaderPairs } from './TraceRecord';

/** Headers whose values are credentials: they pass through the proxy, and never into a record. */
const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
/** Query parameters that carry credentials: ARI takes `api_key=user:password` (docs/ari-behaviour.md#events-socket). */
const SECRET_PARAMS = new Set(['api_key']);
export const REDACTED = '…';

/** Node's rawHeaders (name, value, name, value, …) as pairs, with credentials replaced. */
export function redactedHeaders(raw: readonly string[]): HeaderPairs {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    pairs.push([name, SECRET_HEADERS.has(name) ? REDACTED : raw[i + 1]]);
  }
  return pairs;
}

/** The decoded query pairs of a request target (`/ari/channels?x=1`), with credentials replaced. */
export function redactedQuery(search: URLSearchParams): HeaderPairs {
  return [...search].map(([name, value]) => [name, SECRET_PARAMS.has(name.toLowerCase()) ? REDACTED : value] as const);
}

/** A request target or uri with its credential parameters replaced, for a line of text. */
export function redactedTarget(target: string): string {
  return target.replace(/([?&]api_key=)[^&#]*/gi, `$1${REDACTED}`);
}
