// The console's controller with a stand-in server: what it sends, refuses, asks, keeps and tells the page.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Emitter } from '../../src/ari/Emitter';
import type { OperationRequest } from '../../src/ari/operationRequest';
import type { RawAnswer } from '../../src/ari/AriRestClient';
import { readBundledSpec } from '../../src/ari/spec/loadAriCatalogue';
import { readAriSpec } from '../../src/ari/spec/readAriSpec';
import type { AriCatalogue } from '../../src/ari/spec/AriCatalogue';
import { ConsoleController, type ConsoleHost } from '../../src/console/ConsoleController';
import { ConsoleHistory } from '../../src/console/ConsoleHistory';
import type { ConsoleHostMessage } from '../../src/console/protocol';
import { LoggedEvent } from '../../src/model/EventLog';
import { ServerModel } from '../../src/model/ServerModel';
import type { AriEvent } from '../../src/ari/generated/ariTypes';
import { FakeClock } from '../support/FakeClock';
import { ROOT } from './ariSpecFixture';

let catalogue: AriCatalogue;

class Fixture {
  readonly sent: OperationRequest[] = [];
  readonly posted: ConsoleHostMessage[] = [];
  readonly asked: string[] = [];
  readonly copied: string[] = [];
  readonly events = new Emitter<LoggedEvent>();
  readonly storage = new Map<string, unknown>();
  readonly clock = new FakeClock();
  confirmWith = true;
  /** The answer for each request; by default 404 to the write probe, 204 otherwise. */
  answer: (r: OperationRequest) => Partial<RawAnswer> = (r) => (r.resource.includes('write-probe') ? { status: 404, text: '{"message":"Channel not found"}' } : { status: 204, text: '' });
  readonly history = new ConsoleHistory({ get: (k) => this.storage.get(k), update: async (k, v) => void this.storage.set(k, v) }, 'pbx1');
  readonly controller: ConsoleController;

  constructor(readOnly = false, served: AriCatalogue = catalogue, version = '22.10.1') {
    if (readOnly) this.answer = (r) => (r.method === 'GET' ? { status: 200, text: '[]' } : { status: 403, text: '{"message":"Write access denied"}' });
    const host: ConsoleHost = {
      post: (m) => void this.posted.push(m),
      confirm: async (message) => (this.asked.push(message), this.confirmWith),
      copy: async (text) => void this.copied.push(text),
      saveHttp: async () => undefined,
      openInspector: () => undefined,
    };
    const rest = {
      send: async (request: OperationRequest): Promise<RawAnswer> => {
        this.sent.push(request);
        return { status: 200, statusMessage: '', headers: {}, text: '', durationMs: 1, ...this.answer(request) };
      },
    };
    const model = new ServerModel({ isOwned: () => false, owned: [], onDidChange: () => ({ dispose: () => undefined }) });
    this.controller = new ConsoleController(
      { id: 'pbx1', name: 'pbx1', rest, clock: this.clock, model, target: { baseUrl: 'http://127.0.0.1:8088', username: 'asterisk' }, asteriskVersion: version, onEvent: this.events.event, sendOnEventsSocket: () => false },
      Promise.resolve(served),
      this.history,
      host,
      () => [{ id: 'pbx1', name: 'pbx1' }],
    );
  }

  of<T extends ConsoleHostMessage['type']>(type: T): Extract<ConsoleHostMessage, { type: T }>[] {
    return this.posted.filter((m): m is Extract<ConsoleHostMessage, { type: T }> => m.type === type);
  }

  /** The requests sent other than the console's own reads (the probe, sounds, stored recordings). */
  get asked4(): string[] {
    return this.sent.filter((r) => !r.resource.includes('write-probe') && r.resource !== 'sounds' && r.resource !== 'recordings/stored').map((r) => `${r.method} ${r.resource}?${r.query}`);
  }
}

describe('console controller', () => {
  before(async () => {
    const { resources, files } = await readBundledSpec(path.join(ROOT, 'spec', 'ari', 'api-docs'));
    catalogue = readAriSpec(resources, files, 'bundled');
  });

  it('tells the page the server, the catalogue and its history, and probes write access without changing anything', async () => {
    const f = new Fixture();
    await f.controller.start();
    assert.equal(f.of('catalogue')[0].catalogue.operations.length, 109);
    assert.equal(f.of('catalogue')[0].catalogue.source, 'bundled');
    const probe = f.sent.find((r) => r.resource.includes('write-probe'));
    assert.equal(probe?.method, 'POST');
    assert.match(probe?.resource ?? '', /^channels\/stasis-explorer-write-probe-[a-z0-9]+\/answer$/);
    assert.equal(f.of('server').at(-1)?.server.readOnly, false);
    assert.equal(f.of('server').at(-1)?.server.overWebSocket.possible, true);
    assert.deepEqual(f.of('server').at(-1)?.snippets.map((s) => s.id), ['curl', 'ariClient', 'python', 'fetch', 'wsFrame']);
  });

  it('sends what the form says, answers the page, and keeps it in the history', async () => {
    const f = new Fixture();
    await f.controller.start();
    await f.controller.receive({ type: 'send', operationId: 'channels.move', inputs: { channelId: 'c1', app: 'billing', appArgs: 'x' }, via: 'http' });
    assert.deepEqual(f.asked4, ['POST channels/c1/move?app=billing&appArgs=x']);
    const answer = f.of('answer')[0].answer;
    assert.equal(answer.status, 204);
    assert.equal(answer.explanation, undefined);
    assert.deepEqual(f.of('history').at(-1)?.entries.map((e) => [e.operationId, e.status, e.via, e.params]), [['channels.move', 204, 'http', { channelId: 'c1', app: 'billing', appArgs: 'x' }]]);
  });

  it('says which field is wrong and sends nothing', async () => {
    const f = new Fixture();
    await f.controller.start();
    await f.controller.receive({ type: 'send', operationId: 'channels.move', inputs: { channelId: 'c1' }, via: 'http' });
    assert.deepEqual(f.asked4, []);
    assert.deepEqual(f.of('failed')[0], { type: 'failed', field: 'app', message: 'channels.move needs "app" (query, a string): the channel will be passed to this Stasis application.' });
    await f.controller.receive({ type: 'draft', seq: 7, operationId: 'channels.move', inputs: { channelId: 'c 1', app: 'b' } });
    assert.deepEqual(f.of('reading')[0], { type: 'reading', seq: 7, uri: '/ari/channels/c%201/move?app=b' });
  });

  it('tells the page the live ids again as the user types, at most once a second', async () => {
    const f = new Fixture();
    await f.controller.start();
    const before = f.of('completions').length;
    f.clock.advance(5_000);
    for (let i = 0; i < 5; i++) await f.controller.receive({ type: 'draft', seq: i, operationId: 'channels.move', inputs: {} });
    assert.equal(f.of('completions').length, before + 1);
    f.clock.advance(1_000);
    await f.controller.receive({ type: 'draft', seq: 9, operationId: 'channels.move', inputs: {} });
    assert.equal(f.of('completions').length, before + 2);
  });

  it('asks before a DELETE, and sends nothing when the answer is no', async () => {
    const f = new Fixture();
    await f.controller.start();
    f.confirmWith = false;
    await f.controller.receive({ type: 'send', operationId: 'channels.hangup', inputs: { channelId: 'c1' }, via: 'http' });
    assert.equal(f.asked.length, 1);
    assert.match(f.asked[0], /^DELETE \/ari\/channels\/c1 on pbx1: Delete \(i\.e\. hangup\) a channel\. Send it\?$/);
    assert.deepEqual(f.asked4, []);
    f.confirmWith = true;
    await f.controller.receive({ type: 'send', operationId: 'channels.hangup', inputs: { channelId: 'c1' }, via: 'http' });
    assert.deepEqual(f.asked4, ['DELETE channels/c1?']);
    await f.controller.receive({ type: 'send', operationId: 'channels.answer', inputs: { channelId: 'c1' }, via: 'http' });
    assert.equal(f.asked.length, 2, 'an answer is not asked about');
  });

  it('in a read-only session, sends no write at all and says why; a GET still goes', async () => {
    const f = new Fixture(true);
    await f.controller.start();
    assert.equal(f.of('server').at(-1)?.server.readOnly, true);
    await f.controller.receive({ type: 'send', operationId: 'channels.hangup', inputs: { channelId: 'c1' }, via: 'http' });
    await f.controller.receive({ type: 'send', operationId: 'channels.answer', inputs: { channelId: 'c1' }, via: 'http' });
    assert.deepEqual(f.asked, [], 'not even asked');
    assert.deepEqual(f.asked4, []);
    assert.match(f.of('failed')[0].message, /^Not sent: the ARI user "asterisk" on pbx1 is read-only \(read_only=yes in ari\.conf\)/);
    await f.controller.receive({ type: 'send', operationId: 'channels.list', inputs: {}, via: 'http' });
    assert.deepEqual(f.asked4, ['GET channels?']);
  });

  it('explains a 403 it did not expect and takes the session as read-only from then on', async () => {
    const f = new Fixture();
    await f.controller.start();
    f.answer = () => ({ status: 403, statusMessage: 'Forbidden', text: '{"message":"Write access denied"}' });
    await f.controller.receive({ type: 'send', operationId: 'channels.answer', inputs: { channelId: 'c1' }, via: 'http' });
    assert.match(f.of('answer')[0].answer.explanation?.explanation ?? '', /read-only \(read_only=yes in ari\.conf\)/);
    assert.equal(f.of('server').at(-1)?.server.readOnly, true);
  });

  it('links the events the request caused, those before the answer too', async () => {
    const f = new Fixture();
    await f.controller.start();
    const fire = (id: number, e: Record<string, unknown>) => f.events.fire(new LoggedEvent(id, id, 'pbx1', e as unknown as AriEvent, undefined));
    f.answer = (r) => {
      if (!r.resource.endsWith('/move')) return { status: 200, text: '[]' };
      fire(1, { type: 'StasisEnd', application: 'a', channel: { id: 'c1' } });
      fire(2, { type: 'StasisStart', application: 'other', channel: { id: 'c9' } });
      return { status: 204, text: '' };
    };
    await f.controller.receive({ type: 'send', operationId: 'channels.move', inputs: { channelId: 'c1', app: 'billing' }, via: 'http' });
    fire(3, { type: 'StasisStart', application: 'billing', channel: { id: 'c1' }, args: [] });
    assert.deepEqual(f.of('caused').map((m) => [m.caused.logId, m.caused.type, m.caused.application, m.caused.channelId]), [[1, 'StasisEnd', 'a', 'c1'], [3, 'StasisStart', 'billing', 'c1']]);
  });

  it('copies a request as each format, shows it, and re-runs or edits history entries', async () => {
    const f = new Fixture();
    await f.controller.start();
    await f.controller.receive({ type: 'copyAs', operationId: 'channels.move', inputs: { channelId: 'c1', app: 'billing' }, format: 'curl' });
    assert.equal(f.copied.length, 1);
    assert.match(f.copied[0], /curl .*-u 'asterisk'/s);
    assert.equal(f.of('snippet')[0].text, f.copied[0]);
    await f.controller.receive({ type: 'send', operationId: 'asterisk.getInfo', inputs: { only: ['build'] }, via: 'http' });
    const entry = f.history.entries[0];
    await f.controller.receive({ type: 'historyAction', action: 'edit', id: entry.id });
    assert.deepEqual(f.of('open').at(-1), { type: 'open', operationId: 'asterisk.getInfo', inputs: { only: ['build'] } });
    await f.controller.receive({ type: 'historyAction', action: 'rerun', id: entry.id });
    assert.deepEqual(f.asked4, ['GET asterisk/info?only=build', 'GET asterisk/info?only=build']);
    await f.controller.receive({ type: 'historyAction', action: 'pin', id: entry.id });
    assert.equal(f.history.get(entry.id)?.pinned, true);
  });

  it('opens a request seen in a .http file: matched against the server\'s own spec, its inputs read from the wire, and sends it', async () => {
    const f = new Fixture();
    await f.controller.start();
    const shown = await f.controller.open({ wire: { method: 'POST', resource: 'channels/c1/play', query: [['media', 'sound:a,sound:b']] }, sendNow: true });
    assert.equal(shown, 'channels.play');
    assert.deepEqual(f.of('open').at(-1)?.inputs, { channelId: 'c1', media: ['sound:a', 'sound:b'] });
    assert.deepEqual(f.asked4, ['POST channels/c1/play?media=sound%3Aa%2Csound%3Ab']);
    assert.equal(await f.controller.open({ wire: { method: 'POST', resource: 'channels/c1/fly', query: [] } }), undefined);
    assert.equal(f.of('failed').at(-1)?.message, "POST /ari/channels/c1/fly is no operation of pbx1's spec. Check the method and the path.");
  });

  it('an operation only a newer server has is listed, built and matched like any other', async () => {
    const newer: AriCatalogue = { ...catalogue, source: 'server', operations: [...catalogue.operations, { id: 'channels.fly', resource: 'channels', method: 'POST', path: '/channels/{channelId}/fly', summary: 'Fly.', responseClass: 'void', errorResponses: [], parameters: [{ name: 'channelId', in: 'path', type: 'string', required: true, allowMultiple: false, description: '' }, { name: 'height', in: 'query', type: 'float128', required: false, allowMultiple: false, description: 'How high.' }] }] };
    const f = new Fixture(false, newer);
    await f.controller.start();
    assert.equal(f.of('catalogue')[0].catalogue.operations.length, 110);
    assert.equal(await f.controller.open({ wire: { method: 'POST', resource: 'channels/c1/fly', query: [['height', '3.5']] }, sendNow: true }), 'channels.fly');
    assert.deepEqual(f.asked4, ['POST channels/c1/fly?height=3.5']);
  });

  it('keeps no password in the history, and a re-run of such an entry asks for it again instead of sending', async () => {
    const f = new Fixture();
    await f.controller.start();
    await f.controller.receive({ type: 'send', operationId: 'asterisk.updateObject', inputs: { configClass: 'res_pjsip', objectType: 'auth', id: 'a1', fields: '[{"attribute":"password","value":"s3cret-word"},{"attribute":"username","value":"alice"}]' }, via: 'http' });
    assert.equal(f.sent.filter((r) => r.resource.startsWith('asterisk/config')).length, 1);
    assert.ok(!JSON.stringify([...f.storage.values()]).includes('s3cret-word'), 'the password is not stored');
    const entry = f.history.entries[0];
    assert.equal(entry.redacted, true);
    assert.deepEqual(entry.params.fields, [{ attribute: 'password', value: '' }, { attribute: 'username', value: 'alice' }]);
    await f.controller.receive({ type: 'historyAction', action: 'rerun', id: entry.id });
    assert.equal(f.sent.filter((r) => r.resource.startsWith('asterisk/config')).length, 1, 'not sent again');
    assert.match(f.of('failed').at(-1)?.message ?? '', /held a password or secret, which the history does not keep: type it again/);
  });

  it('sends over WebSocket only to an Asterisk that reads it, and says so otherwise', async () => {
    const f = new Fixture(false, catalogue, '22.3.0');
    await f.controller.start();
    await f.controller.receive({ type: 'send', operationId: 'channels.list', inputs: {}, via: 'websocket' });
    assert.match(f.of('failed').at(-1)?.message ?? '', /^Not sent: Asterisk 22\.3\.0 reads no REST requests on the events socket/);
  });
});
