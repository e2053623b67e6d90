// Bad input at the trace proxy (src/proxy/ProxyThread.ts) in front of the real Asterisk: what is
// not HTTP, what the tap cannot read, a half-close, a taken port, missing or odd credentials, and
// places it must not listen. The app's traffic must pass as it would directly, and the proxy go on.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as net from 'node:net';
import { ProxyStartError } from '../../src/proxy/AriProxy';
import { ProxyThread } from '../../src/proxy/ProxyThread';
import { until } from '../support/until';
import { sandboxEnv, type SandboxEnv } from './support/sandbox';
import { uniqueApp } from './support/sessions';
import { closeTraceProxies, startTraceProxy } from './support/traceProxies';
import { TraceLog } from './support/TraceLog';
import { WsRestApp } from './support/WsRestApp';

const basic = (env: SandboxEnv) => `Basic ${Buffer.from(`${env.username}:${env.password}`).toString('base64')}`;

describe('Trace proxy: bad input, on a real Asterisk', function () {
  this.timeout(60_000);
  afterEach(closeTraceProxies);

  it('a client that does not speak HTTP gets a 400 and is hung up on; the proxy serves the next one', async () => {
    const env = await sandboxEnv();
    const url = new URL(await startTraceProxy(new TraceLog()));
    const socket = net.connect(Number(url.port), url.hostname);
    let answer = '';
    socket.on('data', (d) => (answer += d));
    const closed = new Promise((resolve) => socket.once('close', resolve));
    socket.write(Buffer.concat([Buffer.from([0x16, 0x03, 0x01, 0x02, 0x00]), randomBytes(64), Buffer.from('\r\n\r\n')]));
    await closed;
    assert.match(answer, /^HTTP\/1\.1 400 /);
    const ping = await fetch(`${url.origin}/ari/asterisk/ping`, { headers: { Authorization: basic(env) } });
    assert.equal(ping.status, 200);
  });

  it('what the tap cannot read (a request target or a RESTRequest uri that is no URL) reaches Asterisk as sent, and the proxy goes on', async () => {
    const env = await sandboxEnv();
    const trace = new TraceLog();
    const url = new URL(await startTraceProxy(trace));
    const app = await WsRestApp.start(url.origin, [uniqueApp('hostile')], env);
    try {
      const raw = await rawExchange(Number(url.port), `GET //x:y HTTP/1.1\r\nHost: x\r\nAuthorization: ${basic(env)}\r\n\r\n`);
      assert.match(raw, /^HTTP\/1\.1 404 /, 'Asterisk answered it, through the proxy');
      const odd = await app.request('GET', 'http://[', { requestId: 'odd' });
      assert.ok(odd.status_code >= 400 && odd.status_code < 500, `Asterisk answered the uri itself (${odd.status_code} ${odd.reason_phrase})`);
      const ping = await fetch(`${url.origin}/ari/asterisk/ping`, { headers: { Authorization: basic(env) } });
      assert.equal(ping.status, 200, 'the proxy still serves');
      assert.equal(await Promise.race([app.closed.then(() => true), new Promise((r) => setTimeout(() => r(false), 200))]), false, "the app's socket stays open");
      await until(() => trace.rest().some((r) => r.requestId === 'odd'), 'the odd request traced');
    } finally {
      await app.close();
    }
  });

  it('an app that sends its request and then its FIN (a half-close) gets the answer, as directly', async () => {
    const env = await sandboxEnv();
    const url = new URL(await startTraceProxy(new TraceLog()));
    const request = `GET /ari/asterisk/ping HTTP/1.1\r\nHost: x\r\nAuthorization: ${basic(env)}\r\n\r\n`;
    const direct = await rawExchange(Number(new URL(env.url).port), request, true);
    const proxied = await rawExchange(Number(url.port), request, true);
    assert.match(direct, /^HTTP\/1\.1 200 /);
    assert.match(proxied, /^HTTP\/1\.1 200 /);
  });

  it('a second proxy on a taken port does not start, and says which port', async () => {
    const url = new URL(await startTraceProxy(new TraceLog()));
    const second = new ProxyThread({ target: (await sandboxEnv()).url, port: Number(url.port), reader: () => undefined });
    await assert.rejects(second.listen(), (error: Error) => error instanceof ProxyStartError && error.message.includes(`Port ${url.port}`));
    await second.close();
  });

  it('a request without credentials gets Asterisk\'s own 401, unchanged', async () => {
    const env = await sandboxEnv();
    const proxied = await fetch(`${await startTraceProxy(new TraceLog())}/ari/channels`);
    const directly = await fetch(`${env.url}/ari/channels`);
    const seen = async (r: Response) => [r.status, r.statusText, r.headers.get('www-authenticate'), r.headers.get('content-type'), await r.text()];
    assert.deepEqual(await seen(proxied), await seen(directly));
    assert.equal(proxied.status, 401);
  });

  it('credentials in api_key or in a Basic header pass through and are never in a record', async () => {
    const env = await sandboxEnv();
    const trace = new TraceLog();
    const url = await startTraceProxy(trace);
    const apiKey = encodeURIComponent(`${env.username}:${env.password}`);
    assert.equal((await fetch(`${url}/ari/asterisk/ping?api_key=${apiKey}`)).status, 200);
    assert.equal((await fetch(`${url}/ari/asterisk/ping`, { headers: { Authorization: basic(env) } })).status, 200);
    const app = uniqueApp('apikey');
    const socket = await WsRestApp.start(url, [app], env);
    await socket.close();
    await until(() => trace.rest().length === 2 && trace.sockets().some((s) => s.state === 'closed'), 'the tap delivered both exchanges and the socket');
    const [keyed, headed] = trace.rest();
    assert.deepEqual([keyed.status, keyed.query], [200, [['api_key', '…']]]);
    assert.deepEqual([headed.status, headed.requestHeaders.find(([n]) => n === 'authorization')], [200, ['authorization', '…']]);
    const text = trace.text();
    assert.ok(!text.includes(env.password) && !text.includes(basic(env).slice(6)), text);
  });

  it('refuses to listen on anything but loopback, and an impossible port', () => {
    for (const host of ['0.0.0.0', '::', '192.0.2.10', 'example.com']) {
      assert.throws(() => new ProxyThread({ target: 'http://127.0.0.1:8088', port: 0, host, reader: () => undefined }), (e: Error) => e instanceof ProxyStartError && e.message.includes(host), host);
    }
    for (const port of [-1, 65_536, 1.5]) assert.throws(() => new ProxyThread({ target: 'http://127.0.0.1:8088', port, reader: () => undefined }), ProxyStartError);
  });
});

/** Writes `request` on a connection of its own (then a FIN, when `halfClose`), and resolves with all that came back until it closed. */
function rawExchange(port: number, request: string, halfClose = false): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ port, host: '127.0.0.1', allowHalfOpen: true });
    let answer = '';
    socket.on('data', (d) => {
      answer += d;
      // Without a FIN of ours, Asterisk keeps the connection: one whole answer is enough.
      if (!halfClose && /\r\n\r\n/.test(answer) && answer.length >= answerLength(answer)) socket.destroy();
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(request);
    if (halfClose) socket.end();
  });
}

function answerLength(answer: string): number {
  const head = answer.indexOf('\r\n\r\n') + 4;
  return head + Number(/content-length: (\d+)/i.exec(answer.slice(0, head))?.[1] ?? 0);
}
