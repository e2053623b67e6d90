// Links that go quiet without closing: a stall (nothing passes for 30 s) and a half-open
// connection (Asterisk's side is gone, ours never hears). Only our ping can notice
// (docs/ari-behaviour.md#ping); after the reconnect the model must equal what Asterisk says, and
// a move whose outcome was lost must end.
import assert from 'node:assert/strict';
import { sandboxEnv } from '../integration/support/sandbox';
import { closeSessions, uniqueApp } from '../integration/support/sessions';
import { nextMatching } from '../integration/support/waitFor';
import { until } from '../support/until';
import { FaultProxy } from './support/FaultProxy';
import { modelMatchesAsterisk, noDuplicateEvents, noPendingMoves } from './support/invariants';
import { recordLinks, sessionVia } from './support/proxiedSession';

describe('Faults: silent links (TCP fault proxy in front of the real Asterisk)', () => {
  let proxy: FaultProxy;

  beforeEach(async () => {
    proxy = await FaultProxy.start((await sandboxEnv()).url);
  });

  afterEach(async () => {
    await closeSessions();
    await proxy?.close();
  });

  it('the events link stalls silently for 30 s: the default ping notices, the client reconnects, the lost move ends unknown', async function () {
    this.timeout(150_000);
    const a = uniqueApp('stall-a');
    const b = uniqueApp('stall-b');
    // Default ping (10 s) and pong timeout (5 s): this is what users run with.
    const session = await sessionVia(proxy.url, [a, b], { moveTimeoutMs: 120_000, events: { backoff: { initialMs: 1_000, maxMs: 4_000 } } });
    await session.connect();
    const moved = await session.rest.originate({ endpoint: 'Local/100@default', app: a });
    const hungUp = await session.rest.originate({ endpoint: 'Local/100@default', app: a });
    await until(() => session.model.channels.get(moved.id)?.stasisApp === a && session.model.channels.get(hungUp.id)?.stasisApp === a, 'both channels in the app');
    const links = recordLinks(session);
    const states: string[] = [];
    session.onStatus((s) => states.push(s.state === 'reconnecting' ? `reconnecting: ${s.reason}` : s.state));

    const stalledAt = Date.now();
    proxy.stall('websockets');
    // REST still works: the move is accepted, but its StasisEnd/StasisStart are lost in the stall.
    const { outcome } = session.move(moved.id, b, ['during', 'stall']);
    await session.rest.hangup(hungUp.id);
    const entered = await session.rest.originate({ endpoint: 'Local/100@default', app: a, appArgs: ['entered', 'silently'] });

    await until(() => links.some((l) => l.state === 'closed'), 'the dead link to be noticed', 30_000);
    const noticedAfterMs = links.find((l) => l.state === 'closed')!.at - stalledAt;
    const closed = links.find((l) => l.state === 'closed')!;
    assert.match(closed.reason ?? '', /no pong within 5 s/);
    assert.ok(noticedAfterMs <= 16_000, `noticed after ${noticedAfterMs} ms: ping every 10 s + pong within 5 s`);
    const settled = await outcome;
    assert.equal(settled.outcome.kind, 'unknown', JSON.stringify(settled.outcome));
    assert.ok(states.some((s) => /^reconnecting: .*no pong/.test(s)), `states: ${states.join(' | ')}`);

    // Reconnects are tried during the stall (their handshakes time out) and succeed once it ends.
    const wait = 30_000 - (Date.now() - stalledAt);
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const resynced = nextMatching(session.onResync, () => true, 'the resync after the stall', 40_000);
    proxy.forward();
    await resynced;
    await until(() => session.status.state === 'connected', 'connected again', 30_000);
    console.log(`      stall noticed after ${noticedAfterMs} ms; ${proxy.accepted} connections through the proxy; states: ${[...new Set(states)].join(' → ')}`);

    assert.equal(session.model.channels.get(moved.id)?.stasisApp, b, 'the move that happened during the stall is in the model');
    assert.deepEqual(session.model.channels.get(moved.id)?.args, ['during', 'stall'], 'with the args of the move we asked for');
    assert.equal(session.model.channels.get(hungUp.id), undefined, 'the channel hung up during the stall is gone');
    assert.deepEqual(session.model.channels.get(entered.id)?.args, ['entered', 'silently']);
    await modelMatchesAsterisk(session);
    noDuplicateEvents(session);
    noPendingMoves(session);
  });

  it('a half-open connection (Asterisk\'s side gone, ours silent): the ping notices, the client reconnects and resyncs', async function () {
    this.timeout(60_000);
    const app = uniqueApp('halfopen');
    const session = await sessionVia(proxy.url, [app], { events: { backoff: { initialMs: 500, maxMs: 2_000 } } });
    await session.connect();
    const inside = await session.rest.originate({ endpoint: 'Local/100@default', app });
    await until(() => session.model.channels.get(inside.id)?.stasisApp === app, 'the channel in the app');
    const links = recordLinks(session);
    const resynced = nextMatching(session.onResync, () => true, 'the resync after the reconnect', 40_000);
    const cutAt = Date.now();
    proxy.halfOpen('websockets');
    await resynced;
    const closed = links.find((l) => l.state === 'closed');
    assert.match(closed?.reason ?? '', /no pong/);
    console.log(`      half-open noticed after ${closed!.at - cutAt} ms`);
    assert.equal(session.model.channels.get(inside.id)?.stasisApp, app);
    // The app's socket and the watcher's both went half-open; each comes back on its own ping.
    await until(() => session.status.state === 'connected', 'every socket back', 20_000);
    await modelMatchesAsterisk(session);
    noDuplicateEvents(session);
    noPendingMoves(session);
  });
});
