// Bad input, case by case: each case goes through the code a user's input takes —
// the validators the Add/Edit Server, Register Application and Move prompts run, the REST client
// and the events socket against a fake Asterisk — and checks the message (what was wrong, what
// to do) and that the model is left as it was.
//
// This file: REST answers that are not what ARI should send.
import assert from 'node:assert/strict';
import { AriError } from '../../src/ari/AriError';
import * as f from '../support/ariFixtures';
import { closeHarnesses, connected, harness, picture } from '../support/badInputHarness';
import { until } from '../support/until';

describe('Bad input catalogue', () => {
  afterEach(closeHarnesses);

  describe('REST answers', () => {
    it('HTML page instead of JSON (a proxy\'s login page) on connect: refused, says a proxy may be in the way; the session is failed, no socket opened', async () => {
      const h = await harness();
      h.fake.routes.set('GET /ari/asterisk/info', (res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>Please log in</body></html>');
      });
      await assert.rejects(h.session.connect(), (e: Error) => e instanceof AriError && e.kind === 'nonJson' && /sent an HTML page \(HTTP 200\) instead of ARI JSON\. A proxy may be in the way, or the URL does not point at Asterisk's HTTP server/.test(e.message));
      assert.equal(h.session.status.state, 'failed');
      assert.equal(h.fake.sockets.size, 0);
    });

    it('empty 200 answer where JSON is due (GET /channels): refused as "an empty answer", not taken as no channels; the model keeps what it had', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      fake.routes.set('GET /ari/channels', (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end();
      });
      const before = picture(session);
      await session.resync();
      assert.equal(problems[0].message, 'Resync with pbx1 failed; retrying.');
      assert.match(problems[0].detail!, /List channels on pbx1 failed: 127\.0\.0\.1:\d+ sent an empty answer \(HTTP 200\) instead of ARI JSON/);
      assert.equal(picture(session), before);
    });

    it('empty 502 from a proxy in front of Asterisk: refused, says the Asterisk behind it is down, not that Asterisk answered', async () => {
      const h = await harness();
      h.fake.routes.set('GET /ari/asterisk/info', (res) => {
        res.writeHead(502);
        res.end();
      });
      await assert.rejects(h.session.connect(), (e: Error) => e instanceof AriError && e.status === 502 && /a proxy in front of pbx1 answered HTTP 502: the Asterisk behind it is down or does not answer\. Check Asterisk, or point the server URL at Asterisk itself/.test(e.message));
    });

    it('move of a channel that no longer exists (404 "Channel not found"): the move ends rejected, saying it is gone, and the stale channel leaves the model; others stay', async () => {
      const { fake, session } = await connected({ channels: [f.channel('c1'), f.channel('c2')] });
      // c1 hung up while its last events were lost: only REST still knows.
      fake.channels = [f.channel('c2')];
      fake.applications = [f.application('app', ['c2'])];
      const settled = await session.move('c1', 'dest').outcome;
      assert.equal(settled.outcome.kind, 'rejected');
      const error = settled.outcome.kind === 'rejected' ? settled.outcome.error : undefined;
      assert.ok(error instanceof AriError && error.status === 404);
      assert.match(error.message, /Move channel "c1" to "dest" failed: channel "c1" no longer exists on pbx1: it hung up or never existed \(Asterisk: "Channel not found"\)\. Refresh the view if it still lists it\./);
      await until(() => session.model.channels.get('c1') === undefined, 'the stale channel dropped', 3_000);
      assert.equal(session.model.channels.get('c2')?.stasisApp, 'app');
    });

    it('hang up of a channel that no longer exists: the 404 is explained, and the model drops the channel', async () => {
      const { fake, session } = await connected({ channels: [f.channel('c1')] });
      fake.channels = [];
      fake.applications = [f.application('app', [])];
      await assert.rejects(session.rest.hangup('c1', 'normal'), (e: Error) => e instanceof AriError && /hang up channel "c1" failed: channel "c1" no longer exists on pbx1/i.test(e.message));
      await until(() => session.model.channels.get('c1') === undefined, 'the stale channel dropped', 3_000);
      assert.deepEqual(session.model.channels.of('app'), []);
    });
  });
});
