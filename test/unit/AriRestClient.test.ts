// The REST client against the fake Asterisk answering what a real Asterisk cannot be made to
// answer on demand (HTML from a proxy, a stall, 503). Real Asterisk answers are checked in
// test/integration.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { moveAppArgs } from '../../src/ari/appArgs';
import { AriError } from '../../src/ari/AriError';
import { AriRestClient } from '../../src/ari/AriRestClient';
import { FakeAsterisk, json, type Route, type SeenRequest } from '../support/FakeAsterisk';

/** The fake Asterisk answering every request with `handler`, and a client for it. */
async function withServer(handler: Route, body: (client: AriRestClient, seen: SeenRequest[]) => Promise<void>, prefix = ''): Promise<void> {
  const fake = await FakeAsterisk.start({ prefix });
  fake.answerAll = handler;
  const client = new AriRestClient({ name: 'pbx1', baseUrl: fake.url, username: 'asterisk', password: 's3cret', requestTimeoutMs: 300 });
  try {
    await body(client, fake.requests);
  } finally {
    await client.close();
    await fake.close();
  }
}

async function rejection(promise: Promise<unknown>): Promise<AriError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof AriError, `expected an AriError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the call to fail');
}

describe('AriRestClient', () => {
  it('sends Basic auth in a header, never api_key in the URL, and honours the path prefix', async () => {
    await withServer(json(200, []), async (client, seen) => {
      await client.call('applications.list', {});
      assert.equal(seen[0].url, '/pbx/ari/applications');
      assert.equal(seen[0].authorization, `Basic ${Buffer.from('asterisk:s3cret').toString('base64')}`);
      assert.ok(!seen[0].url.includes('api_key') && !seen[0].url.includes('s3cret'));
    }, '/pbx');
  });

  it('sends move with app and comma-joined appArgs and accepts 204', async () => {
    await withServer((res) => { res.writeHead(204); res.end(); }, async (client, seen) => {
      await client.call('channels.move', { channelId: '1732.4', app: 'ari-example2', appArgs: moveAppArgs(['some', 'example', 'args']) });
      assert.equal(seen[0].method, 'POST');
      assert.equal(seen[0].url, '/ari/channels/1732.4/move?app=ari-example2&appArgs=some%2Cexample%2Cargs');
    });
  });

  it('builds originate and hangup queries', async () => {
    await withServer(json(200, { id: 'test-1' }), async (client, seen) => {
      await client.originate({ endpoint: 'Local/100@default', app: 'ari-example1', appArgs: ['a', 'b'], callerId: '"Zoë" <100>', channelId: 'test-1', timeout: 20 });
      await client.hangup('test-1', 'busy');
      const originate = new URL(seen[0].url, 'http://x');
      assert.equal(originate.pathname, '/ari/channels');
      assert.deepEqual(Object.fromEntries(originate.searchParams), { endpoint: 'Local/100@default', app: 'ari-example1', appArgs: 'a,b', callerId: '"Zoë" <100>', channelId: 'test-1', timeout: '20' });
      assert.equal(seen[1].method, 'DELETE');
      assert.equal(seen[1].url, '/ari/channels/test-1?reason=busy');
    });
  });

  const statuses: [number, string, RegExp][] = [
    [404, 'Channel not found', /Move channel "c1" to "b" failed: channel "c1" no longer exists on pbx1.*Refresh/],
    [409, 'Channel not in Stasis application', /not in a Stasis application.*wait for its StasisStart/],
    [412, 'Channel in invalid state', /state that does not allow this.*answered/],
    [401, 'Authentication required', /pbx1 rejected the username or password/],
    [403, 'Write access denied', /read-only/],
    [503, 'Asterisk not booted', /still starting up/],
  ];
  for (const [status, message, expected] of statuses) {
    it(`explains HTTP ${status} "${message}" and keeps Asterisk's own message`, async () => {
      await withServer(json(status, { message }), async (client) => {
        const error = await rejection(client.call('channels.move', { channelId: 'c1', app: 'b' }));
        assert.equal(error.status, status);
        assert.equal(error.asteriskMessage, message);
        assert.equal(error.method, 'POST');
        assert.equal(error.path, '/ari/channels/c1/move?app=b');
        assert.match(error.message, expected);
        assert.ok(!error.message.includes('s3cret'));
      });
    });
  }

  it('explains 422 on a subscription to a missing event source', async () => {
    await withServer(json(422, { message: 'Event source does not exist' }), async (client) => {
      const error = await rejection(client.call('applications.subscribe', { applicationName: 'app', eventSource: ['channel:nope'] }));
      assert.match(error.advice, /event source does not exist.*channel:<id>/);
    });
  });

  it('says an HTML 404 (Asterisk\'s own page) means the URL or prefix is wrong', async () => {
    // What Asterisk 22 really answers for a path it does not serve.
    const page = '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\r\n<html><head>\r\n<title>404 Not Found</title>\r\n</head><body>\r\n<h1>Not Found</h1>\r\n<p>The requested URL was not found on this server.</p>\r\n<hr />\r\n<address>Asterisk Server</address>\r\n</body></html>\r\n';
    await withServer((res) => { res.writeHead(404, { 'content-type': 'text/html', server: 'Asterisk/22.10.1' }); res.end(page); }, async (client) => {
      const error = await rejection(client.asteriskInfo());
      assert.match(error.message, /no ARI at this address/);
    });
  });

  it('reports an HTML page from a proxy as such', async () => {
    await withServer((res) => { res.writeHead(200, { 'content-type': 'text/html' }); res.end('<html><body>Login</body></html>'); }, async (client) => {
      const error = await rejection(client.call('channels.list', {}));
      assert.equal(error.kind, 'nonJson');
      assert.match(error.message, /sent an HTML page \(HTTP 200\) instead of ARI JSON.*proxy/);
    });
  });

  it('times out a stalled request with a clear message', async () => {
    await withServer(() => undefined, async (client) => {
      const error = await rejection(client.call('asterisk.ping', {}));
      assert.equal(error.kind, 'timeout');
      assert.match(error.message, /no answer from 127\.0\.0\.1:\d+ within 0\.3 s/);
    });
  });

  it('can be cancelled by the caller', async () => {
    await withServer(() => undefined, async (client) => {
      const controller = new AbortController();
      const pending = client.call('applications.list', {}, { signal: controller.signal, timeoutMs: 5_000 });
      controller.abort();
      const error = await rejection(pending);
      assert.equal(error.kind, 'aborted');
    });
  });

  it('says nothing is listening when the connection is refused', async () => {
    const server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    await new Promise((r) => server.close(r));
    const client = new AriRestClient({ name: 'pbx1', baseUrl: `http://127.0.0.1:${port}`, username: 'u', password: 'p' });
    const error = await rejection(client.asteriskInfo());
    await client.close();
    assert.equal(error.kind, 'connectionRefused');
    assert.match(error.message, /nothing is listening.*http\.conf/);
  });

  it('says a host name does not resolve', async () => {
    const client = new AriRestClient({ name: 'pbx1', baseUrl: 'http://no-such-host.invalid:8088', username: 'u', password: 'p' });
    const error = await rejection(client.asteriskInfo());
    await client.close();
    assert.equal(error.kind, 'dns');
    assert.match(error.message, /cannot be resolved/);
  });
});
