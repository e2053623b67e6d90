// Bad input, case by case: each case goes through the code a user's input takes —
// the validators the Add/Edit Server, Register Application and Move prompts run, the REST client
// and the events socket against a fake Asterisk — and checks the message (what was wrong, what
// to do) and that the model is left as it was.
//
// This file: user names and passwords.
import assert from 'node:assert/strict';
import { AriError } from '../../src/ari/AriError';
import { usernameProblem } from '../../src/ari/basicAuth';
import { ServerSession } from '../../src/model/session/ServerSession';
import { basicUser, closeHarnesses, configError, connected, harness } from '../support/badInputHarness';
import { FakeAsterisk, json } from '../support/FakeAsterisk';

describe('Bad input catalogue', () => {
  afterEach(closeHarnesses);

  describe('credentials', () => {
    it('user name with ":": refused by the prompt and by the session before anything is sent, says to use a user without ":"', async () => {
      assert.match(usernameProblem('ari:user')!, /contains ':', which HTTP Basic authentication cannot carry.*Use an ARI user whose name has no ':'/);
      const fake = await FakeAsterisk.start();
      try {
        assert.throws(() => new ServerSession({ config: { name: 'pbx1', baseUrl: fake.url, username: 'ari:user', password: 'p' }, serverId: 'pbx1-id', apps: ['app'] }), configError(/contains ':'/));
        assert.equal(fake.requests.length, 0);
      } finally {
        await fake.close();
      }
    });

    it('empty user name: refused, says to enter the user of a type=user section of ari.conf', () => {
      assert.match(usernameProblem('  ')!, /username is empty\. Enter the user name of a \[user\] section with type=user in ari\.conf/);
    });

    it('password with ":": sent intact in the Basic header (Asterisk splits at the first ":") on REST and on the events socket', async () => {
      const { fake, session } = await connected({ password: 'pa:ss:word' });
      assert.equal(session.status.state, 'connected');
      for (const r of fake.requests) assert.equal(basicUser(r.authorization), 'asterisk:pa:ss:word', r.url);
    });

    it('non-ASCII user name and password (zoë / pässwörd): sent as UTF-8, the bytes Asterisk compares with ari.conf, on REST and on the events socket', async () => {
      const { fake, session } = await connected({ username: 'zoë', password: 'pässwörd' });
      assert.equal(session.status.state, 'connected');
      assert.ok(fake.requests.some((r) => r.url.startsWith('/ari/events')));
      for (const r of fake.requests) assert.equal(basicUser(r.authorization), 'zoë:pässwörd', r.url);
    });

    it('wrong password: Asterisk\'s 401 → connect refused, says to check the ARI user and the stored password, never repeats it', async () => {
      const h = await harness({ password: 'wr0ng-pw' });
      h.fake.routes.set('GET /ari/asterisk/info', json(401, { message: 'Authentication required' }));
      await assert.rejects(h.session.connect(), (e: Error) => e instanceof AriError && /pbx1 rejected the username or password \(Asterisk: "Authentication required"\)\. Check the ARI user in ari\.conf and the password stored for this server/.test(e.message) && !e.message.includes('wr0ng-pw'));
      assert.equal(h.session.status.state, 'failed');
      assert.equal(h.fake.sockets.size, 0);
    });
  });
});
