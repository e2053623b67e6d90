import { expandVariables, fileVariables, isFileVariableLine } from './httpFileVariables';

/** One request of a `.http` file, its variables expanded. */
export interface ParsedHttpRequest {
  /** 0-based line of the request line, where a CodeLens goes. */
  readonly line: number;
  /** The text after `###` on the line that opens its block, if any. */
  readonly title?: string;
  /** Upper case; GET when the request line names none. */
  readonly method: string;
  readonly url: string;
  readonly headers: readonly (readonly [name: string, value: string])[];
  readonly body?: string;
  /** What keeps the request from being sent as written: each a sentence. */
  readonly problems: readonly string[];
}

// The request syntax of REST Client (humao.rest-client), as its Selector and HttpRequestParser
// read it (Huachao/vscode-restclient, src/utils): a line starting with ### opens a block; comment
// lines (# or //) are dropped anywhere in the block, so `# @prompt` lines go before the request
// line; the first other line that is not empty or a file variable is the request line, lines
// starting with ? or & right after it continue its URL, the headers follow up to the first empty
// line, and the rest up to the next block, without trailing empty lines, is the body.
const DELIMITER = /^#{3,}/;
const COMMENT = /^\s*(#|\/{2})/;
const PROMPT = /^\s*(?:#{1,}|\/{2,})\s*@prompt\s+(\S+)/;
const RESPONSE_STATUS = /^\s*HTTP\/[\d.]+/;
const QUERY_CONTINUATION = /^\s*[&?]/;
const METHOD = /^(GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS|CONNECT|TRACE|LOCK|UNLOCK|PROPFIND|PROPPATCH|COPY|MOVE|MKCOL|MKCALENDAR|ACL|SEARCH)\s+/i;

/**
 * The requests of a `.http` file, with the file's own variables expanded in their URL, headers
 * and body. `{{password}}` is never expanded, whatever the file says: the server's password is
 * added when Stasis Explorer sends the request.
 */
export function parseHttpFile(text: string): ParsedHttpRequest[] {
  const lines = text.split(/\r?\n/);
  const variables = fileVariables(lines);
  variables.delete('password');
  const requests: ParsedHttpRequest[] = [];
  let start = 0;
  let title: string | undefined;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && !DELIMITER.test(lines[i])) continue;
    const request = parseBlock(lines, start, i, title, variables);
    if (request) requests.push(request);
    start = i + 1;
    title = i < lines.length ? lines[i].replace(DELIMITER, '').trim() || undefined : undefined;
  }
  return requests;
}

/** The request in lines [from, to), if the block has one. */
function parseBlock(lines: readonly string[], from: number, to: number, title: string | undefined, variables: ReadonlyMap<string, string>): ParsedHttpRequest | undefined {
  const prompts: string[] = [];
  const kept: number[] = [];
  for (let i = from; i < to; i++) {
    const prompt = PROMPT.exec(lines[i]);
    if (prompt) prompts.push(prompt[1]);
    if (!COMMENT.test(lines[i])) kept.push(i);
  }
  const first = kept.findIndex((i) => lines[i].trim() !== '' && !isFileVariableLine(lines[i]));
  if (first < 0 || RESPONSE_STATUS.test(lines[kept[first]])) return undefined;
  let last = kept.length - 1;
  while (lines[kept[last]].trim() === '') last--;
  const own = kept.slice(first, last + 1).map((i) => lines[i]);

  let next = 1;
  while (next < own.length && QUERY_CONTINUATION.test(own[next])) next++;
  const requestLine = own
    .slice(0, next)
    .map((l) => l.trim())
    .join('');
  const headerLines: string[] = [];
  while (next < own.length && own[next].trim() !== '') headerLines.push(own[next++].trim());
  const bodyLines = own.slice(next + 1);

  const unresolved = new Set<string>();
  const expand = (raw: string): string => {
    const result = expandVariables(raw, variables);
    result.unresolved.forEach((name) => unresolved.add(name));
    return result.text;
  };
  const problems: string[] = [];
  const method = METHOD.exec(requestLine);
  const url = expand((method ? requestLine.slice(method[0].length) : requestLine).trim().replace(/\s+HTTP\/.*$/i, ''));
  const headers: [string, string][] = [];
  for (const header of headerLines) {
    const colon = header.indexOf(':');
    if (colon <= 0) problems.push(`"${header}" is not a header (name: value).`);
    else headers.push([header.slice(0, colon).trim(), expand(header.slice(colon + 1).trim())]);
  }
  const body = bodyLines.length > 0 ? expand(bodyLines.join('\n')) : undefined;
  unresolved.delete('password');
  for (const name of unresolved) problems.push(unresolvedProblem(name, prompts, variables));

  const request = { line: kept[first], method: method ? method[1].toUpperCase() : 'GET', url, headers, problems };
  return { ...(title === undefined ? {} : { title }), ...request, ...(body === undefined ? {} : { body }) };
}

function unresolvedProblem(name: string, prompts: readonly string[], variables: ReadonlyMap<string, string>): string {
  if (variables.has(name.replace(/^%/, ''))) return `{{${name}}} refers to itself through the variables it uses.`;
  if (prompts.includes(name)) return `{{${name}}} is asked for by REST Client when it sends the request; give its value in the file instead.`;
  if (name.startsWith('$')) return `{{${name}}} is one of REST Client's system variables, which only REST Client fills in.`;
  return `{{${name}}} is not defined in this file: add a line "@${name.replace(/^%/, '')} = …".`;
}
