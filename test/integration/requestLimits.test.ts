// Limits our client enforces before sending, checked against the real Asterisk: where we refuse,
// Asterisk would have refused too, and just below it everything arrives whole.
import assert from 'node:assert/strict';
import { MAX_REQUEST_LINE_BYTES } from '../../src/ari/AriRestClient';
import { until } from '../support/until';
import { sandboxEnv } from './support/sandbox';
import { closeSessions, sandboxSession, uniqueApp } from './support/sessions';

describe('Request limits against the real Asterisk', () => {
  afterEach(closeSessions);

  it(`a move whose request line is ${MAX_REQUEST_LINE_BYTES} bytes arrives whole; one byte more gets 400 from Asterisk, and our client refuses it before sending`, async () => {
    const from = uniqueApp('limit-from');
    const to = uniqueApp('limit-to');
    const session = await sandboxSession([from, to]);
    await session.connect();
    const env = await sandboxEnv();
    const channel = await session.rest.originate({ endpoint: 'Local/100@default', app: from });
    await until(() => session.model.channels.get(channel.id)?.stasisApp === from, 'the channel in the app');
    const path = `/ari/channels/${channel.id}/move?app=${to}&appArgs=`;
    const argFor = (lineBytes: number) => 'x'.repeat(lineBytes - Buffer.byteLength(`POST ${path} HTTP/1.1\r\n`));

    // Bypassing our client: Asterisk itself answers 400 one byte past the limit (docs/ari-behaviour.md#channels-resource).
    const tooLong = await fetch(`${env.url}${path}${argFor(MAX_REQUEST_LINE_BYTES + 1)}`, { method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${env.username}:${env.password}`).toString('base64')}` } });
    assert.equal(tooLong.status, 400);
    assert.throws(() => session.move(channel.id, to, [argFor(MAX_REQUEST_LINE_BYTES + 1)]), /refuses request lines longer than 4095 bytes \(HTTP 400\)\. Shorten "appArgs"/);

    const longest = argFor(MAX_REQUEST_LINE_BYTES);
    const { outcome } = session.move(channel.id, to, [longest]);
    const settled = await outcome;
    assert.equal(settled.outcome.kind, 'moved', JSON.stringify(settled.outcome).slice(0, 300));
    assert.deepEqual(session.model.channels.get(channel.id)?.args, [longest]);
  });
});
