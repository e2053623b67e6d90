// What a session says when it cannot reach or use Asterisk: Asterisk still booting (503),
// a password changed under a live session (401), nothing listening, a name that does not resolve.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import { asteriskCli, liveAriConf, sandboxEnv } from '../integration/support/sandbox';
import { closeSessions, uniqueApp } from '../integration/support/sessions';
import { nextMatching } from '../integration/support/waitFor';
import { until } from '../support/until';
import { FaultProxy } from './support/FaultProxy';
import { modelMatchesAsterisk, noDuplicateEvents, noPendingMoves } from './support/invariants';
import { recordLinks, sessionVia } from './support/proxiedSession';

const BOOTING = 'HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain\r\nContent-Length: 24\r\nConnection: close\r\n\r\nAsterisk is booting...\r\n';

describe('Faults: Asterisk refuses or cannot be reached', () => {
  afterEach(closeSessions);

  describe('503 while Asterisk boots (fault proxy)', () => {
    let proxy: FaultProxy;
    beforeEach(async () => {
      proxy = await FaultProxy.start((await sandboxEnv()).url);
    });
    // Inner hooks run first: the sessions (and the channels they made) go while the proxy still forwards.
    afterEach(async () => {
      await closeSessions();
      await proxy?.close();
    });

    it('connecting while it boots: refused with a message that says so and what to do', async () => {
      proxy.respond(BOOTING);
      const session = await sessionVia(proxy.url, [uniqueApp('boot')]);
      await assert.rejects(session.connect(), /still starting up\. Try again in a few seconds/);
      assert.equal(session.status.state, 'failed');
    });

    it('a live session whose Asterisk answers 503 for a while: sockets and resync retry, then all is back', async function () {
      this.timeout(60_000);
      const app = uniqueApp('boot503');
      const session = await sessionVia(proxy.url, [app], { resyncRetryMs: 500, events: { backoff: { initialMs: 300, maxMs: 1_000 } } });
      await session.connect();
      const inside = await session.rest.originate({ endpoint: 'Local/100@default', app });
      await until(() => session.model.channels.get(inside.id)?.stasisApp === app, 'the channel in the app');
      const links = recordLinks(session);
      const problems: string[] = [];
      session.onProblem((p) => problems.push(`${p.message} ${p.detail ?? ''}`));

      // Everything answers 503 and the links drop: the sockets retry on 503.
      proxy.respond(BOOTING);
      proxy.cut();
      await until(() => links.filter((l) => /HTTP 503/.test(l.reason ?? '')).length >= 2, 'handshakes answered 503, and retried', 15_000);
      assert.ok(!links.some((l) => l.state === 'gaveUp'), 'a 503 is not a reason to give up');
      // Then the events socket is served while REST still answers 503: the resync retries.
      proxy.respond(BOOTING, 'rest');
      await until(() => problems.some((p) => /Resync .* failed; retrying/.test(p) && /still starting up/.test(p)), 'the resync to fail on the 503 and say it retries', 15_000);
      const resynced = nextMatching(session.onResync, () => true, 'the resync once REST answers', 15_000);
      proxy.forward();
      await resynced;
      assert.equal(session.status.state, 'connected');
      assert.equal(session.model.channels.get(inside.id)?.stasisApp, app);
      await modelMatchesAsterisk(session);
      noDuplicateEvents(session);
      noPendingMoves(session);
    });
  });

  describe('401 after the password changed (real Asterisk, ari.conf reloaded)', () => {
    const conf = liveAriConf();
    let original: string;
    before(() => {
      original = fs.readFileSync(conf, 'utf8');
      fs.writeFileSync(conf, `${original}\n[fault-rotating]\ntype=user\nread_only=no\npassword=before-rotation\npassword_format=plain\n`);
    });
    after(async () => {
      fs.writeFileSync(conf, original);
      await asteriskCli('module reload res_ari.so');
    });

    it('the session stops retrying and says the password was refused, without showing any password', async function () {
      this.timeout(60_000);
      await asteriskCli('module reload res_ari.so');
      const env = await sandboxEnv();
      const app = uniqueApp('rotate');
      const session = await sessionVia(env.url, [app], { events: { backoff: { initialMs: 300, maxMs: 1_000 } } }, { username: 'fault-rotating', password: 'before-rotation' });
      await session.connect();
      const links = recordLinks(session);
      fs.writeFileSync(conf, fs.readFileSync(conf, 'utf8').replace('password=before-rotation', 'password=after-rotation'));
      await asteriskCli('module reload res_ari.so');
      await asteriskCli('ari shutdown websocket sessions');
      await until(() => session.status.state === 'failed', 'the session to fail', 20_000);
      const reason = session.status.state === 'failed' ? session.status.reason : '';
      assert.match(reason, /401/);
      assert.match(reason, /rejected the username or password/);
      assert.equal(links.filter((l) => l.state === 'connecting').length <= 2, true, `no retry storm on 401: ${JSON.stringify(links)}`);
      assert.ok(!reason.includes('after-rotation') && !reason.includes('before-rotation'), 'no password in the message');
    });
  });

  it('nothing listening: refused at once, naming the address and what to check', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    const session = await sessionVia(`http://127.0.0.1:${port}`, [uniqueApp('refused')]);
    await assert.rejects(session.connect(), new RegExp(`nothing is listening at 127\\.0\\.0\\.1:${port}.*Check that Asterisk is running`));
    assert.equal(session.status.state, 'failed');
  });

  it('a host name that does not resolve: refused, naming the name', async () => {
    const session = await sessionVia('http://asterisk.does-not-exist.invalid:8088', [uniqueApp('dns')]);
    await assert.rejects(session.connect(), /asterisk\.does-not-exist\.invalid/);
    const reason = session.status.state === 'failed' ? session.status.reason : '';
    assert.match(reason, /the host name in asterisk\.does-not-exist\.invalid:8088 cannot be resolved \(E\w+\)\. Check the server URL\./);
  });
});
