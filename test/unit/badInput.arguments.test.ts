// Bad input, case by case: each case goes through the code a user's input takes —
// the validators the Add/Edit Server, Register Application and Move prompts run, the REST client
// and the events socket against a fake Asterisk — and checks the message (what was wrong, what
// to do) and that the model is left as it was.
//
// This file: app arguments of a move and of an originate.
import assert from 'node:assert/strict';
import { splitAppArgs, splitOriginateArgs } from '../../src/ari/appArgs';
import { MAX_REQUEST_LINE_BYTES } from '../../src/ari/AriRestClient';
import * as f from '../support/ariFixtures';
import { closeHarnesses, configError, connected } from '../support/badInputHarness';
import { json } from '../support/FakeAsterisk';
import { until } from '../support/until';

describe('Bad input catalogue', () => {
  afterEach(closeHarnesses);

  describe('move and originate arguments', () => {
    it('move argument with a comma: refused before anything is sent or tracked, says to give it as separate arguments', async () => {
      const { fake, session } = await connected({ channels: [f.channel('c1')] });
      assert.throws(() => session.move('c1', 'dest', ['a,b']), configError(/"a,b" contains a comma; Asterisk splits arguments on commas\. Give it as separate arguments/));
      assert.equal(fake.requestsTo('POST', '/ari/channels/c1/move').length, 0);
      assert.equal(session.moves.pendingCount, 0);
      assert.deepEqual(session.journeys.of('c1'), []);
    });

    it('move arguments typed with empty items ("a,,b,"): the prompt drops them, as Asterisk would, and the move sends appArgs=a,b', async () => {
      const { fake, session } = await connected({ channels: [f.channel('c1')] });
      session.move('c1', 'dest', splitAppArgs('a,,b,'));
      await until(() => fake.requestsTo('POST', '/ari/channels/c1/move').length === 1, 'the move request', 3_000);
      const sent = new URL(fake.requestsTo('POST', '/ari/channels/c1/move')[0].url, 'http://x').searchParams;
      assert.equal(sent.get('appArgs'), 'a,b');
    });

    it('empty move argument given directly (["a","","b"]): refused, says Asterisk would deliver 2 arguments, not 3; nothing sent or tracked', async () => {
      const { fake, session } = await connected({ channels: [f.channel('c1')] });
      assert.throws(() => session.move('c1', 'dest', ['a', '', 'b']), configError(/One app argument is empty; Asterisk drops empty arguments of a move, so the app would get 2 arguments, not 3\. Remove it or give it a value/));
      assert.equal(fake.requestsTo('POST', '/ari/channels/c1/move').length, 0);
      assert.equal(session.moves.pendingCount, 0);
    });

    it('move argument with quotes (say "hi"): sent verbatim, since a move splits only on commas; its StasisStart settles the move as moved with it', async () => {
      const { fake, session } = await connected({ apps: ['src', 'dest'], channels: [f.channel('c1')] });
      const { outcome } = session.move('c1', 'dest', ['say "hi"']);
      await until(() => fake.requestsTo('POST', '/ari/channels/c1/move').length === 1, 'the move request', 3_000);
      assert.equal(new URL(fake.requestsTo('POST', '/ari/channels/c1/move')[0].url, 'http://x').searchParams.get('appArgs'), 'say "hi"');
      fake.send('src', f.stasisEnd('src', f.channel('c1')));
      fake.send('dest', f.stasisStart('dest', f.channel('c1'), ['say "hi"']));
      assert.deepEqual((await outcome).outcome, { kind: 'moved', args: ['say "hi"'] });
      assert.deepEqual(session.model.channels.get('c1')?.args, ['say "hi"']);
    });

    it('originate argument with quotes, a backslash or an unclosed "(": refused (Stasis() would strip or merge them), names the character; a balanced "f(x)" is sent', async () => {
      const { fake, session } = await connected();
      fake.routes.set('POST /ari/channels', json(200, f.channel('o1')));
      const originate = (appArgs: string[]) => session.rest.originate({ endpoint: 'Local/100@default', app: 'app', appArgs });
      await assert.rejects(originate(['say "hi"']), configError(/"say \\"hi\\"" contains "; .*Stasis\(\), which removes quotes\. Remove it/));
      await assert.rejects(originate(['C:\\calls']), configError(/contains \\; .*removes backslashes/));
      await assert.rejects(originate(['f(x', 'y']), configError(/"f\(x" opens a "\(" it does not close; .*merge the arguments after it into this one/));
      assert.equal(fake.requestsTo('POST', '/ari/channels').length, 0);
      await originate(['f(x)', 'y']);
      assert.equal(new URL(fake.requestsTo('POST', '/ari/channels')[0].url, 'http://x').searchParams.get('appArgs'), 'f(x),y');
    });

    it('originate arguments typed with an empty item ("a,,b"): kept as three, as Stasis() will deliver them (a move would drop it)', async () => {
      assert.deepEqual(splitOriginateArgs('a,,b'), ['a', '', 'b']);
      assert.deepEqual(splitOriginateArgs(''), []);
      const { fake, session } = await connected();
      fake.routes.set('POST /ari/channels', json(200, f.channel('o1')));
      await session.rest.originate({ endpoint: 'Local/100@default', app: 'app', appArgs: splitOriginateArgs('a,,b') });
      assert.equal(new URL(fake.requestsTo('POST', '/ari/channels')[0].url, 'http://x').searchParams.get('appArgs'), 'a,,b');
    });

    it(`very long move argument: refused once the request line would pass the ${MAX_REQUEST_LINE_BYTES} bytes Asterisk accepts (it answers 400 beyond), says what to shorten; one byte less is sent intact`, async () => {
      const { fake, session } = await connected({ channels: [f.channel('c1')] });
      const longest = MAX_REQUEST_LINE_BYTES - Buffer.byteLength('POST /ari/channels/c1/move?app=dest&appArgs= HTTP/1.1\r\n');
      assert.throws(
        () => session.move('c1', 'dest', ['x'.repeat(longest + 1)]),
        configError(/move channel "c1" to "dest" was not sent: its request line would be 4096 bytes, and Asterisk refuses request lines longer than 4095 bytes \(HTTP 400\)\. Shorten "appArgs" \(\d+ bytes in the URL\)/),
      );
      assert.equal(session.moves.pendingCount, 0);
      assert.equal(fake.requestsTo('POST', '/ari/channels/c1/move').length, 0);
      session.move('c1', 'dest', ['x'.repeat(longest)]);
      await until(() => fake.requestsTo('POST', '/ari/channels/c1/move').length === 1, 'the move request', 3_000);
      assert.equal(new URL(fake.requestsTo('POST', '/ari/channels/c1/move')[0].url, 'http://x').searchParams.get('appArgs')?.length, longest);
    });
  });
});
