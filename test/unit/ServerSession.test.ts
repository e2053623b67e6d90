// ServerSession against the fake Asterisk, for the races a real Asterisk cannot be made to produce
// on demand: an event while the resync is in flight, a disconnect in the middle of one, a socket
// that never opens. The real thing is in test/integration.
import assert from 'node:assert/strict';
import { ServerSession, type ServerSessionOptions } from '../../src/model/session/ServerSession';
import * as f from '../support/ariFixtures';
import { FakeAsterisk } from '../support/FakeAsterisk';
import { until } from '../support/until';

/** Without the watcher unless asked: these races are about the apps' sockets and the resync (the watcher's are in watcher.session.test.ts). */
function session(fake: FakeAsterisk, apps = ['app'], extra: Partial<ServerSessionOptions> = {}): ServerSession {
  return new ServerSession({ config: { name: 'fake', baseUrl: fake.url, username: 'u', password: 'p' }, serverId: 'fake-id', apps, events: { backoff: { initialMs: 20, maxMs: 40, jitter: 0 } }, watch: false, ...extra });
}

/** Until the session's resync has asked for the applications `count` times (the fake holds the answer). */
const asked = (fake: FakeAsterisk, count: number) => until(() => fake.requestsTo('GET', '/ari/applications').length >= count, `GET /applications number ${count}`, 3_000);

describe('ServerSession (fake Asterisk)', () => {
  let fake: FakeAsterisk;
  beforeEach(async () => (fake = await FakeAsterisk.start()));
  afterEach(() => fake.close());

  it('applies an event that arrived during the resync on top of the snapshot, not before it', async () => {
    let release!: () => void;
    fake.holdApplications = new Promise((r) => (release = r));
    fake.applications = [f.application('app', [])];
    const s = session(fake);
    const connected = s.connect();
    await until(() => fake.sockets.has('app'), 'the socket opened', 3_000);
    await asked(fake, 1);
    fake.send('app', f.stasisStart('app', f.channel('late'), ['x']));
    await fake.delivered('app');
    assert.equal(s.model.channels.get('late'), undefined, 'held back until the snapshot is in');
    fake.channels = [f.channel('late')];
    release();
    await connected;
    assert.equal(s.model.channels.get('late')?.stasisApp, 'app');
    assert.deepEqual(s.model.channels.get('late')?.args, ['x']);
    assert.equal(s.log.all()[0].serverId, 'fake-id', 'events are logged under the server id, not its name');
    await s.dispose();
  });

  it('a disconnect during a resync leaves nothing behind when the resync answers', async () => {
    fake.applications = [f.application('app', ['c1'])];
    fake.channels = [f.channel('c1')];
    const s = session(fake);
    await s.connect();
    let release!: () => void;
    fake.holdApplications = new Promise((r) => (release = r));
    const resync = s.resync();
    await asked(fake, 2);
    await s.disconnect();
    release();
    await resync;
    assert.equal(s.model.applications.all.length, 0);
    assert.equal(s.status.state, 'disconnected');
    await s.dispose();
  });

  it('a resync asked for while one runs gets a run of its own, after it', async () => {
    fake.applications = [f.application('app', [])];
    const s = session(fake);
    await s.connect();
    let release!: () => void;
    fake.holdApplications = new Promise((r) => (release = r));
    const first = s.resync();
    await asked(fake, 2);
    fake.holdApplications = undefined;
    fake.applications = [f.application('app', []), f.application('added-meanwhile', [])];
    const second = s.resync();
    release();
    await first;
    assert.equal(s.model.applications.get('added-meanwhile'), undefined, 'the first run read the old list');
    await second;
    assert.ok(s.model.applications.get('added-meanwhile'), 'the second run read the new one');
    await s.dispose();
  });

  it('connect() gives up after its deadline while the socket keeps getting 503, and can be retried', async () => {
    fake.refuseUpgrades = 503;
    const s = session(fake, ['app'], { connectTimeoutMs: 300 });
    await assert.rejects(s.connect(), /did not open within 0\.3 s \(last: Asterisk is still starting/);
    assert.equal(s.status.state, 'failed');
    fake.refuseUpgrades = undefined;
    await s.connect();
    assert.equal(s.status.state, 'connected');
    await s.dispose();
  });

  it('a fatal handshake (401) rejects connect() and leaves the session failed, owning nothing', async () => {
    fake.refuseUpgrades = 401;
    const s = session(fake);
    await assert.rejects(s.connect(), /username or password/);
    assert.equal(s.status.state, 'failed');
    assert.deepEqual(s.ownership.owned, []);
    await s.dispose();
  });

  it('a malformed event is reported as a problem and the stream goes on', async () => {
    fake.applications = [f.application('app', [])];
    const s = session(fake);
    const problems: string[] = [];
    s.onProblem((p) => problems.push(p.message));
    await s.connect();
    fake.send('app', JSON.stringify({ type: 'StasisStart', application: 'app', timestamp: 'x', args: [] }));
    fake.send('app', f.stasisStart('app', f.channel('ok')));
    await until(() => s.model.channels.get('ok'), 'the good event applied', 3_000);
    assert.match(problems.join(' '), /Could not process a StasisStart event/);
    await s.dispose();
  });

  it('disposes its listeners with it: nothing it fired reaches a listener afterwards, and its scope is disposed', async () => {
    fake.applications = [f.application('app', [])];
    const s = session(fake);
    const statuses: string[] = [];
    s.onStatus((st) => statuses.push(st.state));
    let scoped = false;
    s.scope.add({ dispose: () => (scoped = true) });
    await s.connect();
    await s.dispose();
    const seen = statuses.length;
    await s.disconnect();
    assert.equal(statuses.length, seen);
    assert.equal(scoped, true);
  });

  it('refuses an invalid app name before connecting', () => {
    assert.throws(() => session(fake, ['a'.repeat(80)]), /at most 73/);
  });
});
