// Watching the apps of a user's own ARI client on the real Asterisk, without taking any over
// (docs/ari-behaviour.md#watching). The user's client is UserAriApp: plain ws + fetch.
import assert from 'node:assert/strict';
import type { Application, Channel, StasisStart } from '../../src/ari/generated/ariTypes';
import type { ServerSession } from '../../src/model/session/ServerSession';
import { isWatcherApp } from '../../src/model/watch/watcherAppName';
import { until } from '../support/until';
import { placeCall, sandboxEnv } from './support/sandbox';
import { closeSessions, sandboxSession } from './support/sessions';
import { CommandHarness } from '../support/commandHarness';
import { UserAriApp } from './support/UserAriApp';

// The sandbox's SIP endpoints alice and bob land in these (context stasis-<app>).
const BILLING = 'ari-example1';
const SUPPORT = 'ari-example2';

const users: UserAriApp[] = [];

async function userApp(apps: string[]): Promise<UserAriApp> {
  const user = await UserAriApp.start(await sandboxEnv(), apps);
  users.push(user);
  return user;
}

/** Where the user's own events put the channel now (its StasisStart not yet followed by a StasisEnd). */
function userPlace(user: UserAriApp, channelId: string): string | undefined {
  let app: string | undefined;
  for (const e of user.events) {
    if (e.type === 'StasisStart' && e.channel.id === channelId) app = e.application;
    if (e.type === 'StasisEnd' && e.channel.id === channelId && app === e.application) app = undefined;
  }
  return app;
}

/** The model against REST and the user's own view: the same apps, the same channels, each where the user's app has it. */
async function assertModelMatches(session: ServerSession, user: UserAriApp): Promise<void> {
  const [applications, channels] = await Promise.all([session.rest.call('applications.list', {}), session.rest.call('channels.list', {})]);
  const apps = (applications as Application[]).map((a) => a.name).filter((n) => !isWatcherApp(n)).sort();
  assert.deepEqual(session.model.applications.all.map((a) => a.name).sort(), apps, 'the apps Asterisk lists');
  assert.deepEqual([...session.model.channels.all].map((c) => c.id).sort(), (channels as Channel[]).map((c) => c.id).sort(), 'the channels Asterisk lists');
  for (const channel of channels as Channel[]) {
    assert.equal(session.model.channels.get(channel.id)?.stasisApp, userPlace(user, channel.id), `where ${channel.name} is`);
  }
}

describe('Watching every app on a real Asterisk', function () {
  this.timeout(60_000);
  afterEach(async () => {
    for (const user of users.splice(0)) {
      for (const app of user.apps) {
        const listed = await user.rest<Application>('GET', `/applications/${app}`).catch(() => undefined);
        for (const id of listed?.channel_ids ?? []) await user.hangup(id).catch(() => undefined);
      }
      await user.close();
    }
    await closeSessions();
  });

  it('shows the calls in another client\'s two apps within 1 s, its move within 1.5 s and hang-ups at once, and never disturbs it', async () => {
    const user = await userApp([BILLING, SUPPORT]);
    const session = await sandboxSession([]);
    await session.connect();
    assert.deepEqual(session.ownership.owned, [], 'Stasis Explorer registered none of the user\'s apps');

    // A SIP call into billing.
    const sipEntered = user.next((e) => e.type === 'StasisStart' && e.application === BILLING, 'StasisStart of the SIP call');
    const call = placeCall({ to: 'alice', hold: 30, timeout: 40 });
    const sip = ((await sipEntered) as StasisStart).channel.id;
    await until(() => session.model.channels.get(sip)?.stasisApp === BILLING, 'the SIP call in billing', 1_000);

    // An originate into support.
    const origEntered = user.next((e) => e.type === 'StasisStart' && e.application === SUPPORT, 'StasisStart of the originate');
    const orig = (await user.originate(SUPPORT, `watch-orig-${process.pid}`, 'x,y')).id;
    await origEntered;
    await until(() => session.model.channels.get(orig)?.stasisApp === SUPPORT, 'the originated call in support', 1_000);
    assert.deepEqual(session.model.channels.get(orig)?.args, ['x', 'y'], 'the args, from the Stasis() it entered');
    await assertModelMatches(session, user);

    // The user's client moves the SIP call; Asterisk tells no one but the owner.
    const moved = user.next((e) => e.type === 'StasisStart' && e.application === SUPPORT && e.channel.id === sip, 'StasisStart of the move');
    await user.move(sip, SUPPORT, 'from-billing');
    // From the 204: Asterisk may not have moved it yet, and tells no one but its owner when it has.
    const movedAt = Date.now();
    await until(() => session.model.channels.get(sip)?.stasisApp === SUPPORT, 'the move shown', 1_500);
    const moveShownMs = Date.now() - movedAt;
    await moved;
    assert.equal(session.model.channels.get(sip)?.knownFrom, 'listing', 'it says the listing told it');
    await assertModelMatches(session, user);

    // Hang-ups show at once: the watcher hears every channel's ChannelDestroyed.
    for (const id of [sip, orig]) {
      await user.hangup(id);
      await until(() => session.model.channels.get(id) === undefined, `${id} gone`, 500);
    }
    await call.done;
    await assertModelMatches(session, user);

    assert.equal(user.events.filter((e) => e.type === 'ApplicationReplaced').length, 0, 'the user\'s apps were never taken over');
    assert.equal(user.closedUnasked, 0);
    // Every Stasis event of the SIP call reached the user's app (a move's two halves in either order).
    const sipEvents = user.stasisEvents(sip);
    assert.equal(sipEvents.length, 4, sipEvents.join(' '));
    assert.equal(sipEvents[0], `StasisStart(${BILLING})`);
    assert.deepEqual(sipEvents.slice(1, 3).sort(), [`StasisEnd(${BILLING})`, `StasisStart(${SUPPORT})`].sort());
    assert.equal(sipEvents[3], `StasisEnd(${SUPPORT})`);
    assert.deepEqual(user.stasisEvents(orig), [`StasisStart(${SUPPORT})`, `StasisEnd(${SUPPORT})`]);
    console.log(`      move shown ${moveShownMs} ms after its 204; ${session.watcher!.listing.reads} listing reads`);
  });

  it('two sessions (two windows) watching one server each see the calls and never disturb each other', async () => {
    const user = await userApp([BILLING]);
    const one = await sandboxSession([]);
    const two = await sandboxSession([]);
    const problems: string[] = [];
    for (const s of [one, two]) s.onProblem((p) => problems.push(p.message));
    await one.connect();
    await two.connect();
    assert.notEqual(one.watcher!.appName, two.watcher!.appName);
    const id = (await user.originate(BILLING, `watch-two-${process.pid}`)).id;
    await until(() => one.model.channels.get(id)?.stasisApp === BILLING && two.model.channels.get(id)?.stasisApp === BILLING, 'both windows show the call', 1_000);
    const listed = (await one.rest.call('applications.list', {})).map((a) => a.name);
    assert.ok(listed.includes(one.watcher!.appName) && listed.includes(two.watcher!.appName), 'both watchers are registered at once');
    for (const s of [one, two]) {
      const shown = s.model.applications.all.map((a) => a.name);
      assert.ok(shown.includes(BILLING) && !shown.some(isWatcherApp), `neither shows a watcher as an app: ${shown.join(', ')}`);
    }
    await user.hangup(id);
    await until(() => !one.model.channels.get(id) && !two.model.channels.get(id), 'gone in both', 1_000);
    assert.deepEqual(problems, []);
    assert.equal(user.events.filter((e) => e.type === 'ApplicationReplaced').length, 0);
  });

  it('the user\'s client goes away with calls inside: the app stays with its calls, is marked inactive once a call cannot enter it, and its calls can be cleared', async () => {
    const user = await userApp([BILLING]);
    const h = new CommandHarness();
    try {
      const env = await sandboxEnv();
      const added = await h.run<{ id: string }>('addServer', { name: 'sandbox', url: env.url, username: env.username, password: env.password, apps: [] });
      assert.ok(added?.ok, JSON.stringify(h.ui.shown));
      await until(() => h.manager.server(added.value.id)?.session?.status.state === 'connected', 'connected');
      const session = h.manager.server(added.value.id)!.session!;
      const ids = [`watch-gone-${process.pid}-1`, `watch-gone-${process.pid}-2`];
      for (const id of ids) await user.originate(BILLING, id);
      await until(() => ids.every((id) => session.model.channels.get(id)?.stasisApp === BILLING), 'both calls shown in billing', 5_000);
      await user.close();
      users.splice(users.indexOf(user), 1);
      // Asterisk tells no one the client went (docs/ari-behaviour.md#inactive-apps): the next call into it fails.
      const call = placeCall({ to: 'alice', hold: 5, timeout: 15 });
      await until(() => session.model.applications.get(BILLING)?.activity?.active === false, 'billing marked inactive', 10_000);
      await call.done;
      assert.deepEqual(session.model.channels.of(BILLING).filter((c) => c.stasisApp === BILLING).map((c) => c.id).sort(), [...ids].sort(), 'its calls are still shown, in it');
      h.ui.answer('Hang Up All');
      const cleared = await h.run<number>('clearAppChannels', { serverId: added.value.id, app: BILLING });
      assert.deepEqual(cleared, { ok: true, value: 2 }, JSON.stringify(h.ui.shown));
      await until(() => ids.every((id) => !session.model.channels.get(id)), 'both calls gone', 2_000);
    } finally {
      for (const id of [`watch-gone-${process.pid}-1`, `watch-gone-${process.pid}-2`]) await user.hangup(id).catch(() => undefined);
      await h.dispose();
    }
  });

  it('opening and closing the watcher 40 times while calls come and go leaves Asterisk\'s ARI answering (a subscribeAll socket hangs it: docs/ari-behaviour.md#subscribe-all-deadlock)', async function () {
    this.timeout(120_000);
    const user = await userApp([BILLING]);
    let churning = true;
    // Calls starting and ending: device states change all the time, as on a busy system.
    const churn = (async () => {
      for (let i = 0; churning; i++) {
        const id = `watch-churn-${process.pid}-${i}`;
        await user.originate(BILLING, id).catch(() => undefined);
        await user.hangup(id).catch(() => undefined);
      }
    })();
    try {
      for (let round = 0; round < 40; round++) {
        const session = await sandboxSession([]);
        await session.connect();
        await new Promise((r) => setTimeout(r, 20 + (round % 5) * 20));
        await session.dispose();
        // Any answer will do (a 500 "Allocation failed" too: an app went while it was listed, docs/ari-behaviour.md#applications-resource): a stuck registry gives none.
        const env = await sandboxEnv();
        const probe = fetch(`${env.url}/ari/applications`, { headers: { Authorization: `Basic ${Buffer.from(`${env.username}:${env.password}`).toString('base64')}` }, signal: AbortSignal.timeout(3_000) });
        const status = await probe.then((r) => r.status).catch(() => undefined);
        assert.ok(status !== undefined, `GET /applications did not answer within 3 s after round ${round}: Asterisk's app registry is stuck`);
      }
    } finally {
      churning = false;
      await churn;
    }
  });

  it('load: 200 calls at 50/s into the user\'s app while watching: no socket drops, reads within 2 a second, the model right at the end', async function () {
    this.timeout(120_000);
    const user = await userApp([BILLING]);
    const session = await sandboxSession([]);
    const drops: string[] = [];
    session.onLinkStatus((l) => l.status.state === 'closed' && drops.push(l.status.reason));
    await session.connect();
    let resyncs = 0;
    session.onResync(() => resyncs++);
    const readsBefore = session.watcher!.listing.reads;
    const started = Date.now();
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const at = started + i * 20;
      await new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));
      ids.push(`watch-load-${process.pid}-${i}`);
      void user.originate(BILLING, ids[i]);
    }
    await until(() => ids.every((id) => userPlace(user, id) === BILLING), () => `the user's app has ${ids.filter((id) => userPlace(user, id) === BILLING).length} of 200`, 60_000);
    await until(() => ids.every((id) => session.model.channels.get(id)?.stasisApp === BILLING), () => `the model shows ${ids.filter((id) => session.model.channels.get(id)?.stasisApp === BILLING).length} of 200 in billing`, 3_000);
    const seconds = (Date.now() - started) / 1000;
    // Every GET /applications we made: the watcher's reads, and those of any full resync.
    const reads = session.watcher!.listing.reads - readsBefore + resyncs;
    await assertModelMatches(session, user);
    assert.ok(reads <= Math.ceil(seconds * 2) + 1, `${reads} reads of GET /applications (${resyncs} by full resyncs) in ${seconds.toFixed(1)} s`);
    for (const id of ids) await user.hangup(id);
    await until(() => ids.every((id) => !session.model.channels.get(id)), 'every call gone', 10_000);
    await assertModelMatches(session, user);
    assert.deepEqual(drops, [], 'our sockets never dropped');
    assert.equal(user.closedUnasked, 0, 'the user\'s socket never dropped');
    assert.equal(user.events.filter((e) => e.type === 'StasisStart').length, 200, 'the user\'s app got every StasisStart');
    console.log(`      200 calls in ${seconds.toFixed(1)} s: ${reads} reads of GET /applications, ${resyncs} of them by full resyncs (limit ${Math.ceil(seconds * 2) + 1})`);
  });
});
