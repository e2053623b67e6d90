import type { ConsoleRequest, ConsoleTarget } from '../ConsoleRequest';
import { requestUrl } from './requestUrl';

/**
 * The request as a curl command for POSIX shells. `-u` names the user only, so curl asks for the
 * password: from the terminal, or from stdin when the process has no terminal (curl's
 * tool_getpass.c opens /dev/tty and falls back to stdin).
 */
export function curlSnippet(request: ConsoleRequest, target: ConsoleTarget): string {
  const url = requestUrl(request, target);
  // curl reads [ ] { } in a URL as globs. The resource and query are percent-encoded, so only a
  // base URL such as http://[::1]:8088 has them.
  const globOff = /[[\]{}]/.test(url) ? ' --globoff' : '';
  const parts = [`curl -u ${shellQuoted(target.username)} -X ${request.method}${globOff} ${shellQuoted(url)}`];
  // JSON text never starts with '@', which --data would read as a file name.
  if (request.body !== undefined) parts.push("-H 'Content-Type: application/json'", `--data ${shellQuoted(JSON.stringify(request.body))}`);
  return parts.join(' \\\n  ');
}

/** `text` as one word for a POSIX shell: nothing inside single quotes is special but the quote itself. */
export function shellQuoted(text: string): string {
  return `'${text.replace(/'/g, "'\\''")}'`;
}
