import type { ConsoleRequest, ConsoleTarget } from '../ConsoleRequest';
import { pythonLiteral } from './dataLiteral';
import { requestUrl } from './requestUrl';

/**
 * The request as a Python 3 script on `requests`, the password read from ARI_PASSWORD. The query
 * goes as `params` pairs, in order and as sent, for requests to encode: it escapes a few
 * characters the console leaves as they are (`*`), which Asterisk decodes all the same.
 */
export function pythonRequestsSnippet(request: ConsoleRequest, target: ConsoleTarget): string {
  const args = [`    ${JSON.stringify(requestUrl({ resource: request.resource, query: [] }, target))},`];
  if (request.query.length > 0) args.push('    params=[', ...request.query.map(([name, value]) => `        (${JSON.stringify(name)}, ${JSON.stringify(value)}),`), '    ],');
  if (request.body !== undefined) args.push(`    json=${pythonLiteral(request.body, '    ')},`);
  // Given str, requests sends the user and password as Latin-1 (requests.auth._basic_auth_str);
  // the console sends UTF-8, the bytes Asterisk compares with ari.conf.
  args.push(`    auth=(${JSON.stringify(target.username)}.encode(), os.environ["ARI_PASSWORD"].encode()),`);
  return [
    '# pip install requests (Debian: apt install python3-requests); run with the ARI password in ARI_PASSWORD',
    'import os',
    '',
    'import requests',
    '',
    `response = requests.${request.method.toLowerCase()}(`,
    ...args,
    ')',
    'print(response.status_code, response.reason)',
    'print(response.text)',
  ].join('\n');
}
