// The end of the session the suite's files build: the app given up, the server disconnected (with
// the log checked for credentials), then removed. Runs last, on the server 1-servers.test.ts added.
import * as assert from 'assert';
import { until } from '../../support/until';
import { extensionLogText } from './support/extensionLog';
import { appNode, children, configuredServers, DEST, run, session, suite, tree, useSuite } from './support/suite';

describe('Leaving in VS Code: unregister, disconnect, remove the server', function () {
  this.timeout(60_000);
  useSuite();

  it('Unregister Application: the app is no longer ours', async () => {
    const result = await run('unregisterApp', { serverId: suite.serverId, app: DEST });
    assert.ok(result?.ok);
    assert.ok(!session().ownership.isOwned(DEST));
    // Asterisk may list the app a while longer (docs/ari-behaviour.md#inactive-apps): then it shows as another client's, inactive.
    await until(() => !appNode(DEST) || /^app\.observed(\.|$)/.test(String(tree().getTreeItem(appNode(DEST)!).contextValue)), 'the app no longer shown as ours', 15_000);
  });

  it('Disconnect: the server shows disconnected and channel commands have nothing to act on', async () => {
    const result = await run('disconnect', { serverId: suite.serverId });
    assert.ok(result?.ok);
    assert.strictEqual(tree().getTreeItem(children()[0]).contextValue, 'server.disconnected');
    assert.deepStrictEqual(children(children()[0]), []);
    assert.match(suite.api.statusBar.text, /ARI 0\/1/);
    const answer = await run('answerChannel');
    assert.strictEqual(answer?.ok, false);
    assert.match(suite.ui.last('error')!.message, /No ARI server is connected/);
    const log = extensionLogText();
    assert.ok(!log.includes(Buffer.from(`${suite.env.username}:${suite.env.password}`).toString('base64')), 'an Authorization header in the log');
    assert.ok(!/api_key=/.test(log), 'credentials in a URL in the log');
    assert.ok(!log.includes(suite.env.password), 'the password in the log');
  });

  it('Remove Server: asks first, then deletes the settings entry and the stored password', async () => {
    suite.ui.answer('Remove');
    const result = await run('removeServer', { serverId: suite.serverId });
    assert.ok(result?.ok);
    assert.ok(suite.ui.last('warn')!.modal);
    assert.strictEqual(configuredServers(), '[]');
    assert.strictEqual(await suite.api.commands.store.password(suite.serverId), undefined);
    assert.deepStrictEqual(children(), []);
  });
});
