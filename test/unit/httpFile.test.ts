// `.http` files for REST Client (humao.rest-client): the text Stasis Explorer writes, what
// parseHttpFile reads back from it and from files people write (REST Client's syntax), and the
// ARI request httpRequestToAri finds in each, which must be the console's request again.
import assert from 'node:assert/strict';
import type { AriOperationId, AriOperationParams } from '../../src/ari/generated/ariOperations';
import { matchOperation } from '../../src/ari/matchOperation';
import { buildOperationRequest } from '../../src/ari/operationRequest';
import type { ConsoleRequest, ConsoleTarget } from '../../src/console/ConsoleRequest';
import { appendHttpRequest, httpFileText } from '../../src/console/httpFile';
import { httpRequestToAri } from '../../src/console/httpRequestToAri';
import { parseHttpFile } from '../../src/console/parseHttpFile';

const target: ConsoleTarget = { baseUrl: 'http://127.0.0.1:8088', username: 'asterisk' };
const AWKWARD = `it's "quoted" $HOME \\back\\slash Zoë 😀 a+b&c=d,e {{user}} {{{x}}}`;
// REST Client splits the Authorization header at spaces, and reads {{ in a variable's value as a reference.
const AWKWARD_USER = `o'br\\ien"Zoë\\n`;

/** The request the console makes for these parameters. */
function consoleRequest<K extends AriOperationId>(id: K, params: AriOperationParams[K]): ConsoleRequest {
  const request = buildOperationRequest(id, params);
  const sent = { operationId: id, params, method: request.method, resource: request.resource, query: [...request.query] };
  return request.body === undefined ? sent : { ...sent, body: request.body };
}

/** What httpRequestToAri should give back for a request: what the console sent. */
function sent(request: ConsoleRequest): { method: string; resource: string; query: readonly (readonly [string, string])[]; body?: unknown } {
  const { method, resource, query } = request;
  return request.body === undefined ? { method, resource, query } : { method, resource, query, body: request.body };
}

const move = consoleRequest('channels.move', { channelId: '1712.4', app: 'billing', appArgs: 'a,b' });
const originate = consoleRequest('channels.originate', { endpoint: 'Local/100@default', app: 'ivr', variables: { 'CALLERID(name)': 'Zoë' } });
const bridgeCreate = consoleRequest('bridges.create', { name: 'conf', variables: { STATE: 'waiting' } });
const getInfo = consoleRequest('asterisk.getInfo', { only: ['build', 'system'] });

describe('.http files', () => {
  it('httpFileText: the variables, then each request under ### with a password prompt; no password anywhere', () => {
    const entries = [
      { title: 'channels.move', request: move },
      { title: 'channels.originate\ninto ivr', request: originate },
      { title: 'bridges.create', request: bridgeCreate },
      { title: 'asterisk.getInfo', request: getInfo },
    ];
    assert.equal(
      httpFileText(entries, target),
      [
        '# ARI requests for the REST Client extension (humao.rest-client), written by Stasis Explorer.',
        '# Each request asks for the ARI password when it is sent; no password is kept in this file.',
        '@baseUrl = http://127.0.0.1:8088/ari',
        '@user = asterisk',
        '',
        '### channels.move',
        '# @prompt password ARI password',
        'POST {{baseUrl}}/channels/1712.4/move?app=billing&appArgs=a%2Cb',
        'Authorization: Basic {{user}} {{password}}',
        '',
        '### channels.originate into ivr',
        '# @prompt password ARI password',
        'POST {{baseUrl}}/channels?endpoint=Local%2F100%40default&app=ivr',
        'Authorization: Basic {{user}} {{password}}',
        'Content-Type: application/json',
        '',
        '{',
        '  "variables": {',
        '    "CALLERID(name)": "Zoë"',
        '  }',
        '}',
        '',
        '### bridges.create',
        '# @prompt password ARI password',
        'POST {{baseUrl}}/bridges?name=conf',
        'Authorization: Basic {{user}} {{password}}',
        'Content-Type: application/json',
        '',
        '{',
        '  "STATE": "waiting"',
        '}',
        '',
        '### asterisk.getInfo',
        '# @prompt password ARI password',
        'GET {{baseUrl}}/asterisk/info?only=build%2Csystem',
        'Authorization: Basic {{user}} {{password}}',
        '',
      ].join('\n'),
    );
  });

  it('parseHttpFile reads it back: line of each request line, title, method, URL and headers expanded, {{password}} kept, body', () => {
    const text = httpFileText(
      [
        { title: 'move', request: move },
        { title: 'create', request: bridgeCreate },
      ],
      target,
    );
    assert.deepEqual(parseHttpFile(text), [
      { title: 'move', line: 7, method: 'POST', url: 'http://127.0.0.1:8088/ari/channels/1712.4/move?app=billing&appArgs=a%2Cb', headers: [['Authorization', 'Basic asterisk {{password}}']], problems: [] },
      {
        title: 'create',
        line: 12,
        method: 'POST',
        url: 'http://127.0.0.1:8088/ari/bridges?name=conf',
        headers: [
          ['Authorization', 'Basic asterisk {{password}}'],
          ['Content-Type', 'application/json'],
        ],
        body: '{\n  "STATE": "waiting"\n}',
        problems: [],
      },
    ]);
    assert.match(text.split('\n')[7], /^POST /);
  });

  it('round trip: httpFileText → parseHttpFile → httpRequestToAri gives the console its request back, awkward values included', () => {
    const requests = [
      move,
      originate,
      bridgeCreate,
      getInfo,
      consoleRequest('channels.move', { channelId: AWKWARD, app: AWKWARD, appArgs: AWKWARD }),
      consoleRequest('bridges.create', { name: AWKWARD, variables: { [AWKWARD]: AWKWARD, list: [AWKWARD, 1, true, null] } }),
      consoleRequest('applications.subscribe', { applicationName: 'a', eventSource: ['channel:x,y', 'bridge:(z)'] }),
    ];
    for (const baseUrl of ['http://127.0.0.1:8088', 'https://pbx.example.com:8089/asterisk/']) {
      const file = httpFileText(
        requests.map((request) => ({ title: request.operationId, request })),
        { baseUrl, username: AWKWARD_USER },
      );
      const parsed = parseHttpFile(file);
      assert.deepEqual(
        parsed.map((p) => p.title),
        requests.map((r) => r.operationId),
      );
      assert.deepEqual(parsed[0].headers[0], ['Authorization', `Basic ${AWKWARD_USER} {{password}}`], 'the user variable unescaped as REST Client reads it');
      parsed.forEach((p, i) => assert.deepEqual(httpRequestToAri(p, baseUrl), sent(requests[i]), requests[i].operationId));
      parsed.forEach((p, i) => assert.deepEqual(httpRequestToAri(p), sent(requests[i]), 'without the server: the path after /ari/'));
    }
    const back = httpRequestToAri(parseHttpFile(httpFileText([{ title: 'move', request: move }], target))[0]);
    assert.ok(!('problem' in back));
    assert.deepEqual(matchOperation(back.method, back.resource, back.query), { id: 'channels.move', params: { channelId: '1712.4', app: 'billing', appArgs: 'a,b' } });
  });

  it('appendHttpRequest: reuses the file variables, adds the missing ones at the top, writes out the values of another server', () => {
    const existing = httpFileText([{ title: 'move', request: move }], target);
    const appended = appendHttpRequest(existing, 'info', getInfo, target);
    assert.equal(appended, `${existing}\n### info\n# @prompt password ARI password\nGET {{baseUrl}}/asterisk/info?only=build%2Csystem\nAuthorization: Basic {{user}} {{password}}\n`);

    const own = appendHttpRequest('# mine\n@user = asterisk\n\nGET http://elsewhere/x', 'ping', consoleRequest('asterisk.ping', {}), target);
    assert.equal(own, '@baseUrl = http://127.0.0.1:8088/ari\n\n# mine\n@user = asterisk\n\nGET http://elsewhere/x\n\n### ping\n# @prompt password ARI password\nGET {{baseUrl}}/asterisk/ping\nAuthorization: Basic {{user}} {{password}}\n');

    const other = appendHttpRequest('@host = pbx2:8088\r\n@baseUrl = http://{{host}}/ari\r\n@user = admin\r\n', 'ping', consoleRequest('asterisk.ping', {}), target);
    assert.equal(other, '@host = pbx2:8088\r\n@baseUrl = http://{{host}}/ari\r\n@user = admin\r\n\r\n### ping\r\n# @prompt password ARI password\r\nGET http://127.0.0.1:8088/ari/asterisk/ping\r\nAuthorization: Basic asterisk {{password}}\r\n');
    assert.deepEqual(
      parseHttpFile(other).map((p) => [p.url, p.headers]),
      [['http://127.0.0.1:8088/ari/asterisk/ping', [['Authorization', 'Basic asterisk {{password}}']]]],
    );
    const same = appendHttpRequest('@host = 127.0.0.1:8088\n@baseUrl = http://{{host}}/ari\n@user = asterisk\n', 'ping', consoleRequest('asterisk.ping', {}), target);
    assert.match(same, /\nGET \{\{baseUrl\}\}\/asterisk\/ping\n/, 'a value that expands to the target is the target');
    assert.equal(appendHttpRequest(' \n', 'move', move, target), httpFileText([{ title: 'move', request: move }], target));
  });

  it("parseHttpFile: REST Client's syntax as people write it", () => {
    const text = [
      '@host = 127.0.0.1:8088',
      '@ari = http://{{host}}/ari',
      '@app = my app\\tx\\\\y',
      '@password = never-used',
      '',
      'GET {{ari}}/asterisk/info HTTP/1.1',
      '',
      '###',
      '// a comment',
      '# @name moveIt',
      'POST {{ari}}/channels/c%2F1/move',
      '    ?app={{%app}}',
      '    &appArgs=1',
      '# a comment between headers',
      'Authorization: Basic me {{password}}',
      'content-type: application/json; charset=utf-8',
      '',
      '{"x": "{{host}}"}',
      '',
      '',
      '### only a response pasted here',
      'HTTP/1.1 200 OK',
      '',
      '###',
      '{{ari}}/applications',
    ].join('\n');
    const parsed = parseHttpFile(text);
    assert.deepEqual(
      parsed.map(({ line, method, url, title }) => ({ line, method, url, title })),
      [
        { line: 5, method: 'GET', url: 'http://127.0.0.1:8088/ari/asterisk/info', title: undefined },
        { line: 10, method: 'POST', url: 'http://127.0.0.1:8088/ari/channels/c%2F1/move?app=my%20app%09x%5Cy&appArgs=1', title: undefined },
        { line: 24, method: 'GET', url: 'http://127.0.0.1:8088/ari/applications', title: undefined },
      ],
    );
    assert.deepEqual(parsed[1].headers, [
      ['Authorization', 'Basic me {{password}}'],
      ['content-type', 'application/json; charset=utf-8'],
    ]);
    assert.equal(parsed[1].body, '{"x": "127.0.0.1:8088"}');
    assert.deepEqual(httpRequestToAri(parsed[1], 'http://127.0.0.1:8088/'), {
      method: 'POST',
      resource: 'channels/c%2F1/move',
      query: [
        ['app', 'my app\tx\\y'],
        ['appArgs', '1'],
      ],
      body: { x: '127.0.0.1:8088' },
    });
  });

  it('parseHttpFile: a variable the file does not define is a problem of its request, named with the way out', () => {
    const text = ['@baseUrl = http://127.0.0.1:8088/ari', '', '### a', '# @prompt channelId', 'POST {{baseUrl}}/channels/{{channelId}}/answer', '', '### b', 'GET {{baseUrl}}/channels/{{$guid}}?x={{nope}}', '', '### c', 'GET {{baseUrl}}/x', 'no colon here'].join('\n');
    assert.deepEqual(
      parseHttpFile(text).map((p) => p.problems),
      [
        ['{{channelId}} is asked for by REST Client when it sends the request; give its value in the file instead.'],
        ["{{$guid}} is one of REST Client's system variables, which only REST Client fills in.", '{{nope}} is not defined in this file: add a line "@nope = …".'],
        ['"no colon here" is not a header (name: value).'],
      ],
    );
    assert.deepEqual(httpRequestToAri(parseHttpFile(text)[1]), { problem: "{{$guid}} is one of REST Client's system variables, which only REST Client fills in." });
    assert.deepEqual(parseHttpFile('@a = {{b}}\n@b = {{a}}\nGET http://h/ari/{{a}}')[0].problems, ['{{a}} refers to itself through the variables it uses.'], 'a cycle ends');
  });

  it('httpRequestToAri: what is not a request to this ARI is a problem', () => {
    const request = (url: string, body?: string, contentType = 'application/json') => ({ line: 0, method: 'POST', url, headers: [['Content-Type', contentType] as const], problems: [], ...(body === undefined ? {} : { body }) });
    assert.deepEqual(httpRequestToAri(request('http://pbx2:8088/ari/asterisk/info'), 'http://127.0.0.1:8088'), { problem: 'http://pbx2:8088/ari/asterisk/info is not on this server: its ARI is at http://127.0.0.1:8088/ari/.' });
    assert.deepEqual(httpRequestToAri(request('http://127.0.0.1:8088/asterisk/ari/x'), 'http://127.0.0.1:8088'), { problem: 'http://127.0.0.1:8088/asterisk/ari/x is not on this server: its ARI is at http://127.0.0.1:8088/ari/.' });
    assert.deepEqual(httpRequestToAri(request('http://127.0.0.1:8088/api/x')), { problem: 'http://127.0.0.1:8088/api/x is not an ARI URL: its path has no /ari/.' });
    assert.deepEqual(httpRequestToAri(request('http://127.0.0.1:8088/ari/')), { problem: 'http://127.0.0.1:8088/ari/ names no ARI resource.' });
    assert.deepEqual(httpRequestToAri(request('{{baseUrl}}/x')), { problem: '"{{baseUrl}}/x" is not a URL.' });
    assert.deepEqual(httpRequestToAri(request('http://h/ari/bridges', '{"a": 1,}')), { problem: `The body is not JSON: ${jsonError('{"a": 1,}')}.` });
    assert.deepEqual(httpRequestToAri(request('http://h/ari/bridges', 'a=1', 'application/x-www-form-urlencoded')), { problem: 'The body needs "Content-Type: application/json": Stasis Explorer sends JSON bodies only.' });
    assert.deepEqual(httpRequestToAri(request('http://h/ari/bridges', ' \n')), { method: 'POST', resource: 'bridges', query: [] }, 'an empty body is none');
  });
});

function jsonError(text: string): string {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  return assert.fail('parses');
}
