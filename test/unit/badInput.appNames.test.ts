// Bad input, case by case: each case goes through the code a user's input takes —
// the validators the Add/Edit Server, Register Application and Move prompts run, the REST client
// and the events socket against a fake Asterisk — and checks the message (what was wrong, what
// to do) and that the model is left as it was.
//
// This file: application names for Add Server and Register Application.
import assert from 'node:assert/strict';
import { appListProblem, appNameProblem, splitAppNames } from '../../src/ari/appName';
import { closeHarnesses, configError, connected } from '../support/badInputHarness';

describe('Bad input catalogue', () => {
  afterEach(closeHarnesses);

  describe('application names', () => {
    it('empty application name: refused by Register Application, says to enter a name; no socket opened', async () => {
      const { fake, session } = await connected({ apps: [] });
      assert.match(appNameProblem('')!, /application name is empty\. Enter a name such as ari-example1/);
      await assert.rejects(session.registerApp(' '), configError(/empty/));
      assert.equal(fake.requestsTo('GET', '/ari/events').length, 0);
    });

    it('application name with a comma: refused (Asterisk would read two apps), says to remove it; nothing registered', async () => {
      const { fake, session } = await connected({ apps: [] });
      await assert.rejects(session.registerApp('billing,sales'), configError(/"billing,sales" contains a comma; Asterisk reads commas as separators between app names\. Remove it/));
      assert.equal(fake.requestsTo('GET', '/ari/events').length, 0);
      assert.deepEqual(session.ownership.owned, []);
    });

    it("application name with a quote or a backslash: refused (Asterisk strips quotes around a name and reads them in the list), says to remove it; nothing registered", async () => {
      const { fake, session } = await connected({ apps: [] });
      for (const name of ["'billing'", '"billing"', 'bill"ing', 'bill\\ing']) {
        await assert.rejects(session.registerApp(name), configError(/contains ["'\\]; Asterisk reads quotes and backslashes in its list of app names .*Remove it/));
      }
      assert.match(appListProblem('ari-example1, "sales"')!, /""sales"" contains "/);
      assert.equal(fake.requestsTo('GET', '/ari/events').length, 0);
      assert.deepEqual(session.ownership.owned, []);
    });

    it('application name longer than 73 bytes: refused, says to shorten it; exactly 73 is registered', async () => {
      const { fake, session } = await connected({ apps: [] });
      await assert.rejects(session.registerApp('a'.repeat(74)), configError(/74 bytes long; Asterisk accepts at most 73 .*Shorten it/));
      assert.equal(fake.requestsTo('GET', '/ari/events').length, 0);
      await session.registerApp('a'.repeat(73));
      assert.deepEqual(session.ownership.owned, ['a'.repeat(73)]);
    });

    it('application name with spaces: refused by the Add Server app list and by Register Application, says which characters to use', async () => {
      assert.match(appListProblem('ari-example1, my app')!, /"my app" contains white space.*Use letters, digits, '-' or '_'/);
      const { session } = await connected({ apps: [] });
      await assert.rejects(session.registerApp('my app'), configError(/white space/));
    });

    it('non-ASCII application name (zoë): registered, percent-encoded in the events URL; 37 × "é" (74 bytes) refused, counting bytes as Asterisk does', async () => {
      const { fake, session } = await connected({ apps: [] });
      await session.registerApp('zoë');
      assert.ok(fake.requestsTo('GET', '/ari/events').some((r) => r.url === '/ari/events?app=zo%C3%AB'));
      assert.ok(fake.sockets.has('zoë'));
      assert.equal(session.ownership.isOwned('zoë'), true);
      assert.ok(session.model.applications.get('zoë'));
      assert.match(appNameProblem('é'.repeat(37))!, /74 bytes long \(letters outside ASCII take 2 to 4 bytes each\); Asterisk accepts at most 73/);
    });

    it('app list with empty items ("a,, b ,"): the empty ones are dropped, the rest kept as typed', () => {
      assert.deepEqual(splitAppNames('a,, b ,'), ['a', 'b']);
      assert.equal(appListProblem('a,, b ,'), undefined);
    });
  });
});
