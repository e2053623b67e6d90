// Links that drop and an Asterisk that restarts: after each, the model must equal what
// Asterisk's REST API says.
import assert from 'node:assert/strict';
import type { ServerSession } from '../../src/model/ServerSession';
import { asteriskCli, restartAsterisk, sandboxEnv } from './support/sandbox';
import { closeSessions, sandboxSession, uniqueApp } from './support/sessions';
import { OtherAriClient } from './support/OtherAriClient';
import { eventually, nextMatching } from './support/waitFor';

/** Apps and their channels, per the model and per GET /applications, side by side. */
async function modelMatchesAsterisk(session: ServerSession): Promise<void> {
  const applications = await session.rest.listApplications();
  const live = new Set((await session.rest.listChannels()).map((c) => c.id));
  const asterisk = Object.fromEntries(applications.map((a) => [a.name, a.channel_ids.filter((id) => live.has(id)).sort()]));
  const model = Object.fromEntries(session.state.applications.filter((a) => asterisk[a.name] !== undefined).map((a) => [a.name, [...a.channelIds].sort()]));
  assert.deepEqual(model, asterisk);
  for (const app of session.state.applications) {
    assert.ok(asterisk[app.name] !== undefined || app.owned, `the model keeps app ${app.name} that Asterisk no longer lists`);
  }
}

describe('Reconnect and resync against a real Asterisk', () => {
  afterEach(closeSessions);

  it('Asterisk restarted while connected: reconnect, resync, and the model equals GET /applications', async function () {
    this.timeout(120_000);
    const app = uniqueApp('restart');
    const session = await sandboxSession([app], { events: { backoff: { initialMs: 500, maxMs: 2_000 } } });
    await session.connect();
    const before = await session.rest.originate({ endpoint: 'Local/100@default', app });
    await eventually(() => session.state.channel(before.id)?.stasisApp === app, 'the channel is in the app');
    const states: string[] = [];
    session.onStatus((s) => states.push(s.state));

    await restartAsterisk();
    await eventually(() => session.status.state === 'connected' && states.includes('reconnecting'), 'the session reconnects', 60_000);
    await eventually(async () => session.state.channel(before.id) === undefined, 'the channel from before the restart is gone', 10_000);
    assert.equal(session.state.application(app)?.owned, true);
    assert.match(await asteriskCli(`dialplan show stasis-${app}`), /Stasis\(/);
    await modelMatchesAsterisk(session);
  });

  it('a channel that entered while our socket was down appears after the reconnect', async () => {
    const ours = uniqueApp('ours');
    const theirs = uniqueApp('theirs');
    const other = await OtherAriClient.connect(await sandboxEnv(), [theirs]);
    try {
      const session = await sandboxSession([ours], { events: { backoff: { initialMs: 3_000, maxMs: 3_000, jitter: 0 } } });
      await session.connect();
      const down = nextMatching(session.onLinkStatus, (l) => l.status.state === 'retrying', 'the link to drop');
      const resynced = nextMatching(session.onResync, () => true, 'the resync after reconnect');
      session.reconnect('test: link dropped');
      await down;
      const channel = await session.rest.originate({ endpoint: 'Local/100@default', app: theirs, appArgs: ['while', 'down'] });
      await eventually(() => other.events.some((e) => e.type === 'StasisStart' && e.channel.id === channel.id), 'the other client sees StasisStart');
      assert.equal(session.status.state, 'reconnecting', 'the channel entered while our link was down');

      await resynced;
      const seen = session.state.channel(channel.id);
      assert.equal(seen?.stasisApp, theirs);
      assert.deepEqual(seen?.args, ['while', 'down']);
      assert.equal(session.state.application(theirs)?.owned, false);
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
    await eventually(() => session.state.channel(inside.id)?.stasisApp === app, 'the channel is in the app');
    const resynced = nextMatching(session.onResync, () => true, 'the resync after reconnect', 15_000);
    await asteriskCli('ari shutdown websocket sessions');
    await resynced;
    assert.equal(session.state.channel(inside.id)?.stasisApp, app, 'the channel stays in the app across the reconnect');
    // Asterisk does not replay events, and the resync must not re-log any: each one appears once.
    const keys = session.log.all().map((e) => JSON.stringify(e.event));
    assert.ok(keys.length > 0);
    assert.equal(new Set(keys).size, keys.length, `duplicated events: ${keys.filter((k, i) => keys.indexOf(k) !== i).join(' ')}`);
    await modelMatchesAsterisk(session);
  });
});
