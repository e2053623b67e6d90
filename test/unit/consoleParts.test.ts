// The console's parts that need no server: history, caused events, REST over the socket, and the small rules.
import assert from 'node:assert/strict';
import { Emitter } from '../../src/ari/Emitter';
import type { AriEvent } from '../../src/ari/generated/ariTypes';
import type { CatalogueOperation } from '../../src/ari/spec/AriCatalogue';
import { CausedEvents, type CausedEvent } from '../../src/console/CausedEvents';
import { ConsoleHistory, HISTORY_LIMIT, PINNED_LIMIT } from '../../src/console/ConsoleHistory';
import { isDestructive } from '../../src/console/destructive';
import { explainAnswer } from '../../src/console/explainAnswer';
import { overWebSocket } from '../../src/console/overWebSocket';
import { RestOverSocket } from '../../src/console/RestOverSocket';
import { wireInputs } from '../../src/console/wireInputs';
import { FakeClock } from '../support/FakeClock';

class MemoryStorage {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return this.values.get(key);
  }
  update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
    return Promise.resolve();
  }
}

const channel = (id: string) => ({ id, name: `PJSIP/${id}` });
const event = (type: string, fields: Record<string, unknown>) => ({ type, application: 'a', timestamp: '', ...fields }) as unknown as AriEvent;

describe('console history', () => {
  it('keeps the newest requests per server, pinned first, bounded, without credentials, across restarts', async () => {
    const storage = new MemoryStorage();
    const history = new ConsoleHistory(storage, 'pbx1');
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) await history.add({ operationId: 'asterisk.getInfo', params: { only: [`n${i}`] } }, { at: i, via: 'http', status: 200, durationMs: 1.234 });
    assert.equal(history.entries.length, HISTORY_LIMIT);
    assert.deepEqual(history.entries[0].params, { only: [`n${HISTORY_LIMIT + 4}`] });
    assert.equal(history.entries[0].durationMs, 1.2);
    const oldest = history.entries[HISTORY_LIMIT - 1];
    await history.pin(oldest.id, true);
    await history.add({ operationId: 'channels.list', params: {} }, { at: 1e6, via: 'websocket' });
    assert.equal(history.entries[0].id, oldest.id, 'pinned first');
    assert.ok(history.get(oldest.id), 'a pinned entry is not dropped by the bound');
    const again = new ConsoleHistory(storage, 'pbx1');
    assert.deepEqual(again.entries, history.entries);
    assert.equal(new ConsoleHistory(storage, 'pbx2').entries.length, 0, 'per server');
    await again.clear();
    assert.deepEqual(again.entries.map((e) => e.id), [oldest.id], 'clear keeps what is pinned');
    await again.remove(oldest.id);
    assert.equal(again.entries.length, 0);
  });

  it('empties credentials before keeping a request: config fields and variables named like one', async () => {
    const storage = new MemoryStorage();
    const history = new ConsoleHistory(storage, 's');
    await history.add({ operationId: 'channels.setChannelVars', params: { channelId: 'c1', variables: { SIP_PASSWORD: 'p1', CALLERID: 'x', API_TOKEN: 't1' } } }, { at: 1, via: 'http' });
    await history.add({ operationId: 'channels.move', params: { channelId: 'c1', app: 'a' } }, { at: 2, via: 'http' });
    const stored = JSON.stringify(storage.values.get('stasisExplorer.console.history.s'));
    for (const secret of ['p1', 't1']) assert.ok(!stored.includes(`"${secret}"`), secret);
    assert.deepEqual(history.entries.map((e) => [e.operationId, e.redacted]), [['channels.move', undefined], ['channels.setChannelVars', true]]);
    assert.deepEqual(history.entries[1].params.variables, { SIP_PASSWORD: '', CALLERID: 'x', API_TOKEN: '' });
  });

  it('refuses to pin beyond the limit with what to do, and reads a damaged store entry by entry', async () => {
    const storage = new MemoryStorage();
    const history = new ConsoleHistory(storage, 's');
    for (let i = 0; i <= PINNED_LIMIT; i++) await history.add({ operationId: 'x.y', params: {} }, { at: i, via: 'http' });
    for (const e of history.entries.slice(0, PINNED_LIMIT)) await history.pin(e.id, true);
    await assert.rejects(history.pin(history.entries[PINNED_LIMIT].id, true), /100 requests are pinned already: unpin one first/);
    storage.values.set('stasisExplorer.console.history.d', [{ id: 1, at: 1, operationId: 'a.b', params: {}, via: 'http', pinned: false }, { id: 'x' }, null, { id: 2, at: 2, operationId: 'a.c', params: [], via: 'http', pinned: false }]);
    assert.deepEqual(new ConsoleHistory(storage, 'd').entries.map((e) => e.id), [1]);
    storage.values.set('stasisExplorer.console.history.e', 'garbage');
    assert.equal(new ConsoleHistory(storage, 'e').entries.length, 0);
  });
});

describe('events a console request caused', () => {
  it('links events naming its channel, holds those that come before the answer, and adds the ids the answer made', () => {
    const linked: CausedEvent[] = [];
    const caused = new CausedEvents({ channelId: 'c1', app: 'billing' }, (e) => linked.push(e));
    caused.seen(1, 10, event('StasisStart', { channel: channel('c1') }));
    caused.seen(2, 11, event('StasisStart', { channel: channel('other') }));
    caused.seen(3, 12, event('RESTResponse', { request_id: 'r' }));
    assert.equal(linked.length, 0, 'nothing before the answer');
    caused.answer({ id: 'b9' });
    assert.deepEqual(linked.map((e) => e.logId), [1]);
    caused.seen(4, 13, event('ChannelEnteredBridge', { channel: channel('x'), bridge: { id: 'b9' } }));
    caused.seen(5, 14, event('StasisEnd', { channel: channel('c1') }));
    caused.seen(6, 15, event('PlaybackStarted', { playback: { id: 'p1' } }));
    assert.deepEqual(linked.map((e) => [e.logId, e.type]), [[1, 'StasisStart'], [4, 'ChannelEnteredBridge'], [5, 'StasisEnd']]);
  });

  it('links a new playback by the id the answer gave, and a recording by its name', () => {
    const linked: number[] = [];
    const caused = new CausedEvents({ channelId: 'c2', media: ['sound:x'] }, (e) => linked.push(e.logId));
    caused.answer({ id: 'pb1', target_uri: 'channel:c2' });
    caused.seen(1, 1, event('PlaybackStarted', { playback: { id: 'pb1' } }));
    caused.seen(2, 2, event('RecordingStarted', { recording: { name: 'pb1' } }));
    caused.seen(3, 3, event('PlaybackStarted', { playback: { id: 'pb2' } }));
    assert.deepEqual(linked, [1, 2]);
  });
});

describe('REST over the events socket', () => {
  function side() {
    const events = new Emitter<AriEvent>();
    const sent: string[] = [];
    let open = true;
    return { events, sent, close: () => (open = false), side: { send: (text: string) => open && sent.push(text) > 0, onEvent: events.event } };
  }

  it('pairs the RESTResponse with the same request_id and gives its message_body as text', async () => {
    const s = side();
    const socket = new RestOverSocket(s.side, new FakeClock(), 'pbx1');
    const id = socket.newRequestId();
    const answer = socket.send({ request_id: id });
    assert.deepEqual(JSON.parse(s.sent[0]), { request_id: id });
    s.events.fire(event('RESTResponse', { request_id: 'someone-else', status_code: 500, reason_phrase: 'x', uri: '' }));
    s.events.fire(event('RESTResponse', { request_id: id, status_code: 200, reason_phrase: 'OK', uri: 'asterisk/info', content_type: 'application/json', message_body: '{"a":1}' }));
    const got = await answer;
    assert.equal(got.status, 200);
    assert.equal(got.reason, 'OK');
    assert.equal(got.text, '{"a":1}');
    assert.equal(got.contentType, 'application/json');
  });

  it('says what to do when no socket is open, and when Asterisk never answers (older than 22.4)', async () => {
    const s = side();
    const clock = new FakeClock();
    const socket = new RestOverSocket(s.side, clock, 'pbx1', 5000);
    const late = socket.send({ request_id: 'r1' });
    clock.advance(5000);
    await assert.rejects(late, /No RESTResponse from pbx1 within 5 s\. REST over WebSocket needs Asterisk 20\.14, 21\.9, 22\.4 or newer/);
    s.close();
    await assert.rejects(socket.send({ request_id: 'r2' }), /None of Stasis Explorer's events sockets to pbx1 is open, so the request was not sent/);
  });

  it('is offered from the versions that have it', () => {
    assert.deepEqual(['22.10.1', '22.4.0', '22.3.0', '21.9.0', '21.8.2', '20.14.0', '20.13.1', '23.0.0', '18.26.0', 'GIT-master-abc', undefined].map((v) => overWebSocket(v).possible), [true, true, false, true, false, true, false, true, false, true, true]);
    assert.match(overWebSocket('22.3.0').why, /came in 20\.14, 21\.9, 22\.4 and 23/);
  });
});

describe('console rules', () => {
  const op = (id: string, method: CatalogueOperation['method'], errorResponses: CatalogueOperation['errorResponses'] = []): CatalogueOperation => ({ id, resource: id.split('.')[0], method, path: '/channels/{channelId}', summary: 's', responseClass: 'void', errorResponses, parameters: [{ name: 'channelId', in: 'path', type: 'string', required: true, allowMultiple: false, description: '' }] });

  it('asks before every DELETE and a module reload, not before other writes', () => {
    assert.deepEqual([op('channels.hangup', 'DELETE'), op('asterisk.reloadModule', 'PUT'), op('asterisk.unloadModule', 'DELETE'), op('channels.answer', 'POST'), op('asterisk.getInfo', 'GET')].map(isDestructive), [true, true, true, false, false]);
  });

  it('explains an error answer with the spec\'s reason and ours, and tells a read-only user\'s 403', () => {
    const hangup = op('channels.hangup', 'DELETE', [{ code: 404, reason: 'Channel not found' }]);
    assert.equal(explainAnswer(hangup, { channelId: 'c1' }, 204, '', 'pbx1'), undefined);
    assert.deepEqual(explainAnswer(hangup, { channelId: 'c1' }, 404, '{"message":"Channel not found"}', 'pbx1'), {
      specReason: 'Channel not found',
      explanation: 'Channel "c1" no longer exists on pbx1: it hung up or never existed (Asterisk: "Channel not found"). Refresh the view if it still lists it.',
      readOnlyUser: false,
    });
    const denied = explainAnswer(hangup, { channelId: 'c1' }, 403, '{"message":"Write access denied"}', 'pbx1');
    assert.equal(denied?.readOnlyUser, true);
    assert.match(denied?.explanation ?? '', /read-only \(read_only=yes in ari\.conf\)/);
    assert.equal(denied?.specReason, undefined);
    assert.match(explainAnswer(hangup, {}, 404, '<html>', 'pbx1')?.explanation ?? '', /has no ARI at this address/);
  });

  it('reads a request seen on the wire back into form inputs: lists split, escapes undone, bodies unwrapped', () => {
    const play: CatalogueOperation = { ...op('channels.play', 'POST'), parameters: [{ name: 'channelId', in: 'path', type: 'string', required: true, allowMultiple: false, description: '' }, { name: 'media', in: 'query', type: 'string', required: true, allowMultiple: true, description: '' }] };
    assert.deepEqual(wireInputs(play, { channelId: 'c1', media: 'sound:a,sound:b\\,c' }, undefined), { channelId: 'c1', media: ['sound:a', 'sound:b,c'] });
    const vars: CatalogueOperation = { ...op('channels.setChannelVars', 'POST'), parameters: [{ name: 'variables', in: 'body', type: 'containers', required: true, allowMultiple: false, description: '' }] };
    assert.deepEqual(wireInputs(vars, {}, { variables: { A: '1' } }), { variables: '{\n  "A": "1"\n}' });
    const bridge: CatalogueOperation = { ...op('bridges.create', 'POST'), parameters: [{ name: 'variables', in: 'body', type: 'containers', required: false, allowMultiple: false, description: '' }] };
    assert.deepEqual(wireInputs(bridge, {}, { S: '1', T: '2' }), { variables: '{\n  "S": "1",\n  "T": "2"\n}' });
  });
});
