import type { ParsedHttpRequest } from './parseHttpFile';

/** A `.http` request as the ARI request it makes, ready for matchOperation and the console. */
export interface AriHttpRequest {
  readonly method: string;
  /** Relative to /ari, no leading slash, as written (ids percent-encoded): 'channels/abc%2F1/move'. */
  readonly resource: string;
  /** Decoded, in order. */
  readonly query: readonly (readonly [name: string, value: string])[];
  /** The parsed JSON body, when there is one. */
  readonly body?: unknown;
}

/**
 * The ARI request a parsed `.http` request makes, or why it makes none: a problem of the file,
 * a URL that is not under `<serverBaseUrl>/ari/` (or, with no server given, has no /ari/ in its
 * path), or a body that is not JSON, the only kind Stasis Explorer sends.
 */
export function httpRequestToAri(parsed: ParsedHttpRequest, serverBaseUrl?: string): AriHttpRequest | { problem: string } {
  if (parsed.problems.length > 0) return { problem: parsed.problems[0] };
  const url = tryUrl(parsed.url);
  if (!url) return { problem: `"${parsed.url}" is not a URL.` };
  let resource: string;
  if (serverBaseUrl !== undefined) {
    const root = tryUrl(`${serverBaseUrl.replace(/\/+$/, '')}/ari/`);
    if (!root || url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return { problem: `${url.origin}${url.pathname} is not on this server: its ARI is at ${root ? root.href : serverBaseUrl}.` };
    resource = url.pathname.slice(root.pathname.length);
  } else {
    const at = url.pathname.indexOf('/ari/');
    if (at < 0) return { problem: `${url.origin}${url.pathname} is not an ARI URL: its path has no /ari/.` };
    resource = url.pathname.slice(at + '/ari/'.length);
  }
  if (resource === '') return { problem: `${url.href} names no ARI resource.` };
  const request = { method: parsed.method, resource, query: [...url.searchParams] };
  if (parsed.body === undefined || parsed.body.trim() === '') return request;
  const contentType = parsed.headers.find(([name]) => name.toLowerCase() === 'content-type')?.[1] ?? '';
  if (!/^application\/json\s*(;|$)/i.test(contentType)) return { problem: `The body needs "Content-Type: application/json": Stasis Explorer sends JSON bodies only.` };
  try {
    return { ...request, body: JSON.parse(parsed.body) as unknown };
  } catch (error) {
    return { problem: `The body is not JSON: ${(error as Error).message}.` };
  }
}

function tryUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}
