// Links that drop and an Asterisk that restarts: after each, the model must equal what
// Asterisk's REST API says.
import assert from 'node:assert/strict';
import { UserAriApp } from '../integration/support/UserAriApp';
import { asteriskCli, sandboxEnv, startAsterisk, stopAsterisk } from '../integration/support/sandbox';
import { closeSessions, sandboxSession, uniqueApp } from '../integration/support/sessions';
import { nextMatching } from '../integration/support/waitFor';
import { until } from '../support/until';
import { modelMatchesAsterisk, noDuplicateEvents, noPendingMoves } from './support/invariants';

describe('Reconnect and resync against a real Asterisk', () => {
  afterEach(closeSessions);

  it('Asterisk stopped and started with a channel in our app: reconnecting meanwhile, a move refused with its reason, then resync; the model equals Asterisk', async function () {
    this.timeout(120_000);
    const app = uniqueApp('restart');
    const session = await sandboxSession([app], { events: { backoff: { initialMs: 500, maxMs: 2_000 } } });
    await session.connect();
    const before = await session.rest.originate({ endpoint: 'Local/100@default', app });
    await until(() => session.model.channels.get(before.id)?.stasisApp === app, 'the channel is in the app');
    const states: string[] = [];
    session.onStatus((s) => states.push(s.state));

    await stopAsterisk();
    try {
      await until(() => session.status.state === 'reconnecting', 'the session says it is reconnecting', 20_000);
      // Asterisk hangs up its channels as it stops; what we were told, we show.
      assert.equal(session.model.channels.get(before.id), undefined, 'the channel Asterisk hung up while stopping');
      // A move while Asterisk is down is refused at once, with the reason, not left pending.
      const { outcome } = session.move(before.id, app);
      const refused = (await outcome).outcome;
      assert.equal(refused.kind, 'rejected', JSON.stringify(refused));
      assert.match(refused.kind === 'rejected' ? refused.error.message : '', /(nothing is listening at|the connection to) 127\.0\.0\.1:8088.*(Check that Asterisk is running|ECONNRESET)/);
    } finally {
      await startAsterisk();
    }
    await until(() => session.status.state === 'connected' && states.includes('reconnecting'), 'the session reconnects', 60_000);
    await until(async () => session.model.channels.get(before.id) === undefined, 'the channel from before the restart is gone', 10_000);
    assert.ok(session.model.applications.get(app), 'the app is in the model');
    assert.equal(session.ownership.isOwned(app), true);
    assert.match(await asteriskCli(`dialplan show stasis-${app}`), /Stasis\(/);
    await modelMatchesAsterisk(session);
    noDuplicateEvents(session);
    noPendingMoves(session);
  });

  it('a channel that entered while our socket was down appears after the reconnect', async () => {
    const ours = uniqueApp('ours');
    const theirs = uniqueApp('theirs');
    const other = await UserAriApp.start(await sandboxEnv(), [theirs], { answer: false });
    try {
      const session = await sandboxSession([ours], { events: { backoff: { initialMs: 3_000, maxMs: 3_000, jitter: 0 } } });
      await session.connect();
      const down = nextMatching(session.onLinkStatus, (l) => l.status.state === 'retrying', 'the link to drop');
      const resynced = nextMatching(session.onResync, () => true, 'the resync after reconnect');
      session.reconnect('test: link dropped');
      await down;
      const channel = await session.rest.originate({ endpoint: 'Local/100@default', app: theirs, appArgs: ['while', 'down'] });
      await until(() => other.events.some((e) => e.type === 'StasisStart' && e.channel.id === channel.id), 'the other client sees StasisStart');
      assert.equal(session.status.state, 'reconnecting', 'the channel entered while our link was down');

      await resynced;
      const seen = session.model.channels.get(channel.id);
      assert.equal(seen?.stasisApp, theirs);
      assert.deepEqual(seen?.args, ['while', 'down']);
      assert.ok(session.model.applications.get(theirs), 'the other client\'s app is in the model');
      assert.equal(session.ownership.isOwned(theirs), false);
      await modelMatchesAsterisk(session);
      await session.rest.hangup(channel.id);
    } finally {
      await other.close();
    }
  });

  it('ari shutdown websocket sessions: the client reconnects and resyncs without duplicates or stale channels', async () => {
    const app = uniqueApp('shut');
    const session = await sandboxSession([app], { events: { backoff: { initialMs: 200, maxMs: 1_000 } } });
    await session.connect();
    const inside = await session.rest.originate({ endpoint: 'Local/100@default', app });
    await until(() => session.model.channels.get(inside.id)?.stasisApp === app, 'the channel is in the app');
    const resynced = nextMatching(session.onResync, () => true, 'the resync after reconnect', 15_000);
    await asteriskCli('ari shutdown websocket sessions');
    await resynced;
    assert.equal(session.model.channels.get(inside.id)?.stasisApp, app, 'the channel stays in the app across the reconnect');
    assert.ok(session.log.all().length > 0);
    noDuplicateEvents(session);
    noPendingMoves(session);
    await modelMatchesAsterisk(session);
  });
});
