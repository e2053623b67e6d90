import type { AriHttpMethod } from '../ari/generated/ariOperations';

/**
 * One request the console sends or sent: the operation, the values given for its parameters, and
 * what goes on the wire for them. History entries, "Copy as" snippets and `.http` files are all
 * made from it. It never holds credentials: the server's user and password are added when sending.
 */
export interface ConsoleRequest {
  /** `<resource>.<nickname>`: 'channels.move'. */
  readonly operationId: string;
  /** The values as typed (a list for allowMultiple, a JSON value for a body), by parameter name; omitted ones absent. */
  readonly params: Readonly<Record<string, unknown>>;
  readonly method: AriHttpMethod;
  /** Relative to /ari, no leading slash, path ids percent-encoded: 'channels/abc%2F1/move'. */
  readonly resource: string;
  /** In order, as sent: an allowMultiple parameter is ONE comma-joined, backslash-escaped value. */
  readonly query: readonly (readonly [name: string, value: string])[];
  /** The JSON body, when there is one. */
  readonly body?: unknown;
}

/** Where a snippet or `.http` file points: no password, ever. */
export interface ConsoleTarget {
  /** Asterisk's HTTP server with its http.conf prefix, without /ari: 'http://127.0.0.1:8088'. */
  readonly baseUrl: string;
  readonly username: string;
}

/** The request's path and query under /ari: 'channels/abc/move?app=billing'. */
export function requestUri(request: Pick<ConsoleRequest, 'resource' | 'query'>): string {
  const query = new URLSearchParams(request.query.map(([name, value]): [string, string] => [name, value])).toString();
  return query === '' ? request.resource : `${request.resource}?${query}`;
}
