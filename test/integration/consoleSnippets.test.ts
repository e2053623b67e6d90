// Every "Copy as" snippet of the console, run as a developer runs it after pasting, against the
// real Asterisk: curl in bash, the Python script with python3, the ari-client and fetch scripts
// with node, and the REST-over-WebSocket frame sent on an events socket. Each must do what the
// console's own request does: read the same answer, and make changes our own client then reads
// back. The values are awkward on purpose (quotes, spaces, $, backslashes, +, &, non-ASCII).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import WebSocket from 'ws';
import { AriRestClient } from '../../src/ari/AriRestClient';
import { ARI_OPERATION_IDS, ARI_OPERATIONS, type AriOperationId, type AriOperationParams } from '../../src/ari/generated/ariOperations';
import type { RESTResponse } from '../../src/ari/generated/ariTypes';
import { buildOperationRequest } from '../../src/ari/operationRequest';
import type { ConsoleRequest, ConsoleTarget } from '../../src/console/ConsoleRequest';
import { SNIPPET_FORMATS, type SnippetFormatId } from '../../src/console/snippets/snippetFormats';
import { until } from '../support/until';
import { sandboxEnv, type SandboxEnv } from './support/sandbox';
import { SipMessageSink } from './support/SipMessageSink';

/** The repository's node_modules, where ari-client is a devDependency: what `npm install ari-client` gives a developer. */
const NODE_MODULES = path.resolve(__dirname, '../../../node_modules');
const AWKWARD = `it's "quoted" $HOME \`x\` \\back\\slash Zoë 😀 a+b&c=d,e`;
// ari-client's swagger-client prints this on stdout whenever it loads Asterisk's (Swagger 1.1) api-docs.
const SWAGGER_WARNING = /^\[\n {2}'This API is using a deprecated version of Swagger![^\n]*\n\]\n/;

/** What a snippet printed: the answer's status where the snippet prints one, and its body's text. */
interface Answer {
  readonly status?: number;
  readonly text: string;
}

interface Finished {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string; detached?: boolean; cwd?: string } = {}): Promise<Finished> {
  const child = spawn(command, args, { env: { ...process.env, ...options.env }, cwd: options.cwd, detached: options.detached, stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  child.stdin.end(options.input ?? '');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** "<status> <reason>\n<body>", as the Python and fetch snippets print an answer. */
function statusAndBody(finished: Finished, what: string): Answer {
  assert.equal(finished.code, 0, `${what} failed: ${finished.stderr}`);
  const newline = finished.stdout.indexOf('\n');
  const status = Number(/^(\d{3}) /.exec(finished.stdout)?.[1]);
  assert.ok(status > 0, `${what} printed no status: ${finished.stdout}${finished.stderr}`);
  return { status, text: finished.stdout.slice(newline + 1).replace(/\n$/, '') };
}

describe('console snippets run against the real Asterisk', () => {
  let env: SandboxEnv;
  let target: ConsoleTarget;
  let rest: AriRestClient;
  let dir: string;
  let socket: WebSocket;
  let sip: SipMessageSink;
  const socketAnswers: RESTResponse[] = [];
  const suffix = `${process.pid}-${randomBytes(3).toString('hex')}`;

  before(async () => {
    env = await sandboxEnv();
    target = { baseUrl: env.url, username: env.username };
    rest = new AriRestClient({ name: 'sandbox', baseUrl: env.url, username: env.username, password: env.password });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-snippets-'));
    sip = await SipMessageSink.open();
    // The events socket of an app of this suite's own, where the frames go.
    socket = new WebSocket(`${env.url.replace(/^http/, 'ws')}/ari/events?app=snippet-test-${suffix}`, { headers: { Authorization: `Basic ${Buffer.from(`${env.username}:${env.password}`).toString('base64')}` } });
    socket.on('message', (data: Buffer) => {
      const event = JSON.parse(data.toString('utf8')) as { type: string };
      if (event.type === 'RESTResponse') socketAnswers.push(event as RESTResponse);
    });
    await new Promise<void>((resolve, reject) => socket.once('open', resolve).once('error', reject));
  });

  after(async () => {
    socket?.close();
    await sip?.close();
    await rest?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the snippet of `format` for `request` as it is, the way its first line tells a developer to. */
  const runners: Record<SnippetFormatId, (snippet: string, request: ConsoleRequest) => Promise<Answer>> = {
    async curl(snippet) {
      // Unchanged, curl asks for the password: on /dev/tty, or on stdin when it cannot open one
      // (curl's tool_getpass.c). Detached, bash runs in a session of its own, with no terminal
      // even when mocha has one, so the password typed here reaches curl on stdin.
      const finished = await run('bash', ['-c', snippet], { detached: true, input: `${env.password}\n` });
      assert.equal(finished.code, 0, `curl failed: ${finished.stderr}`);
      assert.match(finished.stderr, new RegExp(`^Enter host password for user '${env.username}':`), 'curl asked for the password');
      return { text: finished.stdout };
    },
    async ariClient(snippet) {
      fs.writeFileSync(path.join(dir, 'request.js'), snippet);
      const finished = await run('node', ['request.js'], { cwd: dir, env: { ARI_PASSWORD: env.password, NODE_PATH: NODE_MODULES } });
      assert.match(finished.stdout, SWAGGER_WARNING);
      const printed = finished.stdout.replace(SWAGGER_WARNING, '');
      // A failed call prints Asterisk's answer body (ari-client's error message) and exits 1.
      if (finished.code === 1 && printed === '') return { text: finished.stderr.trim() };
      assert.equal(finished.code, 0, `ari-client failed: ${finished.stderr}`);
      const result = JSON.parse(printed) as unknown;
      return { text: result === '' ? '' : JSON.stringify(result) };
    },
    async python(snippet) {
      fs.writeFileSync(path.join(dir, 'request.py'), snippet);
      return statusAndBody(await run('python3', ['request.py'], { cwd: dir, env: { ARI_PASSWORD: env.password } }), 'python3 with requests');
    },
    async fetch(snippet) {
      fs.writeFileSync(path.join(dir, 'fetch.js'), snippet);
      return statusAndBody(await run('node', ['fetch.js'], { cwd: dir, env: { ARI_PASSWORD: env.password } }), 'the fetch script');
    },
    async wsFrame(snippet, request) {
      const seen = socketAnswers.length;
      socket.send(snippet);
      const answer = await until(() => socketAnswers.slice(seen).find((a) => a.request_id === request.operationId), `the RESTResponse to ${request.operationId}`);
      return { status: answer.status_code, text: answer.message_body ?? '' };
    },
  };

  /** The request the console makes for these parameters. */
  function consoleRequest<K extends AriOperationId>(id: K, params: AriOperationParams[K]): ConsoleRequest {
    const request = buildOperationRequest(id, params);
    const sent = { operationId: id, params, method: request.method, resource: request.resource, query: [...request.query] };
    return request.body === undefined ? sent : { ...sent, body: request.body };
  }

  /** What the console itself gets for this request. */
  async function consoleAnswer<K extends AriOperationId>(id: K, params: AriOperationParams[K]): Promise<Answer> {
    const answer = await rest.send(buildOperationRequest(id, params), id);
    return { status: answer.status, text: answer.text };
  }

  function sameAnswer(got: Answer, expected: Answer, what: string): void {
    if (got.status !== undefined) assert.equal(got.status, expected.status, what);
    assert.deepEqual(got.text === '' ? '' : JSON.parse(got.text), expected.text === '' ? '' : JSON.parse(expected.text), what);
  }

  for (const format of SNIPPET_FORMATS) {
    describe(format.label, () => {
      const snippetOf = (request: ConsoleRequest) => runners[format.id](format.make(request, target), request);

      it('GET asterisk/info?only=build,system: the answer the console gets, with just those two parts', async () => {
        const params = { only: ['build', 'system'] } as const;
        const answer = await snippetOf(consoleRequest('asterisk.getInfo', params));
        sameAnswer(answer, await consoleAnswer('asterisk.getInfo', params), format.label);
        assert.deepEqual(Object.keys(JSON.parse(answer.text) as object).sort(), ['build', 'system']);
      });

      it('POST asterisk/variable with an awkward value: our own client reads that value back', async () => {
        const variable = `SNIPPET_${format.id}_${suffix}`.replace(/-/g, '_');
        const answer = await snippetOf(consoleRequest('asterisk.setGlobalVar', { variable, value: AWKWARD }));
        if (answer.status !== undefined) assert.equal(answer.status, 204);
        try {
          assert.deepEqual(await rest.call('asterisk.getGlobalVar', { variable }), { value: AWKWARD });
        } finally {
          await rest.call('asterisk.setGlobalVar', { variable });
        }
      });

      it('POST bridges, whose body is the variables themselves: the bridge has its name and variable', async () => {
        const bridgeId = `snippet-${format.id}-${suffix}`;
        const answer = await snippetOf(consoleRequest('bridges.create', { bridgeId, name: AWKWARD, variables: { SNIPPET_STATE: AWKWARD } }));
        try {
          if (answer.status !== undefined) assert.equal(answer.status, 200);
          assert.equal((JSON.parse(answer.text) as { id: string }).id, bridgeId);
          assert.equal((await rest.call('bridges.get', { bridgeId })).name, AWKWARD);
          assert.deepEqual(await rest.call('bridges.getBridgeVar', { bridgeId, variable: 'SNIPPET_STATE' }), { value: AWKWARD });
        } finally {
          await rest.call('bridges.destroy', { bridgeId }).catch(() => undefined);
        }
      });

      it('POST bridges/{id} with {"variables": …}: the bridge has the variable', async () => {
        const bridgeId = `snippet-${format.id}-with-id-${suffix}`;
        await snippetOf(consoleRequest('bridges.createWithId', { bridgeId, variables: { [`SNIPPET_${format.id}`]: AWKWARD } }));
        try {
          assert.deepEqual(await rest.call('bridges.getBridgeVar', { bridgeId, variable: `SNIPPET_${format.id}` }), { value: AWKWARD });
        } finally {
          await rest.call('bridges.destroy', { bridgeId }).catch(() => undefined);
        }
      });

      it('PUT endpoints/sendMessage, whose query has a parameter named "body": Asterisk sends that text, and the variables as headers', async () => {
        const user = `snippet-${format.id}-${suffix}`;
        const params = { to: `pjsip:alice/sip:${user}@127.0.0.1:${sip.port}`, from: 'sip:snippets@127.0.0.1', body: AWKWARD, variables: { 'X-Snippet': user } };
        const answer = await snippetOf(consoleRequest('endpoints.sendMessage', params));
        if (answer.status !== undefined) assert.equal(answer.status, 202);
        const message = await sip.next(user);
        assert.equal(message.body, AWKWARD);
        assert.equal(message.headers.get('x-snippet'), user);
      });
    });
  }

  it("ari-client has client.<resource>.<nickname> for every REST operation of our spec, from the server's own api-docs", async () => {
    const script = "require('ari-client').connect(process.argv[1], process.argv[2], process.env.ARI_PASSWORD).then((c) => { for (const r of Object.keys(c._swagger.apis)) for (const n of Object.keys(c._swagger.apis[r].operations)) if (typeof c[r][n] === 'function') console.log(`${r}.${n}`); })";
    const finished = await run('node', ['-e', script, env.url, env.username], { env: { ARI_PASSWORD: env.password, NODE_PATH: NODE_MODULES } });
    assert.equal(finished.code, 0, finished.stderr);
    const offered = new Set(finished.stdout.replace(SWAGGER_WARNING, '').trim().split('\n'));
    assert.deepEqual(ARI_OPERATION_IDS.filter((id) => !ARI_OPERATIONS[id].upgrade && !offered.has(id)), []);
  });
});
