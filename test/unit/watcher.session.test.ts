// A session's watcher against the fake Asterisk: the socket it opens, what it reads when, and what
// it never shows. The real Asterisk is in test/integration/watching.test.ts.
import assert from 'node:assert/strict';
import type { ChannelCreated, ChannelDialplan } from '../../src/ari/generated/ariTypes';
import { leftBehind } from '../../src/model/channels/leftBehind';
import { ServerSession, type ServerSessionOptions } from '../../src/model/session/ServerSession';
import { isWatcherApp } from '../../src/model/watch/watcherAppName';
import * as f from '../support/ariFixtures';
import { FakeAsterisk, json } from '../support/FakeAsterisk';
import { until } from '../support/until';

function session(fake: FakeAsterisk, extra: Partial<ServerSessionOptions> = {}): ServerSession {
  return new ServerSession({ config: { name: 'fake', baseUrl: fake.url, username: 'u', password: 'p' }, serverId: 'fake-id', apps: ['ours'], events: { backoff: { initialMs: 20, maxMs: 40, jitter: 0 } }, ...extra });
}

const listings = (fake: FakeAsterisk) => fake.requestsTo('GET', '/ari/applications').length;

describe('ServerSession watcher (fake Asterisk)', () => {
  let fake: FakeAsterisk;
  beforeEach(async () => {
    fake = await FakeAsterisk.start();
    fake.applications = [f.application('ours')];
  });
  afterEach(() => fake.close());

  it('opens one socket under a name of its own, different in every session, subscribed to everything over REST (not subscribeAll), never shown as an app', async () => {
    const one = session(fake);
    const two = session(fake);
    await Promise.all([one.connect(), two.connect()]);
    const names = [one.watcher!.appName, two.watcher!.appName];
    assert.ok(names.every(isWatcherApp), names.join(', '));
    assert.notEqual(names[0], names[1], 'two windows never replace each other');
    for (const name of names) {
      const upgrade = fake.requests.find((r) => r.url.includes(`app=${encodeURIComponent(name)}`));
      assert.ok(upgrade && !upgrade.url.includes('subscribeAll'), `closing a subscribeAll socket can hang Asterisk: ${upgrade?.url}`);
      const subscribed = fake.requestsTo('POST', `/ari/applications/${name}/subscription`);
      assert.equal(subscribed.length, 1);
      assert.equal(new URL(subscribed[0].url, 'http://x').searchParams.get('eventSource'), 'channel:,bridge:,endpoint:');
    }
    fake.applications = [f.application('ours'), ...names.map((n) => f.application(n, ['__AST_CHANNEL_ALL_TOPIC']))];
    await one.resync();
    assert.deepEqual(one.model.applications.all.map((a) => a.name), ['ours']);
    await Promise.all([one.dispose(), two.dispose()]);
  });

  it('a channel the watcher did not know is placed by a read of the listing; its events are logged as the watcher\'s', async () => {
    const s = session(fake, { watch: { appName: 'stasis-explorer-watch-test0001' } });
    await s.connect();
    const before = listings(fake);
    const fullReads = fake.requestsTo('GET', '/ari/channels').length;
    const ch = f.channel('c1', { dialplan: { context: 'stasis-billing', exten: '1', priority: 1, app_name: 'Stasis', app_data: 'billing' } });
    fake.applications = [f.application('ours'), f.application('billing', ['c1'])];
    const created: ChannelCreated = { type: 'ChannelCreated', application: 'stasis-explorer-watch-test0001', timestamp: f.stamp(), asterisk_id: '52:54:00:12:34:56', channel: ch };
    fake.send('stasis-explorer-watch-test0001', created);
    await until(() => s.model.channels.get('c1')?.stasisApp === 'billing', 'the listing placed the channel', 3_000);
    assert.equal(listings(fake), before + 1, 'one targeted read of GET /applications, no full resync');
    assert.equal(fake.requestsTo('GET', '/ari/channels').length, fullReads, 'no GET /channels after connect');
    assert.equal(s.model.channels.get('c1')!.knownFrom, 'listing');
    assert.equal(s.log.all().at(-1)?.fromWatcher, true);
    await s.dispose();
  });

  it('two listings in a row naming a channel it never heard of read everything again; one does not (its ChannelCreated may be on the way)', async () => {
    const s = session(fake, { watch: { appName: 'stasis-explorer-watch-test0002' } });
    await s.connect();
    const fullReads = fake.requestsTo('GET', '/ari/channels').length;
    const listed = listings(fake);
    fake.channels = [f.channel('missed')];
    fake.applications = [f.application('ours'), f.application('billing', ['missed'])];
    s.watcher!.listing.request();
    await until(() => listings(fake) === listed + 1, 'the first listing', 3_000);
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(fake.requestsTo('GET', '/ari/channels').length, fullReads, 'not after one listing');
    s.watcher!.listing.request();
    await until(() => s.model.channels.get('missed')?.stasisApp === 'billing', 'the resync read the missed channel', 3_000);
    assert.equal(fake.requestsTo('GET', '/ari/channels').length, fullReads + 1);
    await s.dispose();
  });

  it('a resync while watching reads every channel REST lists, in an app or not, and the watcher keeps following them', async () => {
    const WATCHER = 'stasis-explorer-watch-test0005';
    const plain = f.channel('plain', { dialplan: { context: 'default', exten: '100', priority: 2, app_name: 'Wait', app_data: '600' } });
    const orphan = f.channel('orphan', { dialplan: { context: 'stasis-gone', exten: '1', priority: 1, app_name: 'Stasis', app_data: 'gone' } });
    fake.channels = [plain, orphan];
    const s = session(fake, { watch: { appName: WATCHER } });
    await s.connect();
    await s.resync();
    assert.ok(s.model.channels.get('plain'), 'a channel outside Stasis is known');
    assert.deepEqual(leftBehind(s.model).channels.map((c) => c.id), ['orphan'], 'one inside the Stasis() of no listed app is left behind');
    // The dialplan one enters another client's app later: the watcher still follows it.
    fake.applications = [f.application('ours'), f.application('billing', ['plain'])];
    const entering: ChannelDialplan = { type: 'ChannelDialplan', application: WATCHER, timestamp: f.stamp(), asterisk_id: 'x', channel: { ...plain, dialplan: { ...plain.dialplan, app_name: 'Stasis', app_data: 'billing' } }, dialplan_app: 'Stasis', dialplan_app_data: 'billing' };
    fake.send(WATCHER, entering);
    await until(() => s.model.channels.get('plain')?.knownFrom === 'listing', 'placed in billing by the listing', 3_000);
    assert.equal(s.model.channels.get('plain')?.stasisApp, 'billing');
    await s.dispose();
  });

  it('the session is reconnecting while the watcher\'s socket is, and connected when it is back', async () => {
    const s = session(fake, { watch: { appName: 'stasis-explorer-watch-test0003' } });
    await s.connect();
    const states: string[] = [];
    s.onStatus((st) => states.push(st.state));
    fake.sockets.get('stasis-explorer-watch-test0003')!.terminate();
    await until(() => states.includes('reconnecting') && s.status.state === 'connected', 'reconnecting, then connected', 3_000);
    await s.dispose();
  });

  it('a read-only user: the subscription is refused, watching stops with a message saying why, and the session stays connected', async () => {
    fake.routes.set('POST /ari/applications/stasis-explorer-watch-test0004/subscription', json(403, { message: 'Write access denied' }));
    const s = session(fake, { watch: { appName: 'stasis-explorer-watch-test0004' } });
    const problems: string[] = [];
    s.onProblem((p) => problems.push(p.message));
    await s.connect();
    assert.equal(s.watcher!.stopped, true);
    assert.match(problems.join('\n'), /refused to subscribe the watcher.*403.*read_only=no/);
    assert.equal(s.status.state, 'connected');
    await until(() => !fake.sockets.has('stasis-explorer-watch-test0004'), 'its socket closed', 3_000);
    await s.dispose();
  });

  it('a subscription that fails for another reason (500) does not hold up connect: the session reads the model and says the watcher retries', async () => {
    fake.routes.set('POST /ari/applications/stasis-explorer-watch-test0006/subscription', json(500, { message: 'Internal Server Error' }));
    fake.channels = [f.channel('c1')];
    fake.applications = [f.application('ours', ['c1'])];
    const s = session(fake, { watch: { appName: 'stasis-explorer-watch-test0006' }, apps: [] });
    const problems: string[] = [];
    s.onProblem((p) => problems.push(p.message));
    const started = Date.now();
    await s.connect();
    assert.ok(Date.now() - started < 2_000, 'connect did not wait for the watcher');
    assert.equal(s.watcher!.watching, false);
    assert.equal(s.model.channels.get('c1')?.stasisApp, 'ours', 'the model was read all the same');
    assert.match(problems.join('\n'), /Subscribing the watcher failed .*internal error.*retrying in 2 s/);
    await s.dispose();
  });

  it('a watcher whose socket drops is not watching until it is back and subscribed again; one that gives up stops and says so', async () => {
    const s = session(fake, { watch: { appName: 'stasis-explorer-watch-test0007' } });
    const problems: string[] = [];
    s.onProblem((p) => problems.push(p.message));
    await s.connect();
    assert.equal(s.watcher!.watching, true);
    fake.sockets.get('stasis-explorer-watch-test0007')!.terminate();
    await until(() => !s.watcher!.watching, 'not watching while its socket is down', 3_000);
    await until(() => s.watcher!.watching, 'subscribed again once back', 3_000);
    assert.equal(fake.requestsTo('POST', '/ari/applications/stasis-explorer-watch-test0007/subscription').length, 2);
    // A password change: the socket's next handshake is refused for good.
    fake.refuseUpgrades = 401;
    fake.sockets.get('stasis-explorer-watch-test0007')!.terminate();
    await until(() => s.watcher!.stopped, 'stopped', 3_000);
    assert.match(problems.join('\n'), /the watcher's events socket gave up/);
    await s.dispose();
  });

  it('a listing read that fails (500 while an app goes) is read again quietly; only failures in a row are a problem', async () => {
    const s = session(fake, { watch: { appName: 'stasis-explorer-watch-test0008' } });
    const problems: string[] = [];
    s.onProblem((p) => problems.push(p.message));
    await s.connect();
    let failing = 2;
    fake.routes.set('GET /ari/applications', (res, req) => {
      if (failing-- > 0) return json(500, { message: 'Allocation failed' })(res, req);
      return json(200, fake.applications)(res, req);
    });
    const before = listings(fake);
    s.watcher!.listing.request();
    await until(() => listings(fake) === before + 3, 'two failed reads and a third', 3_000);
    await new Promise((r) => setTimeout(r, 50));
    assert.deepEqual(problems, [], 'nothing to tell of');
    await s.dispose();
  });

  it('watch: false opens no watcher', async () => {
    const s = session(fake, { watch: false });
    await s.connect();
    assert.equal(s.watcher, undefined);
    assert.deepEqual([...fake.sockets.keys()], ['ours']);
    await s.dispose();
  });
});
