import assert from 'node:assert/strict';
import type { Dial } from '../../src/ari/generated/ariTypes';
import { compileFilter, isFailureEvent, narrows, type FilterableEvent } from '../../src/inspector/InspectorFilter';
import { childPath, jsonTreeRows, valueAt } from '../../src/inspector/JsonTree';
import { describeProblems, fromNdjson, toNdjson } from '../../src/inspector/Ndjson';
import { isHostMessage, isWebviewMessage } from '../../src/inspector/protocol';
import * as f from '../support/ariFixtures';

type Row = FilterableEvent & { id: number };
const rows: Row[] = [
  { kind: 'event', id: 1, serverId: 'pbx1', event: f.stasisStart('ari-example1', f.channel('c1', { caller: { name: 'Zoë <b>', number: '1' } }), ['a']), channelIds: ['c1'] },
  { kind: 'event', id: 2, serverId: 'pbx1', event: f.moveFailed('ari-example1', f.channel('c1'), 'nowhere', ['x']), channelIds: ['c1'] },
  { kind: 'event', id: 3, serverId: 'pbx2', event: f.stasisStart('ari-example2', f.channel('c2')), channelIds: ['c2'] },
  { kind: 'event', id: 4, serverId: 'pbx2', event: f.stateChange('ari-example2', f.channel('c2', { state: 'Up' })), channelIds: ['c2'] },
];
const ids = (filter: Parameters<typeof compileFilter>[0]) => rows.filter(compileFilter<Row>(filter)).map((r) => r.id);

describe('inspector filter', () => {
  it('matches everything when empty', () => assert.deepEqual(ids({}), [1, 2, 3, 4]));
  it('filters by types (any of several)', () => assert.deepEqual(ids({ types: ['StasisStart', 'ApplicationMoveFailed'] }), [1, 2, 3]));
  it('filters by server, application and channel', () => {
    assert.deepEqual(ids({ server: 'pbx2' }), [3, 4]);
    assert.deepEqual(ids({ application: 'ari-example1' }), [1, 2]);
    assert.deepEqual(ids({ channelId: 'c2', types: ['ChannelStateChange'] }), [4]);
  });
  it('searches the values of the payload, case-insensitively, not its field names', () => {
    assert.deepEqual(ids({ text: 'zoË <B>' }), [1]);
    assert.deepEqual(ids({ text: 'nowhere' }), [2]);
    assert.deepEqual(ids({ text: 'destination' }), [], 'a field name is not searched');
  });
  it('keeps only failures when asked', () => assert.deepEqual(ids({ failuresOnly: true }), [2]));
  it('knows which events are failures', () => {
    const dial = (dialstatus: string): Dial => ({ type: 'Dial', application: 'a', timestamp: f.stamp(), peer: f.channel('p'), dialstatus });
    assert.equal(isFailureEvent(dial('BUSY')), true);
    assert.equal(isFailureEvent(dial('ANSWER')), false);
    assert.equal(isFailureEvent(dial('')), false);
    assert.equal(isFailureEvent(f.stasisEnd('a', f.channel('c'))), false);
  });
  it('narrows only when typing on in the search, every other field the same', () => {
    assert.equal(narrows({ text: 'ali' }, { text: 'alice' }), true);
    assert.equal(narrows({ text: 'alice' }, { text: 'ali' }), false);
    assert.equal(narrows({ text: 'ali' }, { text: 'alice', server: 'pbx1' }), false);
    assert.equal(narrows({ types: ['StasisStart'] }, { types: ['StasisEnd'] }), false);
  });
});

describe('inspector JSON tree', () => {
  const payload = { type: 'StasisStart', args: ['some', 'example'], channel: { caller: { name: 'x' } }, 'odd key': null };

  it('lists the top level, containers collapsed', () => {
    const r = jsonTreeRows(payload, new Set());
    assert.deepEqual(r.map((x) => [x.path, x.preview, x.expandable]), [
      ['type', '"StasisStart"', false],
      ['args', '[2]', true],
      ['channel', '{1}', true],
      ['["odd key"]', 'null', false],
    ]);
  });

  it('descends into expanded paths only', () => {
    const r = jsonTreeRows(payload, new Set(['args', 'channel', 'channel.caller']));
    assert.deepEqual(r.map((x) => `${'  '.repeat(x.depth)}${x.path}`), ['type', 'args', '  args[0]', '  args[1]', 'channel', '  channel.caller', '    channel.caller.name', '["odd key"]']);
  });

  it('gives back the value at a path (copy value) and builds paths like JavaScript', () => {
    assert.equal(valueAt(payload, 'channel.caller.name'), 'x');
    assert.equal(valueAt(payload, 'args[1]'), 'example');
    assert.equal(valueAt(payload, '["odd key"]'), null);
    assert.equal(childPath('', 'a-b'), '["a-b"]');
  });
});

describe('NDJSON export and import', () => {
  it('round-trips events and names only the server (its name and id)', () => {
    const recorded = rows.map((r) => ({ serverId: r.serverId, serverName: `name of ${r.serverId}`, receivedAt: 1000 + r.id, event: r.event }));
    const text = toNdjson(recorded);
    assert.equal(text.split('\n').length, 5);
    const back = fromNdjson(text);
    assert.deepEqual(back.skipped, []);
    assert.deepEqual(back.events, recorded);
    assert.deepEqual(back.exchanges, []);
  });

  it('reports each bad line with its number and skips it', () => {
    const good = JSON.stringify({ server: 's', receivedAt: 1, event: f.stateChange('a', f.channel('c')) });
    const text = [good, 'not json', '[1]', '{"event":{"no":"type"}}', '{"type":"FutureEvent","application":"a"}', '', good].join('\n');
    const result = fromNdjson(text);
    assert.equal(result.events.length, 2);
    assert.deepEqual(result.skipped.map((p) => p.line), [2, 3, 4, 5]);
    assert.match(describeProblems(result.skipped, 2), /^line 2: not JSON .*; line 3: not a JSON object; and 2 more$/);
  });

  it('skips an event of a known type whose body Asterisk never sends, saying what is wrong with it', () => {
    const broken: Record<string, unknown> = { ...f.stasisStart('a', f.channel('c')) };
    delete broken.args;
    const result = fromNdjson([JSON.stringify(broken), JSON.stringify(f.stasisStart('a', f.channel('d')))].join('\n'));
    assert.equal(result.events.length, 1);
    assert.deepEqual(result.skipped, [{ line: 1, message: 'a StasisStart that is not as Asterisk sends it: its "args" is not a list of strings' }]);
  });

  it('accepts bare ARI events, as wscat prints them', () => {
    const result = fromNdjson(JSON.stringify(f.stasisStart('a', f.channel('c'))));
    assert.deepEqual([result.events[0].serverId, result.events[0].serverName], ['imported', 'imported']);
    assert.equal(result.events[0].event.type, 'StasisStart');
  });
});

describe('inspector message protocol', () => {
  it('accepts exactly the webview messages of the protocol', () => {
    assert.equal(isWebviewMessage({ type: 'ready' }), true);
    assert.equal(isWebviewMessage({ type: 'live' }), true);
    assert.equal(isWebviewMessage({ type: 'export', filter: { types: ['StasisStart'], failuresOnly: true } }), true);
    assert.equal(isWebviewMessage({ type: 'openJourney', serverId: 'pbx1', channelId: 'c1' }), true);
  });

  it('ignores anything else: unknown types, wrong field types, non-objects', () => {
    for (const bad of [null, 'ready', [], { type: 'eval', code: 'x' }, { type: 'export', filter: { types: 'StasisStart' } }, { type: 'openJourney', serverId: 1, channelId: 'c' }, { type: 'copy' }]) {
      assert.equal(isWebviewMessage(bad), false, JSON.stringify(bad));
    }
  });

  it('checks host messages too', () => {
    assert.equal(isHostMessage({ type: 'rows', rows: [], capacity: 10 }), true);
    assert.equal(isHostMessage({ type: 'rows', rows: [{ id: 1 }], capacity: 10 }), false);
    assert.equal(isHostMessage({ type: 'script', src: 'x' }), false);
    assert.equal(isHostMessage({ type: 'reset', rows: [], capacity: 10, source: 'live' }), true);
    assert.equal(isHostMessage({ type: 'reset', rows: [], capacity: 10 }), false, 'a reset names its source');
  });
});
