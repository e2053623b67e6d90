// The inspector's filter over one timeline of events and traced apps' REST exchanges.
import assert from 'node:assert/strict';
import { compileFilter, narrows, statusClassOf, type InspectorFilter } from '../../src/inspector/InspectorFilter';
import { bodyJson, describeExchange, durationText } from '../../src/inspector/exchangeText';
import type { TimelineRow } from '../../src/inspector/protocol';
import { toEventRow } from '../../src/ui/inspector/eventRows';
import { toExchangeRow } from '../../src/ui/inspector/exchangeRows';
import * as f from '../support/ariFixtures';
import { exchange, jsonBody, logged } from '../support/exchangeFixtures';

const at = 1_795_000_000_000;
const rows: TimelineRow[] = [
  toEventRow(1, { serverId: 'pbx1', receivedAt: at + 1, event: f.stasisStart('billing', f.channel('c1')) }, 'PBX 1'),
  toExchangeRow(2, logged({ serverId: 'pbx1', at: at + 2, exchange: exchange() }), 'PBX 1'),
  toEventRow(3, { serverId: 'pbx1', receivedAt: at + 3, event: f.moveFailed('billing', f.channel('c1'), 'nowhere', []) }, 'PBX 1'),
  toExchangeRow(4, logged({ serverId: 'pbx1', at: at + 4, exchange: exchange({ method: 'GET', resource: 'channels', query: [], status: 200, durationMs: 12 }) }), 'PBX 1'),
  toExchangeRow(5, logged({ serverId: 'pbx2', at: at + 5, exchange: exchange({ method: 'DELETE', resource: 'channels/c2', query: [], status: 404, durationMs: 150, responseBody: jsonBody({ message: 'Channel not found' }) }) }), 'PBX 2'),
  toExchangeRow(6, logged({ serverId: 'pbx1', at: at + 6, exchange: exchange({ resource: 'channels/c1/answer', query: [], status: 0, reason: undefined, durationMs: 2000, failure: 'connect ECONNREFUSED' }) }), 'PBX 1'),
  toEventRow(7, { serverId: 'pbx2', receivedAt: at + 7, event: f.stateChange('other', f.channel('c2', { state: 'Up' })) }, 'PBX 2'),
];
const ids = (filter: InspectorFilter) => rows.filter(compileFilter(filter)).map((r) => r.id);

describe('inspector filter, events and REST exchanges together', () => {
  it('shows both kinds, in one timeline, when nothing is chosen', () => assert.deepEqual(ids({}), [1, 2, 3, 4, 5, 6, 7]));

  it('filters exchanges by method, by status class (no answer is its own class), by path text and by minimum duration', () => {
    assert.deepEqual(ids({ methods: ['POST'] }), [2, 6]);
    assert.deepEqual(ids({ methods: ['GET', 'DELETE'] }), [4, 5]);
    assert.deepEqual(ids({ statusClasses: ['2xx'] }), [2, 4]);
    assert.deepEqual(ids({ statusClasses: ['4xx', 'none'] }), [5, 6]);
    assert.deepEqual(ids({ statusClasses: ['5xx'] }), []);
    assert.deepEqual(ids({ path: 'channels/c1' }), [2, 6]);
    assert.deepEqual(ids({ path: 'MOVE?APP=BILL' }), [2], 'the path with its query, case-insensitively');
    assert.deepEqual(ids({ minDurationMs: 100 }), [5, 6]);
    assert.deepEqual(ids({ minDurationMs: 12 }), [4, 5, 6], 'at least, not more than');
    assert.deepEqual(ids({ methods: ['POST'], statusClasses: ['2xx'] }), [2], 'all the fields at once');
  });

  it('an event type shows no exchanges unless an exchange field is chosen too; an exchange field shows no events unless a type is', () => {
    assert.deepEqual(ids({ types: ['StasisStart'] }), [1]);
    assert.deepEqual(ids({ types: ['StasisStart'], methods: ['POST'] }), [1, 2, 6]);
    assert.deepEqual(ids({ types: ['StasisStart'], minDurationMs: 0 }), [1, 2, 4, 5, 6]);
  });

  it('server, application, channel, search and failures apply to both kinds; an exchange has the app and channels its request names', () => {
    assert.deepEqual(ids({ server: 'pbx2' }), [5, 7]);
    assert.deepEqual(ids({ application: 'billing' }), [1, 2, 3], 'move?app=billing names billing');
    assert.deepEqual(ids({ channelId: 'c1' }), [1, 2, 3, 6], "a channel's requests are in its journey");
    assert.deepEqual(ids({ channelId: 'c2', methods: ['DELETE'] }), [5]);
    assert.deepEqual(ids({ failuresOnly: true }), [3, 5, 6], 'status ≥ 400 and no answer are failures');
  });

  it("searches an exchange's values: path, headers, a JSON body's values but not its field names, a failure", () => {
    assert.deepEqual(ids({ text: 'channel not FOUND' }), [5]);
    assert.deepEqual(ids({ text: 'message' }), [], 'a field name of the body is not searched');
    assert.deepEqual(ids({ text: 'asterisk/22' }), [2, 4, 5, 6]);
    assert.deepEqual(ids({ text: 'econnrefused' }), [6]);
  });

  it('narrows when typing on in the path box, but a first path is not narrowing: it brings exchanges in beside a type', () => {
    assert.equal(narrows({ path: 'chan' }, { path: 'channels/c1' }), true);
    assert.equal(narrows({ types: ['StasisStart'] }, { types: ['StasisStart'], path: 'c' }), false);
    assert.equal(narrows({ methods: ['GET'] }, { methods: ['POST'] }), false);
    assert.equal(narrows({ minDurationMs: 5 }, { minDurationMs: 50 }), false);
    // What "narrows" promises: testing only the rows shown gives what testing all of them gives.
    const pairs: [InspectorFilter, InspectorFilter][] = [
      [{ path: 'chan' }, { path: 'channels/c' }],
      [{ text: 'c' }, { text: 'c1' }],
      [{ types: ['StasisStart'], path: 'c' }, { types: ['StasisStart'], path: 'c1' }],
    ];
    for (const [before, after] of pairs) {
      assert.ok(narrows(before, after), JSON.stringify([before, after]));
      assert.deepEqual(rows.filter(compileFilter(before)).filter(compileFilter(after)), rows.filter(compileFilter(after)));
    }
  });
});

describe('REST exchanges as text', () => {
  it('reads "METHOD path?query → status (duration)", or why no answer came', () => {
    assert.equal(describeExchange(exchange({ resource: 'channels/1234/move', query: [['app', 'x']] })), 'POST channels/1234/move?app=x → 204 (3.1 ms)');
    assert.equal(describeExchange(exchange({ method: 'GET', resource: 'asterisk/info', query: [], status: 0, durationMs: 2000, failure: 'connect ECONNREFUSED' })), 'GET asterisk/info → no answer: connect ECONNREFUSED (2000 ms)');
    assert.equal(durationText(150.4), '150 ms');
    assert.equal(durationText(0.04), '0.0 ms');
  });

  it('gives each status its class', () => {
    assert.deepEqual([0, 204, 302, 404, 503, 101].map(statusClassOf), ['none', '2xx', '3xx', '4xx', '5xx', undefined]);
  });

  it('reads a body as JSON only when it is whole JSON', () => {
    assert.deepEqual(bodyJson(jsonBody({ id: 'c1' })), { value: { id: 'c1' } });
    assert.deepEqual(bodyJson({ text: 'null', bytes: 4, truncated: false }), { value: null });
    assert.equal(bodyJson({ ...jsonBody({ id: 'c1' }), truncated: true }), undefined, 'a cut body is not read as JSON');
    assert.equal(bodyJson({ text: '{"a":1}', bytes: 7, truncated: false, contentType: 'text/plain' }), undefined);
    assert.equal(bodyJson({ text: 'Not Found', bytes: 9, truncated: false }), undefined);
  });
});
