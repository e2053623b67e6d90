import type { HeaderPairs, RestExchange } from '../proxy/TraceRecord';

/**
 * Headers and query parameters that carry credentials. The trace replaces their values before a
 * record exists (src/proxy/redact.ts); an export leaves the machine, so it checks again with a list
 * of its own rather than trust that every record came that way (an imported capture did not).
 */
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie']);
const CREDENTIAL_PARAMS = new Set(['api_key']);
/** What an export writes for a credential parameter's value: the parameter was there, its value is not. */
export const WITHHELD = '…';

/** The exchange as an export writes it: credential headers left out, credential parameters' values withheld. */
export function exchangeForExport(exchange: RestExchange): RestExchange {
  const headers = (pairs: HeaderPairs): HeaderPairs => pairs.filter(([name]) => !CREDENTIAL_HEADERS.has(name.toLowerCase()));
  return {
    ...exchange,
    query: exchange.query.map(([name, value]) => [name, CREDENTIAL_PARAMS.has(name.toLowerCase()) ? WITHHELD : value] as const),
    requestHeaders: headers(exchange.requestHeaders),
    responseHeaders: headers(exchange.responseHeaders),
  };
}
