// Registering Stasis apps on the real Asterisk, and what happens around it.
import assert from 'node:assert/strict';
import { AriError } from '../../src/ari/AriError';
import { ServerSession } from '../../src/model/session/ServerSession';
import { until } from '../support/until';
import { asteriskCli, sandboxEnv } from './support/sandbox';
import { closeSessions, sandboxSession, uniqueApp } from './support/sessions';
import { UserAriApp } from './support/UserAriApp';
import { nextMatching } from './support/waitFor';

describe('Stasis applications on a real Asterisk', () => {
  afterEach(closeSessions);

  it('registering an app over the events socket creates its stasis-<app> context', async () => {
    const app = uniqueApp('ctx');
    const session = await sandboxSession([app]);
    await session.connect();
    const dialplan = await asteriskCli(`dialplan show stasis-${app}`);
    assert.match(dialplan, new RegExp(`'_\\.' =>\\s+1\\. Stasis\\(${app}\\)`));
    assert.match(dialplan, /'h' =>\s+1\. NoOp\(\)/);
    assert.ok(session.model.applications.get(app), 'the app is in the model');
    assert.equal(session.ownership.isOwned(app), true);
    const listed = await session.rest.call('applications.list', {});
    assert.ok(listed.some((a) => a.name === app));
  });

  it('an app registered later gets its own socket and does not disturb the first one', async () => {
    const first = uniqueApp('first');
    const second = uniqueApp('second');
    const session = await sandboxSession([first]);
    await session.connect();
    const links: string[] = [];
    session.onLinkStatus((l) => links.push(`${l.apps.join(',')}:${l.status.state}`));
    await session.registerApp(second);
    assert.deepEqual([...session.ownership.owned].sort(), [first, second].sort());
    assert.ok(!links.some((l) => l.startsWith(first)), `the first socket was touched: ${links.join(' ')}`);
    await session.unregisterApp(second);
    assert.deepEqual(session.ownership.owned, [first]);
  });

  it('reports ApplicationReplaced when a second client registers the same app, and stops claiming it', async () => {
    const app = uniqueApp('takeover');
    const session = await sandboxSession([app]);
    await session.connect();
    const replaced = nextMatching(session.onAppReplaced, (a) => a === app, 'ApplicationReplaced');
    const other = await UserAriApp.start(await sandboxEnv(), [app], { answer: false });
    try {
      assert.equal(await replaced, app);
      assert.ok(session.model.applications.get(app), 'the app stays in the model: Asterisk still lists it');
      assert.equal(session.ownership.isOwned(app), false);
      assert.deepEqual(session.ownership.owned, []);
      assert.equal(session.log.forType('ApplicationReplaced').length, 1);
    } finally {
      await other.close();
    }
  });

  it('refuses a wrong password with a sentence that says what to check', async () => {
    const env = await sandboxEnv();
    const session = new ServerSession({ config: { name: 'sandbox', baseUrl: env.url, username: env.username, password: 'wrong' }, serverId: 'sandbox-id', apps: ['x'] });
    await assert.rejects(session.connect(), (e: Error) => e instanceof AriError && e.status === 401 && /rejected the username or password/.test(e.message) && !e.message.includes('wrong'));
    assert.equal(session.status.state, 'failed');
    await session.dispose();
  });

  it('explains 403 for a read-only ARI user trying to change something', async () => {
    const env = await sandboxEnv();
    const session = new ServerSession({ config: { name: 'sandbox', baseUrl: env.url, username: env.viewerUsername, password: env.viewerPassword }, serverId: 'sandbox-id', apps: [] });
    await session.connect();
    await assert.rejects(session.rest.hangup('no-such-channel'), (e: Error) => e instanceof AriError && e.status === 403 && /read-only/.test(e.message));
    await session.dispose();
  });

  it('explains 422 when subscribing an app to an event source that does not exist', async () => {
    const app = uniqueApp('sub');
    const session = await sandboxSession([app]);
    await session.connect();
    await assert.rejects(session.rest.call('applications.subscribe', { applicationName: app, eventSource: ['channel:does-not-exist'] }), (e: Error) => e instanceof AriError && e.status === 422 && /event source does not exist/.test(e.message));
  });

  it('an event filter set over REST is honoured by Asterisk', async () => {
    const app = uniqueApp('filter');
    const session = await sandboxSession([app]);
    await session.connect();
    const updated = await session.rest.call('applications.filter', { applicationName: app, filter: { allowed: [{ type: 'StasisStart' }, { type: 'StasisEnd' }, { type: 'ChannelDestroyed' }] } });
    assert.deepEqual(updated.events_allowed, [{ type: 'StasisStart' }, { type: 'StasisEnd' }, { type: 'ChannelDestroyed' }]);
    const channel = await session.rest.originate({ endpoint: 'Local/100@default', app });
    await until(() => session.model.channels.get(channel.id)?.stasisApp === app, 'the channel enters the app');
    await session.rest.hangup(channel.id);
    await until(() => session.model.channels.get(channel.id) === undefined, 'the channel is gone');
    const types = new Set(session.log.forApplication(app).map((e) => e.event.type));
    assert.deepEqual([...types].sort(), ['ChannelDestroyed', 'StasisEnd', 'StasisStart']);
  });
});
