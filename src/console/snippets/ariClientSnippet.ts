import type { ConsoleRequest, ConsoleTarget } from '../ConsoleRequest';
import { jsLiteral, jsPropertyName } from './dataLiteral';

// ari-client 2.2.0 builds its calls from the server's own api-docs: `client.<resource>.<nickname>`
// takes one object of parameters by name, puts path and query parameters in the URL
// (encodeURIComponent, spec order), and turns body parameters into the body in lib/utils.js
// parseBodyParams: the option named like the body parameter is sent as the whole body, except
// that `variables` and `fields` are wrapped as {"variables": value} unless the value has a member
// of that name. An option named `body` is sent as the body as it is (swagger-client's
// SwaggerOperation.do), which is the way out when that wrapping cannot give the console's body.
const WRAPPED_BODY_PARAMETERS = new Set(['variables', 'fields']);

/** The request as a Node script on ari-client, the password read from ARI_PASSWORD. */
export function ariClientSnippet(request: ConsoleRequest, target: ConsoleTarget): string {
  const [resource, nickname] = request.operationId.split('.');
  const { options, note } = callOptions(request);
  const argument = options.length === 0 ? '' : `{\n${options.map(([name, code]) => `    ${jsPropertyName(name)}: ${code},`).join('\n')}\n  }`;
  return [
    '// npm install ari-client; the ARI password comes from the environment: ARI_PASSWORD=… node request.js',
    "const ari = require('ari-client');",
    '',
    "// ari-client's objects hold their client in _client: printed without it.",
    "const withoutClient = (key, value) => (key.startsWith('_') ? undefined : value);",
    ...(note === undefined ? [] : ['', note]),
    '',
    'ari',
    `  .connect(${JSON.stringify(target.baseUrl.replace(/\/+$/, ''))}, ${JSON.stringify(target.username)}, process.env.ARI_PASSWORD)`,
    `  .then((client) => client.${resource}.${nickname}(${argument}))`,
    '  .then((result) => console.log(JSON.stringify(result, withoutClient, 2)))',
    '  .catch((error) => {',
    '    console.error(error.message);',
    '    process.exitCode = 1;',
    '  });',
  ].join('\n');
}

/**
 * The call's options as [name, JavaScript expression], and a comment line when the body needs
 * explaining. It needs no spec (a server's own may have operations ours lacks): ari-client takes
 * path and query parameters alike by name, so the options are the query as sent, the other
 * parameters given with a value the console put in the path, and the body parameter.
 */
function callOptions(request: ConsoleRequest): { options: [string, string][]; note?: string } {
  const inQuery = new Set(request.query.map(([name]) => name));
  const bodyName = Object.keys(request.params).find((name) => !inQuery.has(name) && carriesBody(request, name));
  const options: [string, string][] = Object.entries(request.params)
    .filter(([name, value]) => !inQuery.has(name) && name !== bodyName && isScalar(value))
    .map(([name, value]) => [name, JSON.stringify(value)]);
  const messageText = request.query.find(([name]) => name === 'body');
  for (const [name, value] of request.query) if (name !== 'body') options.push([name, JSON.stringify(value)]);
  if (messageText !== undefined) {
    // Asterisk reads every query parameter from a JSON body too (docs/ari-behaviour.md#request-encoding).
    const body = { ...(isObject(request.body) ? request.body : {}), body: messageText[1] };
    options.push(['body', `JSON.stringify(${jsLiteral(body, '    ')})`]);
    return { options, note: '// ari-client sends an option named "body" as the HTTP body, so the "body" parameter goes in the JSON body, where Asterisk reads it too.' };
  }
  if (request.body === undefined) return { options };
  const option = bodyName === undefined ? undefined : bodyOption(bodyName, request.body);
  if (bodyName !== undefined && option !== undefined) {
    options.push([bodyName, jsLiteral(option, '    ')]);
    return { options };
  }
  options.push(['body', `JSON.stringify(${jsLiteral(request.body, '    ')})`]);
  const why = bodyName === undefined ? '' : `: ari-client would send a "${bodyName}" option as {"${bodyName}": …}`;
  return { options, note: `// The body goes as it is${why}.` };
}

/** Whether parameter `name` is what the console's body was made of: the body itself or its only member. */
function carriesBody(request: ConsoleRequest, name: string): boolean {
  if (request.body === undefined) return false;
  const value = JSON.stringify(request.params[name]);
  return value === JSON.stringify(request.body) || JSON.stringify({ [name]: request.params[name] }) === JSON.stringify(request.body);
}

/** The value of option `name` for which ari-client sends exactly `body`, if there is one. */
function bodyOption(name: string, body: unknown): unknown {
  const sends = (value: unknown): unknown => (!value ? undefined : WRAPPED_BODY_PARAMETERS.has(name) && !(value as Record<string, unknown>)[name] ? { [name]: value } : value);
  const candidates = isObject(body) && Object.keys(body).length === 1 && Object.hasOwn(body, name) ? [body[name], body] : [body];
  return candidates.find((value) => JSON.stringify(sends(value)) === JSON.stringify(body));
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
