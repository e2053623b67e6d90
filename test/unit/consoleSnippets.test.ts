// The console's "Copy as" snippets: their exact text for typical requests, and, for awkward
// values, what each language makes of them: the curl command's words as a POSIX shell splits
// them, the JavaScript snippets run in a vm with fetch and ari-client recorded (ari-client's own
// body handling applied to what the snippet passes it). test/integration/consoleSnippets.test.ts
// runs every format against the real Asterisk.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vm from 'node:vm';
import { ARI_OPERATIONS, type AriOperationId, type AriOperationParams } from '../../src/ari/generated/ariOperations';
import { buildOperationRequest } from '../../src/ari/operationRequest';
import type { ConsoleRequest, ConsoleTarget } from '../../src/console/ConsoleRequest';
import { restRequestFrame } from '../../src/console/restRequestFrame';
import { ariClientSnippet } from '../../src/console/snippets/ariClientSnippet';
import { curlSnippet, shellQuoted } from '../../src/console/snippets/curlSnippet';
import { fetchSnippet } from '../../src/console/snippets/fetchSnippet';
import { pythonRequestsSnippet } from '../../src/console/snippets/pythonRequestsSnippet';
import { SNIPPET_FORMATS } from '../../src/console/snippets/snippetFormats';
import { wsFrameSnippet } from '../../src/console/snippets/wsFrameSnippet';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseBodyParams } = require('ari-client/lib/utils.js') as { parseBodyParams(params: { name: string; paramType: string }[], options: Record<string, unknown>): Record<string, unknown> };

const target: ConsoleTarget = { baseUrl: 'http://127.0.0.1:8088', username: 'asterisk' };
const AWKWARD = `it's "quoted" $HOME \`x\` \\back\\slash Zoë 😀 a+b&c=d,e`;

/** The request the console makes for these parameters. */
function consoleRequest<K extends AriOperationId>(id: K, params: AriOperationParams[K]): ConsoleRequest {
  const request = buildOperationRequest(id, params);
  const sent = { operationId: id, params, method: request.method, resource: request.resource, query: [...request.query] };
  return request.body === undefined ? sent : { ...sent, body: request.body };
}

const move = consoleRequest('channels.move', { channelId: '1712.4', app: 'billing', appArgs: 'a,b' });
const originate = consoleRequest('channels.originate', { endpoint: 'Local/100@default', app: 'ivr', variables: { 'CALLERID(name)': 'Zoë', X: '1' } });
const bridgeCreate = consoleRequest('bridges.create', { name: 'conf', variables: { STATE: 'waiting' } });
const getInfo = consoleRequest('asterisk.getInfo', { only: ['build', 'system'] });

/** The words a POSIX shell makes of the curl command: a function named curl prints them instead of running it. */
function curlWords(snippet: string): string[] {
  const out = execFileSync('sh', ['-c', `curl() { for word in "$@"; do printf '%s\\0' "$word"; done; }\n${snippet}`]);
  return out.toString('utf8').split('\0').slice(0, -1);
}

/** The fetch call the fetch snippet makes, run in a vm whose fetch only records it. */
function fetchCall(snippet: string, password: string): { url: string; init: { method: string; headers: Record<string, string>; body?: string } } {
  const calls: { url: string; init: { method: string; headers: Record<string, string>; body?: string } }[] = [];
  const fetch = (url: string, init: (typeof calls)[number]['init']) => (calls.push({ url, init }), new Promise(() => undefined));
  vm.runInNewContext(snippet, { Buffer, fetch, process: { env: { ARI_PASSWORD: password } }, console });
  assert.equal(calls.length, 1);
  return calls[0];
}

/** What the ari-client snippet asks ari-client for, run in a vm with a recording stand-in for it (options copied out of the vm's realm). */
async function ariClientCall(snippet: string): Promise<{ connect: unknown[]; resource: string; nickname: string; options: Record<string, unknown> }> {
  const calls: { resource: string; nickname: string; options: Record<string, unknown> }[] = [];
  const client = new Proxy({}, { get: (_, resource: string) => new Proxy({}, { get: (__, nickname: string) => (options: Record<string, unknown> = {}) => (calls.push({ resource, nickname, options: structuredClone(options) }), new Promise(() => undefined)) }) });
  let connect: unknown[] = [];
  const ari = { connect: (...args: unknown[]) => ((connect = args), Promise.resolve(client)) };
  vm.runInNewContext(snippet, { require: (name: string) => (name === 'ari-client' ? ari : assert.fail(name)), process: { env: { ARI_PASSWORD: 'pw' } }, console, JSON });
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(calls.length, 1);
  return { connect, ...calls[0] };
}

/**
 * What ari-client 2.2.0 sends for these options: its own parseBodyParams (lib/utils.js), then as
 * swagger-client 2.0.26 does it (SwaggerOperation.do and urlify): an option named body is the
 * body, path and query parameters are taken by name, in spec order.
 */
function ariClientSends(operationId: string, options: Record<string, unknown>): { resource: string; query: [string, string][]; body?: unknown } {
  const op = ARI_OPERATIONS[operationId as AriOperationId];
  const args = parseBodyParams(op.parameters.map((p) => ({ name: p.name, paramType: p.in })), options);
  let resource = op.path.replace(/^\//, '');
  const query: [string, string][] = [];
  for (const p of op.parameters) {
    if (p.in === 'path') resource = resource.replace(`{${p.name}}`, encodeURIComponent(String(args[p.name])));
    if (p.in === 'query' && p.name !== 'body' && args[p.name] !== undefined) query.push([p.name, String(args[p.name])]);
  }
  return args.body === undefined ? { resource, query } : { resource, query, body: args.body };
}

describe('console snippets', () => {
  it('curl: user only (curl asks for the password), method, quoted URL; a JSON body with its content type', () => {
    assert.equal(curlSnippet(move, target), "curl -u 'asterisk' -X POST 'http://127.0.0.1:8088/ari/channels/1712.4/move?app=billing&appArgs=a%2Cb'");
    assert.equal(curlSnippet(getInfo, target), "curl -u 'asterisk' -X GET 'http://127.0.0.1:8088/ari/asterisk/info?only=build%2Csystem'");
    assert.equal(
      curlSnippet(originate, target),
      [
        "curl -u 'asterisk' -X POST 'http://127.0.0.1:8088/ari/channels?endpoint=Local%2F100%40default&app=ivr' \\",
        "  -H 'Content-Type: application/json' \\",
        `  --data '{"variables":{"CALLERID(name)":"Zoë","X":"1"}}'`,
      ].join('\n'),
    );
    assert.equal(curlSnippet(bridgeCreate, target).split('\n').pop(), `  --data '{"STATE":"waiting"}'`, 'bridges.create: the body is the variables themselves');
    assert.match(curlSnippet(move, { baseUrl: 'http://[::1]:8088/', username: 'asterisk' }), /-X POST --globoff 'http:\/\/\[::1\]:8088\/ari\/channels/, "brackets would be curl's globs");
  });

  it('curl: a POSIX shell hands curl every awkward value unchanged', () => {
    const request = consoleRequest('channels.move', { channelId: AWKWARD, app: AWKWARD, appArgs: AWKWARD });
    const [, user, , method, url] = curlWords(curlSnippet(request, { baseUrl: target.baseUrl, username: AWKWARD }));
    assert.deepEqual([user, method], [AWKWARD, 'POST']);
    const sent = new URL(url);
    assert.equal(decodeURIComponent(sent.pathname.split('/')[3]), AWKWARD);
    assert.deepEqual([...sent.searchParams], request.query);
    const body = consoleRequest('bridges.create', { name: AWKWARD, variables: { [AWKWARD]: AWKWARD } });
    const words = curlWords(curlSnippet(body, target));
    assert.deepEqual(words.slice(-3), ['Content-Type: application/json', '--data', JSON.stringify({ [AWKWARD]: AWKWARD })]);
    assert.equal(shellQuoted("'"), `''\\'''`);
  });

  it('ari-client: client.<resource>.<nickname> with path ids decoded and the query as sent', async () => {
    assert.equal(
      ariClientSnippet(move, target),
      [
        '// npm install ari-client; the ARI password comes from the environment: ARI_PASSWORD=… node request.js',
        "const ari = require('ari-client');",
        '',
        "// ari-client's objects hold their client in _client: printed without it.",
        "const withoutClient = (key, value) => (key.startsWith('_') ? undefined : value);",
        '',
        'ari',
        '  .connect("http://127.0.0.1:8088", "asterisk", process.env.ARI_PASSWORD)',
        '  .then((client) => client.channels.move({',
        '    channelId: "1712.4",',
        '    app: "billing",',
        '    appArgs: "a,b",',
        '  }))',
        '  .then((result) => console.log(JSON.stringify(result, withoutClient, 2)))',
        '  .catch((error) => {',
        '    console.error(error.message);',
        '    process.exitCode = 1;',
        '  });',
      ].join('\n'),
    );
    assert.match(ariClientSnippet(getInfo, target), /client\.asterisk\.getInfo\(\{\n {4}only: "build,system",\n {2}\}\)\)/, 'allowMultiple: one comma-joined value, as sent');
    assert.match(ariClientSnippet(consoleRequest('asterisk.ping', {}), target), /client\.asterisk\.ping\(\)\)/);
    const call = await ariClientCall(ariClientSnippet(consoleRequest('channels.move', { channelId: AWKWARD, app: AWKWARD }), target));
    assert.deepEqual(call, { connect: ['http://127.0.0.1:8088', 'asterisk', 'pw'], resource: 'channels', nickname: 'move', options: { channelId: AWKWARD, app: AWKWARD } });
  });

  it("ari-client: each body goes the way ari-client sends it as the console's body", async () => {
    assert.match(ariClientSnippet(originate, target), /app: "ivr",\n {4}variables: \{\n {6}"CALLERID\(name\)": "Zoë",\n {6}X: "1"\n {4}\},\n/, 'variables: ari-client wraps them itself');
    const bridge = ariClientSnippet(bridgeCreate, target);
    assert.match(bridge, /\/\/ The body goes as it is: ari-client would send a "variables" option as \{"variables": …\}\./);
    assert.match(bridge, /name: "conf",\n {4}body: JSON\.stringify\(\{\n {6}STATE: "waiting"\n {4}\}\),\n/);
    const requests = [
      originate,
      bridgeCreate,
      consoleRequest('bridges.create', { variables: { variables: AWKWARD, ['__proto__']: AWKWARD } }),
      consoleRequest('bridges.createWithId', { bridgeId: AWKWARD, variables: { [AWKWARD]: AWKWARD } }),
      consoleRequest('bridges.createWithId', { bridgeId: 'b', variables: { variables: 'a variable named variables' } }),
      consoleRequest('applications.filter', { applicationName: 'a', filter: { allowed: [{ type: 'StasisStart' }] } }),
      consoleRequest('asterisk.updateObject', { configClass: 'res_pjsip', objectType: 'aor', id: 'alice', fields: [{ attribute: 'max_contacts', value: '1' }] }),
    ];
    for (const request of requests) {
      const { resource, nickname, options } = await ariClientCall(ariClientSnippet(request, target));
      assert.equal(`${resource}.${nickname}`, request.operationId);
      assert.deepEqual(ariClientSends(request.operationId, options), { resource: request.resource, query: request.query, body: JSON.stringify(request.body) }, request.operationId);
    }
  });

  it("ari-client: needs no spec of ours (a server's own may be newer): path values and the body parameter are read from the request", async () => {
    const newer: ConsoleRequest = {
      operationId: 'channels.newThing',
      params: { channelId: 'c 1', mode: 'fast', only: [], variables: { A: '1' } },
      method: 'POST',
      resource: 'channels/c%201/newThing',
      query: [['mode', 'fast']],
      body: { variables: { A: '1' } },
    };
    const call = await ariClientCall(ariClientSnippet(newer, target));
    assert.deepEqual([call.resource, call.nickname, call.options], ['channels', 'newThing', { channelId: 'c 1', mode: 'fast', variables: { A: '1' } }], 'an empty list sent nothing, so it is left out');
    const unknownBody = await ariClientCall(ariClientSnippet({ ...newer, params: { channelId: 'c 1', mode: 'fast' } }, target));
    assert.deepEqual(unknownBody.options, { channelId: 'c 1', mode: 'fast', body: '{"variables":{"A":"1"}}' });
    assert.match(ariClientSnippet({ ...newer, params: { channelId: 'c 1', mode: 'fast' } }, target), /\n\/\/ The body goes as it is\.\n/);
  });

  it('ari-client: a query parameter named "body" (endpoints.sendMessage) travels in the JSON body, as ari-client cannot put it in the URL', async () => {
    const request = consoleRequest('endpoints.sendMessage', { to: 'pjsip:alice', from: 'sip:me@x', body: AWKWARD, variables: { A: '1' } });
    const snippet = ariClientSnippet(request, target);
    assert.match(snippet, /\/\/ ari-client sends an option named "body" as the HTTP body, so the "body" parameter goes in the JSON body, where Asterisk reads it too\./);
    const { options } = await ariClientCall(snippet);
    assert.deepEqual(ariClientSends(request.operationId, options), {
      resource: 'endpoints/sendMessage',
      query: [
        ['to', 'pjsip:alice'],
        ['from', 'sip:me@x'],
      ],
      body: JSON.stringify({ variables: { A: '1' }, body: AWKWARD }),
    });
  });

  it('Python requests: URL, params as sent, json body as Python values, user and password from ARI_PASSWORD sent as UTF-8', () => {
    assert.equal(
      pythonRequestsSnippet(originate, target),
      [
        '# pip install requests (Debian: apt install python3-requests); run with the ARI password in ARI_PASSWORD',
        'import os',
        '',
        'import requests',
        '',
        'response = requests.post(',
        '    "http://127.0.0.1:8088/ari/channels",',
        '    params=[',
        '        ("endpoint", "Local/100@default"),',
        '        ("app", "ivr"),',
        '    ],',
        '    json={',
        '        "variables": {',
        '            "CALLERID(name)": "Zoë",',
        '            "X": "1"',
        '        }',
        '    },',
        '    auth=("asterisk".encode(), os.environ["ARI_PASSWORD"].encode()),',
        ')',
        'print(response.status_code, response.reason)',
        'print(response.text)',
      ].join('\n'),
    );
    assert.match(pythonRequestsSnippet(getInfo, target), /requests\.get\(\n {4}"http:\/\/127\.0\.0\.1:8088\/ari\/asterisk\/info",\n {4}params=\[\n {8}\("only", "build,system"\),\n {4}\],\n/);
    assert.match(pythonRequestsSnippet(bridgeCreate, target), /json=\{\n {8}"STATE": "waiting"\n {4}\},/);
    const values = consoleRequest('applications.filter', { applicationName: 'a', filter: { allowed: [], on: true, off: false, none: null, n: -1.5 } });
    assert.match(pythonRequestsSnippet(values, target), /json=\{\n {8}"allowed": \[\],\n {8}"on": True,\n {8}"off": False,\n {8}"none": None,\n {8}"n": -1\.5\n {4}\},/);
    assert.match(pythonRequestsSnippet(consoleRequest('channels.get', { channelId: AWKWARD }), { baseUrl: target.baseUrl, username: AWKWARD }), new RegExp(`auth=\\(${escapeRegExp(JSON.stringify(AWKWARD))}\\.encode\\(\\), os\\.environ\\["ARI_PASSWORD"\\]\\.encode\\(\\)\\)`));
  });

  it('fetch: the URL as sent, Basic auth from the user and ARI_PASSWORD (UTF-8), the body as the console sends it', () => {
    assert.equal(
      fetchSnippet(move, target),
      [
        '// Node 20 or later; the ARI password comes from the environment: ARI_PASSWORD=… node request.js',
        'const credentials = Buffer.from("asterisk:" + process.env.ARI_PASSWORD, "utf8").toString("base64");',
        '',
        'fetch("http://127.0.0.1:8088/ari/channels/1712.4/move?app=billing&appArgs=a%2Cb", {',
        '  method: "POST",',
        '  headers: { Authorization: `Basic ${credentials}` },',
        '})',
        '  .then(async (response) => {',
        '    console.log(response.status, response.statusText);',
        '    console.log(await response.text());',
        '  })',
        '  .catch((error) => {',
        '    console.error(error);',
        '    process.exitCode = 1;',
        '  });',
      ].join('\n'),
    );
    assert.match(fetchSnippet(bridgeCreate, target), /headers: \{ Authorization: `Basic \$\{credentials\}`, "Content-Type": "application\/json" \},\n {2}body: JSON\.stringify\(\{\n {4}STATE: "waiting"\n {2}\}\),\n/);
    const request = consoleRequest('bridges.create', { name: AWKWARD, variables: { [AWKWARD]: AWKWARD, ['__proto__']: 'own' } });
    const { url, init } = fetchCall(fetchSnippet(request, { baseUrl: target.baseUrl, username: AWKWARD }), AWKWARD);
    assert.equal(url.split('?')[0], 'http://127.0.0.1:8088/ari/bridges');
    assert.deepEqual([...new URL(url).searchParams], [['name', AWKWARD]]);
    assert.equal(init.method, 'POST');
    assert.equal(Buffer.from(init.headers.Authorization.replace(/^Basic /, ''), 'base64').toString('utf8'), `${AWKWARD}:${AWKWARD}`);
    assert.equal(init.body, JSON.stringify(request.body), 'the same JSON text the console sends');
  });

  it('REST over WebSocket: the frame the console sends, pretty-printed, with the operation as request_id', () => {
    assert.equal(
      wsFrameSnippet(move, target),
      ['{', '  "type": "RESTRequest",', '  "request_id": "channels.move",', '  "method": "POST",', '  "uri": "channels/1712.4/move?app=billing&appArgs=a%2Cb"', '}'].join('\n'),
    );
    assert.deepEqual(JSON.parse(wsFrameSnippet(bridgeCreate, target)), {
      type: 'RESTRequest',
      request_id: 'bridges.create',
      method: 'POST',
      uri: 'bridges?name=conf',
      content_type: 'application/json',
      message_body: '{"STATE":"waiting"}',
    });
    assert.deepEqual(restRequestFrame(getInfo, 'r1'), { type: 'RESTRequest', request_id: 'r1', method: 'GET', uri: 'asterisk/info?only=build%2Csystem' });
    const awkward = consoleRequest('channels.originate', { endpoint: AWKWARD, app: 'a', variables: { [AWKWARD]: AWKWARD } });
    const frame = JSON.parse(wsFrameSnippet(awkward, target)) as { uri: string; message_body: string };
    assert.deepEqual([...new URLSearchParams(frame.uri.split('?')[1])], awkward.query);
    assert.deepEqual(JSON.parse(frame.message_body), awkward.body);
  });

  it('the formats table: one entry per format, as the page labels it', () => {
    assert.deepEqual(
      SNIPPET_FORMATS.map(({ id, label }) => [id, label]),
      [
        ['curl', 'curl'],
        ['ariClient', 'Node (ari-client)'],
        ['python', 'Python (requests)'],
        ['fetch', 'Node (fetch)'],
        ['wsFrame', 'REST over WebSocket frame'],
      ],
    );
    assert.deepEqual(
      SNIPPET_FORMATS.map((format) => format.make(move, target)),
      [curlSnippet, ariClientSnippet, pythonRequestsSnippet, fetchSnippet, wsFrameSnippet].map((make) => make(move, target)),
    );
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
