// What a session makes of a trace of the user's own app: its events feed the model as that app's
// own, its moves are tracked like ours, its REST failures are explained. The records are what the
// proxy's tap gives (src/proxy/TraceRecord.ts); the session is the real one, never connected.
import assert from 'node:assert/strict';
import type { AriEvent } from '../../src/ari/generated/ariTypes';
import type { SettledMove } from '../../src/model/moves/MoveTracker';
import { ServerSession } from '../../src/model/session/ServerSession';
import type { TracedRestError } from '../../src/model/trace/TraceFeed';
import type { RestExchange, RestStarted, TraceRecord } from '../../src/proxy/TraceRecord';
import * as f from '../support/ariFixtures';

const alice = f.channel('1700000000.1', { name: 'PJSIP/alice-00000001' });

function session(): ServerSession {
  return new ServerSession({ config: { name: 'pbx1', baseUrl: 'http://127.0.0.1:1', username: 'u', password: 'p' }, serverId: 'pbx1-id', apps: [], watch: false });
}

const event = (e: AriEvent, socketId = 1): TraceRecord => ({ kind: 'event', socketId, at: Date.now(), frame: Buffer.from(JSON.stringify(e)) });
const socket = (state: 'opened' | 'closed', apps: string[], socketId = 1): TraceRecord => ({ kind: 'socket', socketId, at: Date.now(), state, apps, subscribeAll: false });
let exchangeId = 0;
function request(method: string, resource: string, query: [string, string][] = []): RestStarted {
  return { kind: 'restStarted', exchangeId: ++exchangeId, at: Date.now(), via: 'http', method, resource, query };
}
function answer(started: RestStarted, status: number, body?: string): RestExchange {
  return { ...started, kind: 'rest', status, durationMs: 1.5, requestHeaders: [], responseHeaders: [], ...(body ? { responseBody: { text: body, bytes: body.length, truncated: false } } : {}) };
}

describe('A trace feeds the session', () => {
  it("reads the traced app's events as that app's own: its channel is in it, known from events, with its args", async () => {
    const s = session();
    s.trace.read([socket('opened', ['billing']), event(f.stasisStart('billing', alice, ['vip', '42']))]);
    assert.equal(s.trace.hears('billing'), true);
    assert.equal(s.ownership.isOwned('billing'), false, 'traced is not ours');
    const view = s.model.channels.get(alice.id);
    assert.equal(view?.stasisApp, 'billing');
    assert.equal(view?.knownFrom, 'events');
    assert.deepEqual(s.journeys.of(alice.id).map((step) => step.kind === 'entered' && [step.app, step.args]), [['billing', ['vip', '42']]]);
    await s.dispose();
  });

  it('tracks a move the traced app asks for; Asterisk refusing it later (ApplicationMoveFailed) settles it failed', async () => {
    const s = session();
    const settled: SettledMove[] = [];
    s.moves.onDidSettle((m) => settled.push(m));
    const move = request('POST', `channels/${alice.id}/move`, [['app', 'queue-2'], ['appArgs', 'a,b']]);
    s.trace.read([socket('opened', ['billing']), event(f.stasisStart('billing', alice)), move]);
    assert.deepEqual(s.moves.pending(alice.id).map((m) => [m.from, m.to, m.args, m.by]), [['billing', 'queue-2', ['a', 'b'], 'tracedApp']]);
    s.trace.read([answer(move, 204), event(f.moveFailed('billing', alice, 'queue-2', ['a', 'b']))]);
    assert.equal(settled.length, 1);
    assert.deepEqual(settled[0].outcome, { kind: 'failed', destination: 'queue-2', args: ['a', 'b'] });
    assert.equal(settled[0].by, 'tracedApp');
    assert.equal(s.trace.exchanges.size, 1, 'the exchange is kept for the inspector');
    assert.deepEqual(s.journeys.of(alice.id).map((step) => step.kind), ['entered', 'moveRequested', 'moveFailed']);
    await s.dispose();
  });

  it('a move between two traced apps settles moved from their own events', async () => {
    const s = session();
    const settled: SettledMove[] = [];
    s.moves.onDidSettle((m) => settled.push(m));
    const move = request('POST', `channels/${alice.id}/move`, [['app', 'queue-2']]);
    s.trace.read([socket('opened', ['billing', 'queue-2']), event(f.stasisStart('billing', alice)), move, answer(move, 204), event(f.stasisEnd('billing', alice)), event(f.stasisStart('queue-2', alice))]);
    assert.deepEqual(settled.map((m) => m.outcome.kind), ['moved']);
    assert.equal(s.model.channels.get(alice.id)?.stasisApp, 'queue-2');
    await s.dispose();
  });

  it('every REST error the traced app gets is explained as ours are: 409 is the race right after originate', async () => {
    const s = session();
    const errors: TracedRestError[] = [];
    s.trace.onRestError((e) => errors.push(e));
    const answerIt = request('POST', `channels/${alice.id}/answer`);
    const ok = request('GET', 'channels');
    s.trace.read([answerIt, answer(answerIt, 409, '{"message":"Channel not in Stasis application"}'), ok, answer(ok, 200, '[]')]);
    assert.equal(errors.length, 1, 'only the failure');
    assert.match(errors[0].message, /^Answer channel "1700000000\.1" failed: channel "1700000000\.1" is not in a Stasis application \(Asterisk: "Channel not in Stasis application"\)\. An originated channel enters its app only when it is answered/);
    await s.dispose();
  });

  it("a move Asterisk refuses at once (404) is rejected, and the traced client's socket closing marks its apps as without a client", async () => {
    const s = session();
    const settled: SettledMove[] = [];
    s.moves.onDidSettle((m) => settled.push(m));
    const move = request('POST', `channels/${alice.id}/move`, [['app', 'queue-2']]);
    s.trace.read([socket('opened', ['billing']), event(f.stasisStart('billing', alice)), move, answer(move, 404, '{"message":"Channel not found"}')]);
    assert.equal(settled[0]?.outcome.kind, 'rejected');
    s.trace.read([socket('closed', ['billing'])]);
    assert.equal(s.trace.hears('billing'), false);
    assert.equal(s.model.applications.get('billing')?.activity?.active, false);
    await s.dispose();
  });

  it('a gap in the trace (its reader fell behind, records were dropped) reads the model again from REST', async () => {
    const s = session();
    let resyncs = 0;
    s.resync = () => (resyncs++, Promise.resolve());
    s.trace.read([socket('opened', ['billing']), event(f.stasisStart('billing', alice))]);
    assert.equal(resyncs, 0);
    s.trace.read([{ kind: 'gap', at: Date.now(), dropped: 120 }]);
    assert.equal(resyncs, 1);
    s.trace.read([{ kind: 'gap', at: Date.now(), dropped: 0, unreadable: 'http' }]);
    assert.equal(resyncs, 1, "an app's HTTP the tap could not read costs the model no event");
    s.trace.read([{ kind: 'gap', at: Date.now(), dropped: 0, unreadable: 'frames' }]);
    assert.equal(resyncs, 2, "a socket's frames it could not read do");
    await s.dispose();
  });

  it("a move whose app and args are in a JSON body (ARI reads those too) is tracked like one in the query", async () => {
    const s = session();
    const move: RestStarted = { ...request('POST', `channels/${alice.id}/move`), requestBody: { text: JSON.stringify({ app: 'queue-2', appArgs: 'a,b' }), bytes: 30, truncated: false, contentType: 'application/json' } };
    s.trace.read([socket('opened', ['billing']), event(f.stasisStart('billing', alice)), move]);
    assert.deepEqual(s.moves.pending(alice.id).map((m) => [m.to, m.args]), [['queue-2', ['a', 'b']]]);
    await s.dispose();
  });

  it('the trace stopping leaves its apps without a client, as far as we know, and its pending moves unknown', async () => {
    const s = session();
    const settled: SettledMove[] = [];
    s.moves.onDidSettle((m) => settled.push(m));
    s.trace.read([socket('opened', ['billing']), event(f.stasisStart('billing', alice)), request('POST', `channels/${alice.id}/move`, [['app', 'queue-2']])]);
    s.trace.stopped();
    assert.equal(s.trace.hears('billing'), false);
    assert.equal(s.model.applications.get('billing')?.activity?.active, false);
    assert.match(s.model.applications.get('billing')?.activity?.because ?? '', /the trace it went through stopped/);
    assert.deepEqual(settled.map((m) => m.outcome.kind), ['unknown']);
    await s.dispose();
  });

  it("a traced subscribeAll socket hears every channel: one outside its app is observed, not put under the app", async () => {
    const s = session();
    const bob = f.channel('1700000000.2', { name: 'PJSIP/bob-00000002' });
    s.trace.read([{ ...socket('opened', ['billing']), subscribeAll: true } as TraceRecord, event(f.stateChange('billing', bob)), event(f.stasisStart('billing', alice))]);
    assert.deepEqual(s.model.channels.of('billing').map((c) => c.id), [alice.id], 'only the channel in its Stasis()');
    await s.dispose();
  });
});
