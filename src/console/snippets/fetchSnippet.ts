import type { ConsoleRequest, ConsoleTarget } from '../ConsoleRequest';
import { jsLiteral } from './dataLiteral';
import { requestUrl } from './requestUrl';

/** The request as a Node 20+ script on the global fetch, the password read from ARI_PASSWORD. */
export function fetchSnippet(request: ConsoleRequest, target: ConsoleTarget): string {
  const headers = request.body === undefined ? '{ Authorization: `Basic ${credentials}` }' : '{ Authorization: `Basic ${credentials}`, "Content-Type": "application/json" }';
  const options = [`  method: ${JSON.stringify(request.method)},`, `  headers: ${headers},`];
  if (request.body !== undefined) options.push(`  body: JSON.stringify(${jsLiteral(request.body, '  ')}),`);
  return [
    '// Node 20 or later; the ARI password comes from the environment: ARI_PASSWORD=… node request.js',
    `const credentials = Buffer.from(${JSON.stringify(`${target.username}:`)} + process.env.ARI_PASSWORD, "utf8").toString("base64");`,
    '',
    `fetch(${JSON.stringify(requestUrl(request, target))}, {`,
    ...options,
    '})',
    '  .then(async (response) => {',
    '    console.log(response.status, response.statusText);',
    '    console.log(await response.text());',
    '  })',
    '  .catch((error) => {',
    '    console.error(error);',
    '    process.exitCode = 1;',
    '  });',
  ].join('\n');
}
