import { requestUri, type ConsoleRequest, type ConsoleTarget } from './ConsoleRequest';
import { expandVariables, fileVariableLine, fileVariables } from './httpFileVariables';

/** A request as it goes into a `.http` file, under its title. */
export interface HttpFileEntry {
  readonly title: string;
  readonly request: ConsoleRequest;
}

// Written for REST Client (humao.rest-client); parseHttpFile reads it back. The password is
// never written: each request asks for it with a `# @prompt password` line (REST Client hides
// what is typed for a variable of that name and keeps it for that one request only). The
// Authorization header is REST Client's "Basic <user> <password>" form, which it encodes itself:
// its "Basic <user>:<password>" form would cut a password at a second ':' (src/utils/httpClient.ts).
const PREAMBLE = [
  '# ARI requests for the REST Client extension (humao.rest-client), written by Stasis Explorer.',
  '# Each request asks for the ARI password when it is sent; no password is kept in this file.',
];
const BASE_URL = 'baseUrl';
const USER = 'user';

/** A new `.http` file with these requests, in order, for `target`. */
export function httpFileText(entries: readonly HttpFileEntry[], target: ConsoleTarget): string {
  const variables = [fileVariableLine(BASE_URL, ariRoot(target)), fileVariableLine(USER, target.username)];
  const blocks = entries.flatMap(({ title, request }) => ['', ...requestBlock(title, request, `{{${BASE_URL}}}`, `{{${USER}}}`)]);
  return [...PREAMBLE, ...variables, ...blocks, ''].join('\n');
}

/**
 * `existingText` with the request added at its end. The file's own `@baseUrl` and `@user` are
 * used when they have the target's values; those it lacks are added at its top; one that has
 * another value (another server's file) is left alone, and the request gets the target's value
 * written out instead, so that it still goes where the console sent it.
 */
export function appendHttpRequest(existingText: string, title: string, request: ConsoleRequest, target: ConsoleTarget): string {
  if (existingText.trim() === '') return httpFileText([{ title, request }], target);
  const eol = existingText.includes('\r\n') ? '\r\n' : '\n';
  const defined = fileVariables(existingText.split(/\r?\n/));
  const added: string[] = [];
  const refer = (name: string, value: string): string => {
    const current = defined.get(name);
    if (current === undefined) {
      added.push(fileVariableLine(name, value));
      return `{{${name}}}`;
    }
    return expandVariables(current, defined).text === value ? `{{${name}}}` : value;
  };
  const block = requestBlock(title, request, refer(BASE_URL, ariRoot(target)), refer(USER, target.username));
  // REST Client wants an empty line between variable definitions and a request line after them.
  const head = added.length === 0 ? '' : [...added, '', ''].join(eol);
  const tail = /\r?\n$/.test(existingText) ? existingText : existingText + eol;
  return head + tail + ['', ...block, ''].join(eol);
}

/** `<baseUrl>/ari`, what the requests' URLs start with. */
function ariRoot(target: ConsoleTarget): string {
  return `${target.baseUrl.replace(/\/+$/, '')}/ari`;
}

function requestBlock(title: string, request: ConsoleRequest, baseUrl: string, user: string): string[] {
  const lines = [`### ${title.replace(/\s+/g, ' ').trim()}`, '# @prompt password ARI password', `${request.method} ${baseUrl}/${requestUri(request)}`, `Authorization: Basic ${user} {{password}}`];
  if (request.body !== undefined) lines.push('Content-Type: application/json', '', ...bodyText(request.body).split('\n'));
  return lines;
}

/**
 * The body as pretty JSON that REST Client sends unchanged. It replaces `{{…}}` everywhere in a
 * request, and JSON text has `{{` only inside strings, where `\u007b` is the same character.
 * Its lines never start with # or //, which REST Client would drop as comments.
 */
function bodyText(body: unknown): string {
  return JSON.stringify(body, null, 2).replace(/\{(?=\{)/g, '\\u007b');
}
