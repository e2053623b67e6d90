// Bad input, case by case: each case goes through the code a user's input takes —
// the validators the Add/Edit Server, Register Application and Move prompts run, the REST client
// and the events socket against a fake Asterisk — and checks the message (what was wrong, what
// to do) and that the model is left as it was.
//
// This file: server URLs as the Add/Edit Server prompt and the session take them.
import assert from 'node:assert/strict';
import { baseUrlProblem } from '../../src/ari/AriBaseUrl';
import { AriError } from '../../src/ari/AriError';
import { ServerSession } from '../../src/model/session/ServerSession';
import * as f from '../support/ariFixtures';
import { closeHarnesses, configError, connected, harness } from '../support/badInputHarness';

describe('Bad input catalogue', () => {
  afterEach(closeHarnesses);

  describe('server URLs', () => {
    it('server URL without a scheme (127.0.0.1:8088): refused by the prompt and by the session, says to write http://127.0.0.1:8088', () => {
      assert.match(baseUrlProblem('127.0.0.1:8088')!, /has no scheme\. Write it as http:\/\/127\.0\.0\.1:8088 \(or https:\/\//);
      assert.throws(() => new ServerSession({ config: { name: 'pbx1', baseUrl: '127.0.0.1:8088', username: 'u', password: 'p' }, serverId: 'pbx1-id', apps: [] }), configError(/no scheme/));
    });

    it('ws:// or wss:// URL (the events URL pasted): refused, names the http(s):// address to enter instead, never repeats the api_key', () => {
      const ws = baseUrlProblem('ws://127.0.0.1:8088/ari/events?app=a&api_key=asterisk:s3cret')!;
      assert.match(ws, /WebSocket URL \(ws:\/\/\)\. Enter the HTTP address it belongs to instead: http:\/\/127\.0\.0\.1:8088\. The events socket is derived from it/);
      assert.ok(!ws.includes('s3cret'), ws);
      assert.match(baseUrlProblem('wss://pbx.example:8089/asterisk/ari/events')!, /instead: https:\/\/pbx\.example:8089\/asterisk\./);
    });

    it('server URL with a trailing slash: accepted; REST and the events socket go to /ari/… with no double or trailing slash (Asterisk 404s those)', async () => {
      const { fake, session } = await connected({ url: (fake) => `${fake.url}/` });
      assert.equal(session.status.state, 'connected');
      assert.deepEqual([...new Set(fake.requests.map((r) => r.url.split('?')[0]))].sort(), ['/ari/applications', '/ari/asterisk/info', '/ari/bridges', '/ari/channels', '/ari/endpoints', '/ari/events']);
    });

    it('server URL with the http.conf prefix (http://host:port/asterisk): accepted; REST and the events socket both go under /asterisk/ari/', async () => {
      const { fake, session } = await connected({ prefix: '/asterisk' });
      assert.equal(session.status.state, 'connected');
      assert.ok(fake.requests.length >= 4);
      assert.ok(fake.requests.every((r) => r.url.startsWith('/asterisk/ari/')), JSON.stringify(fake.requests));
    });

    it('server URL without the http.conf prefix Asterisk needs: its HTML 404 page → connect refused, says to check the URL and its path prefix; nothing left connected', async () => {
      const h = await harness({ prefix: '/asterisk', url: (fake) => fake.url.replace(/\/asterisk$/, '') });
      await assert.rejects(h.session.connect(), (e: Error) => e instanceof AriError && /pbx1 has no ARI at this address \(HTTP 404\)\. Check the server URL and its path prefix/.test(e.message));
      assert.equal(h.session.status.state, 'failed');
      assert.equal(h.fake.sockets.size, 0);
      assert.deepEqual(h.session.model.applications.all, []);
    });

    it('server URL with an IPv6 literal (http://[::1]:port): accepted; REST and the events socket reach [::1]', async () => {
      const { fake, session } = await connected({ host: '::1', channels: [f.channel('c1')] });
      assert.match(fake.url, /^http:\/\/\[::1\]:\d+$/);
      assert.equal(session.status.state, 'connected');
      assert.equal(session.model.channels.get('c1')?.stasisApp, 'app');
      assert.ok(fake.sockets.has('app'));
    });

    it('IPv6 address without brackets (http://::1:8088): refused, says to put it in brackets', () => {
      assert.match(baseUrlProblem('http://::1:8088')!, /not a valid URL\..*An IPv6 address goes in brackets: http:\/\/\[::1\]:8088\./);
    });

    it('server URL with a space inside: refused, says to remove it; spaces around it are trimmed and the URL works', async () => {
      assert.match(baseUrlProblem('http://127.0.0.1: 8088')!, /contains spaces\. Remove them/);
      const { session } = await connected({ url: (fake) => `  ${fake.url}\t` });
      assert.equal(session.status.state, 'connected');
    });

    it('server URL with user:password@: refused, says they are asked for separately; no message repeats the password, even with a space in the URL', () => {
      const message = baseUrlProblem('http://asterisk:s3cret@127.0.0.1:8088')!;
      assert.match(message, /contains credentials\. Remove them from the URL: the username and password are asked for separately/);
      const spaced = baseUrlProblem('http://asterisk:s3cret@127.0.0.1: 8088')!;
      assert.match(spaced, /contains spaces/);
      const others = ['asterisk:s3cret@127.0.0.1: 8088', 'asterisk:s3cret@127.0.0.1:99999', 'http://asterisk:pa/s3cret@127.0.0.1: 8088', 'asterisk:s3cret@127.0.0.1:8088'].map((u) => baseUrlProblem(u)!);
      assert.ok(others.every(Boolean), 'each is refused');
      assert.ok(!others[1].includes('IPv6'), `no IPv6 hint for a port out of range: ${others[1]}`);
      for (const m of [message, spaced, ...others]) assert.ok(!m.includes('s3cret'), m);
    });

    it('server URL with ?api_key=user:pass: refused, gives the URL without it, says credentials are asked for separately, never repeats them', () => {
      const message = baseUrlProblem('http://127.0.0.1:8088/ari?api_key=asterisk:s3cret')!;
      assert.match(message, /has a query or fragment\. Enter only scheme, host, port and optional path prefix: http:\/\/127\.0\.0\.1:8088\. Leave out api_key/);
      assert.ok(!message.includes('s3cret'), message);
    });
  });
});
