// The events client against the fake Asterisk, for what a real Asterisk cannot be made to do on
// demand (a link that stops answering pings, frames that are not JSON, handshakes refused with a
// chosen status). Its timers — pings, pong deadline, backoff, stability — run on a FakeClock, so
// the tests move time instead of sleeping. The real socket is exercised in test/integration.
import assert from 'node:assert/strict';
import { AriEventsClient, type EventsLinkStatus, type FrameProblem } from '../../src/ari/AriEventsClient';
import type { AriEvent } from '../../src/ari/generated/ariTypes';
import * as f from '../support/ariFixtures';
import { FakeAsterisk } from '../support/FakeAsterisk';
import { FakeClock } from '../support/FakeClock';
import { until } from '../support/until';

const APPS = 'a,b';

function client(fake: FakeAsterisk, extra: Partial<ConstructorParameters<typeof AriEventsClient>[1]> = {}) {
  const clock = new FakeClock();
  const c = new AriEventsClient({ name: 'pbx1', baseUrl: fake.url, username: 'asterisk', password: 'pw' }, { apps: ['a', 'b'], backoff: { initialMs: 20, maxMs: 50, jitter: 0 }, clock, ...extra });
  const statuses: EventsLinkStatus[] = [];
  const events: AriEvent[] = [];
  const problems: FrameProblem[] = [];
  c.onStatus((s) => statuses.push(s));
  c.onEvent((r) => events.push(r.event));
  c.onFrameProblem((p) => problems.push(p));
  /** The delay of the latest retry: the clock is moved by exactly that much. */
  const nextRetry = () => {
    const last = statuses[statuses.length - 1];
    assert.equal(last.state, 'retrying', `expected a retry, the link is ${JSON.stringify(last)}`);
    return last.state === 'retrying' ? last.inMs : 0;
  };
  return { c, clock, statuses, events, problems, nextRetry };
}

const handshakes = (fake: FakeAsterisk) => fake.requests.filter((r) => r.url.startsWith('/ari/events'));
const opened = (c: AriEventsClient) => until(() => c.isOpen, 'the link is open', 3_000);

describe('AriEventsClient', () => {
  let fake: FakeAsterisk;
  afterEach(() => fake.close());

  it('connects with the app list and the auth header, then dispatches typed events', async () => {
    fake = await FakeAsterisk.start();
    const { c, statuses, events } = client(fake);
    c.start();
    await opened(c);
    assert.equal(handshakes(fake)[0].url, '/ari/events?app=a,b');
    assert.equal(handshakes(fake)[0].authorization, `Basic ${Buffer.from('asterisk:pw').toString('base64')}`);
    fake.send(APPS, f.stasisStart('a', f.channel('c1'), ['x']));
    await until(() => events.length === 1, 'the event', 3_000);
    const event = events[0];
    assert.equal(event.type === 'StasisStart' && event.args[0], 'x');
    assert.deepEqual(statuses.map((s) => s.state), ['connecting', 'open']);
    c.stop();
  });

  it('reports frames that are not JSON, have no type, or an unknown type, and keeps reading', async () => {
    fake = await FakeAsterisk.start();
    const { c, events, problems } = client(fake);
    c.start();
    await opened(c);
    for (const frame of ['not json{', '{"no":"type"}', '[1,2]', '{"type":"FutureEvent","application":"a"}']) fake.send(APPS, frame);
    fake.send(APPS, f.stasisStart('a', f.channel('c1')));
    await until(() => events.length === 1, 'the good event', 3_000);
    assert.deepEqual(problems.map((p) => p.problem), ['notJson', 'notAnEvent', 'notAnEvent', 'unknownType']);
    assert.equal(c.isOpen, true);
    c.stop();
  });

  it('stops claiming an app on ApplicationReplaced and reconnects without it', async () => {
    fake = await FakeAsterisk.start();
    const { c, nextRetry, clock } = client(fake);
    const replaced: string[] = [];
    c.onAppReplaced((app) => replaced.push(app));
    c.start();
    await opened(c);
    fake.send(APPS, f.replaced('a'));
    await until(() => replaced.length === 1, 'ApplicationReplaced', 3_000);
    assert.deepEqual(c.applications, ['b']);
    fake.sockets.get(APPS)!.terminate();
    await until(() => !c.isOpen, 'the drop noticed', 3_000);
    clock.advance(nextRetry());
    await until(() => handshakes(fake).length === 2, 'the reconnect', 3_000);
    assert.equal(handshakes(fake)[1].url, '/ari/events?app=b');
    c.stop();
  });

  it('treats a missing pong as a dead link and reconnects', async () => {
    fake = await FakeAsterisk.start({ autoPong: false });
    const { c, statuses, clock, nextRetry } = client(fake, { pingIntervalMs: 10_000, pongTimeoutMs: 5_000 });
    c.start();
    await opened(c);
    clock.advance(10_000);
    assert.equal(c.isOpen, true, 'a ping is out, its pong not yet overdue');
    clock.advance(4_999);
    assert.equal(c.isOpen, true);
    clock.advance(1);
    const closed = statuses.find((s) => s.state === 'closed');
    assert.match(closed?.state === 'closed' ? closed.reason : '', /no pong within 5 s: the link is dead/);
    clock.advance(nextRetry());
    await until(() => handshakes(fake).length === 2, 'the reconnect', 3_000);
    c.stop();
  });

  it('a pong in time keeps the link: pings go on every interval', async () => {
    fake = await FakeAsterisk.start();
    const { c, statuses, clock } = client(fake, { pingIntervalMs: 10_000, pongTimeoutMs: 5_000 });
    c.start();
    await opened(c);
    let pings = 0;
    fake.sockets.get(APPS)!.on('ping', () => pings++);
    for (let i = 1; i <= 3; i++) {
      clock.advance(10_000);
      await until(() => pings === i, `ping ${i} answered`, 3_000);
      await new Promise((r) => setImmediate(r));
    }
    clock.advance(5_000);
    assert.ok(!statuses.some((s) => s.state === 'closed'), 'the link was dropped although every ping was answered');
    c.stop();
  });

  it('starts its backoff over once a connection has stayed up long enough', async () => {
    fake = await FakeAsterisk.start();
    const { c, statuses, clock, nextRetry } = client(fake, { stableAfterMs: 150 });
    c.start();
    await opened(c);
    for (let i = 1; i <= 2; i++) {
      fake.sockets.get(APPS)!.terminate();
      await until(() => !c.isOpen, 'the drop noticed', 3_000);
      clock.advance(nextRetry());
      await opened(c);
    }
    clock.advance(150);
    fake.sockets.get(APPS)!.terminate();
    await until(() => !c.isOpen, 'the drop noticed', 3_000);
    assert.deepEqual(statuses.flatMap((s) => (s.state === 'retrying' ? [s.inMs] : [])), [20, 40, 20]);
    c.stop();
  });

  it('reconnects with growing delays up to the cap after the server drops it', async () => {
    fake = await FakeAsterisk.start();
    const { c, statuses, clock, nextRetry } = client(fake, { stableAfterMs: 100_000 });
    c.start();
    await opened(c);
    for (let i = 1; i <= 3; i++) {
      fake.sockets.get(APPS)!.terminate();
      await until(() => !c.isOpen, 'the drop noticed', 3_000);
      clock.advance(nextRetry());
      await opened(c);
    }
    assert.deepEqual(statuses.flatMap((s) => (s.state === 'retrying' ? [s.inMs] : [])), [20, 40, 50]);
    c.stop();
  });

  it('gives up at once on 401, saying to check the credentials', async () => {
    fake = await FakeAsterisk.start();
    fake.refuseUpgrades = 401;
    const { c, statuses } = client(fake);
    c.start();
    const gaveUp = await until(() => statuses.find((s) => s.state === 'gaveUp'), 'the client to give up', 3_000);
    assert.match(gaveUp.state === 'gaveUp' ? gaveUp.reason : '', /username or password/);
  });

  it('after it has been connected, retries a 404 or 500 handshake (Asterisk restarting) instead of giving up', async () => {
    fake = await FakeAsterisk.start();
    const { c, statuses, clock, nextRetry } = client(fake);
    c.start();
    await opened(c);
    fake.refuseUpgrades = 404;
    fake.sockets.get(APPS)!.terminate();
    await until(() => statuses.some((s) => s.state === 'retrying'), 'a retry after the drop', 3_000);
    for (const status of [404, 500]) {
      fake.refuseUpgrades = status;
      const retries = statuses.filter((s) => s.state === 'retrying').length;
      clock.advance(nextRetry());
      await until(() => statuses.filter((s) => s.state === 'retrying').length > retries, `a retry after HTTP ${status}`, 3_000);
      const closed = statuses.filter((s) => s.state === 'closed').pop();
      assert.match(closed?.state === 'closed' ? closed.reason : '', new RegExp(`HTTP ${status}`));
    }
    fake.refuseUpgrades = undefined;
    clock.advance(nextRetry());
    await opened(c);
    assert.ok(!statuses.some((s) => s.state === 'gaveUp'));
    c.stop();
  });

  it('keeps retrying while Asterisk answers 503', async () => {
    fake = await FakeAsterisk.start();
    fake.refuseUpgrades = 503;
    const { c, statuses, clock, nextRetry } = client(fake);
    c.start();
    await until(() => statuses.some((s) => s.state === 'retrying'), 'the first retry', 3_000);
    clock.advance(nextRetry());
    await until(() => statuses.filter((s) => s.state === 'retrying').length >= 2, 'the second retry', 3_000);
    const closed = statuses.find((s) => s.state === 'closed');
    assert.match(closed?.state === 'closed' ? closed.reason : '', /still starting/);
    assert.ok(!statuses.some((s) => s.state === 'gaveUp'));
    c.stop();
  });
});
