// NDJSON captures with REST exchanges: interleaved with events by time, read back checked, and
// never a credential in what is written.
import assert from 'node:assert/strict';
import { exchangeForExport, WITHHELD } from '../../src/inspector/exportRedaction';
import { fromNdjson, toNdjson, type RecordedRow } from '../../src/inspector/Ndjson';
import { traceNdjsonLine } from '../../src/proxy/traceNdjson';
import * as f from '../support/ariFixtures';
import { exchange, jsonBody } from '../support/exchangeFixtures';

const at = 1_795_000_000_000;
const server = { serverId: 'pbx1-id', serverName: 'pbx1' };
const move = exchange({ at: at + 1, requestBody: jsonBody({ variables: { x: '1' } }), responseBody: { text: 'x'.repeat(10), bytes: 70_000, truncated: true, contentType: 'text/plain' } });
const answer = exchange({ at: at + 3, resource: 'channels/c1/answer', query: [], via: 'websocket', requestId: 'r-7', socketId: 2 });
const timeline: RecordedRow[] = [
  { ...server, receivedAt: at, event: f.stasisStart('billing', f.channel('c1')) },
  { ...server, at: at + 1, exchange: move },
  { ...server, receivedAt: at + 2, event: f.stasisEnd('billing', f.channel('c1')) },
  { ...server, at: at + 3, exchange: answer },
];

describe('NDJSON captures with REST exchanges', () => {
  it('writes each exchange as a line of its own, in the order given, and reads events and exchanges back as they were', () => {
    const text = toNdjson(timeline);
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(lines.map((l) => Object.keys(l)), [
      ['server', 'serverId', 'receivedAt', 'event'],
      ['server', 'serverId', 'at', 'exchange'],
      ['server', 'serverId', 'receivedAt', 'event'],
      ['server', 'serverId', 'at', 'exchange'],
    ]);
    const back = fromNdjson(text);
    assert.deepEqual(back.skipped, []);
    assert.deepEqual(back.events, [timeline[0], timeline[2]]);
    assert.deepEqual(back.exchanges, [timeline[1], timeline[3]]);
  });

  it('skips an exchange line that is not as the trace records it, saying what is wrong, and keeps the rest', () => {
    const good = JSON.stringify({ server: 'pbx1', serverId: 'pbx1-id', at, exchange: move });
    const broken = (change: Record<string, unknown>) => JSON.stringify({ server: 'pbx1', at, exchange: { ...move, ...change } });
    const text = [good, broken({ status: '204' }), broken({ requestHeaders: [['host']] }), broken({ via: 'pigeon' }), broken({ responseBody: { text: 'x' } }), JSON.stringify({ exchange: 'GET /ari/channels' }), JSON.stringify({ server: 'pbx1', at: 1e20, exchange: move }), good].join('\n');
    const result = fromNdjson(text);
    assert.equal(result.exchanges.length, 2);
    assert.deepEqual(result.skipped, [
      { line: 2, message: 'a REST exchange that is not as the trace records it: its "status" is not a number' },
      { line: 3, message: 'a REST exchange that is not as the trace records it: its "requestHeaders" is not a list of [name, value] pairs' },
      { line: 4, message: 'a REST exchange that is not as the trace records it: its "via" is neither "http" nor "websocket"' },
      { line: 5, message: 'a REST exchange that is not as the trace records it: its "responseBody" is not a body (text, bytes, truncated)' },
      { line: 6, message: 'a REST exchange that is not as the trace records it: it is not an object' },
      { line: 7, message: 'its "at" is not a time (ms since 1970)' },
    ]);
  });

  it('reads the file `npm run trace -- --out` writes, exchanges and events', () => {
    const frame = Buffer.from(JSON.stringify(f.stasisStart('billing', f.channel('c1'))));
    const text = [traceNdjsonLine({ kind: 'event', socketId: 1, at, frame }, 'pbx1'), traceNdjsonLine(move, 'pbx1')].join('');
    const result = fromNdjson(text);
    assert.deepEqual(result.skipped, []);
    assert.deepEqual(result.exchanges, [{ serverId: 'pbx1', serverName: 'pbx1', at: move.at, exchange: move }]);
    assert.equal(result.events[0].event.type, 'StasisStart');
  });

  it('takes the time of the request when a line does not give one', () => {
    const result = fromNdjson(JSON.stringify({ server: 'pbx1', exchange: answer }));
    assert.deepEqual(result.exchanges, [{ serverId: 'pbx1', serverName: 'pbx1', at: answer.at, exchange: answer }]);
  });
});

describe('no credentials in an export, even in a record that escaped the trace redaction', () => {
  const leaky = exchange({
    query: [['app', 'billing'], ['API_KEY', 'asterisk:s3cret']],
    requestHeaders: [['host', 'pbx1:8088'], ['Authorization', 'Basic YXN0ZXJpc2s6czNjcmV0'], ['cookie', 'session=abc123'], ['proxy-authorization', 'Basic cHJveHk6cGFzcw==']],
    responseHeaders: [['set-cookie', 'session=def456; HttpOnly'], ['content-type', 'application/json']],
  });

  it('leaves out authorization, proxy-authorization, cookie and set-cookie headers, whatever their case, and withholds api_key values', () => {
    const clean = exchangeForExport(leaky);
    assert.deepEqual(clean.requestHeaders, [['host', 'pbx1:8088']]);
    assert.deepEqual(clean.responseHeaders, [['content-type', 'application/json']]);
    assert.deepEqual(clean.query, [['app', 'billing'], ['API_KEY', WITHHELD]]);
    assert.equal(leaky.requestHeaders.length, 4, 'the record itself is left as it was');
  });

  it('writes none of them to the file', () => {
    const text = toNdjson([{ ...server, at, exchange: leaky }]);
    for (const secret of ['s3cret', 'YXN0ZXJpc2s6czNjcmV0', 'abc123', 'def456', 'cHJveHk6cGFzcw==', 'authorization', 'cookie']) {
      assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `${secret} in ${text}`);
    }
    assert.match(text, /"content-type","application\/json"/);
  });
});
