// Servers in a real VS Code: adding, several side by side, a password rotated under a connected
// one, editing; the tree and the status bar following them. Runs first (see support/suite.ts).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { asteriskCli, liveAriConf } from '../../integration/support/sandbox';
import { until } from '../../support/until';
import { EXTENSION_ID, waitForLogLine } from './support/extensionLog';
import { APP, appNode, children, configuredServers, run, session, showTree, suite, tree, useSuite } from './support/suite';

describe('Servers in VS Code: the tree, the status bar, SecretStorage', function () {
  this.timeout(60_000);
  useSuite();

  it('contributes every command it declares, in category ARI', async () => {
    const declared = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { commands: { command: string; category: string }[] } }).contributes.commands;
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of declared) {
      assert.ok(registered.has(c.command), `${c.command} is not registered`);
      assert.strictEqual(c.category, 'ARI');
    }
    assert.ok(declared.length >= 15);
  });

  it('starts with no server: the tree has no element, so VS Code shows the welcome view', () => {
    assert.deepStrictEqual(children(), []);
  });

  it('tells the view what changed: refreshes follow a call into an app, at most 10 a second', async () => {
    const fired: number[] = [];
    const subscription = tree().onDidChangeTreeData(() => fired.push(Date.now()));
    try {
      const result = await run<{ id: string }>('addServer', { name: 'refresh-probe', url: suite.env.url, username: suite.env.username, password: suite.env.password, apps: [`${APP}-probe`] });
      assert.ok(result?.ok);
      const probeSession = suite.api.commands.manager.server(result.value.id)!.session!;
      await until(() => probeSession.status.state === 'connected', 'connected', 15_000);
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push((await probeSession.rest.originate({ endpoint: 'Local/100@default', app: `${APP}-probe` })).id);
      await until(() => ids.every((id) => probeSession.model.channels.get(id)?.stasisApp === `${APP}-probe`), 'ten channels in the app', 15_000);
      for (const id of ids) await probeSession.rest.hangup(id);
      await until(() => ids.every((id) => !probeSession.model.channels.get(id)), 'the channels gone', 15_000);
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(fired.length > 0, 'the provider never told the view to refresh');
      for (let i = 10; i < fired.length; i++) assert.ok(fired[i] - fired[i - 10] >= 900, `more than 10 refreshes within a second: ${fired.slice(i - 10, i + 1).join(',')}`);
      suite.ui.answer('Remove');
      assert.ok((await run('removeServer', { serverId: result.value.id }))?.ok);
    } finally {
      subscription.dispose();
    }
  });

  it('Add Server: shows the Asterisk version, stores the password only in SecretStorage, and connects', async () => {
    const result = await run<{ id: string; version: string }>('addServer', { name: 'sandbox', url: suite.env.url, username: suite.env.username, password: suite.env.password, apps: [APP] });
    assert.ok(result?.ok, JSON.stringify(result));
    suite.serverId = result.value.id;
    assert.match(result.value.version, /^22\./);
    assert.match(suite.ui.last('info')!.message, /Connected to Asterisk 22\.\d+\.\d+/);
    const saved = configuredServers();
    assert.ok(saved.includes('"sandbox"') && saved.includes(suite.serverId));
    assert.ok(!saved.includes(suite.env.password), 'the password is in the settings');
    assert.ok(!/password/i.test(saved), 'a password field is in the settings');
    assert.strictEqual(await suite.api.commands.store.password(suite.serverId), suite.env.password);
    await until(() => session()?.status.state === 'connected', 'connected', 15_000);
  });

  it('while the view is hidden the tree refreshes nothing, and shown again it catches up at once', async () => {
    const fired: unknown[] = [];
    const subscription = tree().onDidChangeTreeData((change) => fired.push(change));
    try {
      await showTree(false);
      // VS Code tells the view it is hidden a moment after the command that hid it.
      await until(() => !tree().isVisible, 'the view hidden', 5_000);
      // A refresh of the connect just before may have gone out while the view was still shown.
      fired.length = 0;
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) ids.push((await session().rest.originate({ endpoint: 'Local/100@default', app: APP })).id);
      await until(() => ids.every((id) => session().model.channels.get(id)?.stasisApp === APP), 'three channels in the app', 15_000);
      for (const id of ids) await session().rest.hangup(id);
      await until(() => ids.every((id) => !session().model.channels.get(id)), 'the channels gone', 15_000);
      await new Promise((r) => setTimeout(r, 300));
      assert.deepStrictEqual(fired, [], 'the hidden view was told to refresh');
      await showTree();
      await until(() => tree().isVisible, 'the view shown', 5_000);
      await until(() => fired.length > 0, 'a refresh once the view is shown', 5_000);
      assert.strictEqual(fired[0], undefined, 'the catch-up refreshes the whole view');
    } finally {
      subscription.dispose();
      await showTree();
    }
  });

  it('the tree shows server → our app, and the status bar says connected 1 of 1', async () => {
    await until(() => appNode(APP), `app ${APP} in the tree`, 15_000);
    const serverItem = tree().getTreeItem(children()[0]);
    assert.strictEqual(serverItem.contextValue, 'server.connected');
    assert.match(String(serverItem.description), /connected · Asterisk 22\./);
    assert.strictEqual(tree().getTreeItem(appNode(APP)!).contextValue, 'app.owned');
    assert.match(suite.api.statusBar.text, /ARI 1\/1/);
  });

  it('several servers side by side: a second one connects too, and the status bar counts both', async () => {
    const second = await run<{ id: string }>('addServer', { name: 'sandbox-observer', url: suite.env.url, username: suite.env.viewerUsername, password: suite.env.viewerPassword, apps: [] });
    assert.ok(second?.ok, JSON.stringify(second));
    await until(() => suite.api.commands.manager.server(second.value.id)?.session?.status.state === 'connected', 'the second server connected', 15_000);
    assert.deepStrictEqual(children().map((n) => tree().getTreeItem(n).label), ['sandbox', 'sandbox-observer']);
    await until(() => /ARI 2\/2/.test(suite.api.statusBar.text), 'ARI 2/2 in the status bar', 15_000);
    suite.ui.answer('Remove');
    assert.ok((await run('removeServer', { serverId: second.value.id }))?.ok);
    assert.strictEqual(children().length, 1);
  });

  it('a password changed on Asterisk under a connected server: the tree item and the status bar say it was rejected', async function () {
    this.timeout(90_000);
    const conf = liveAriConf();
    const original = fs.readFileSync(conf, 'utf8');
    const user = `vscode-rotating-${process.pid}`;
    let id: string | undefined;
    try {
      fs.writeFileSync(conf, `${original}\n[${user}]\ntype=user\nread_only=no\npassword=before-rotation\npassword_format=plain\n`);
      await asteriskCli('module reload res_ari.so');
      const added = await run<{ id: string }>('addServer', { name: 'sandbox-rotating', url: suite.env.url, username: user, password: 'before-rotation', apps: [`${APP}-rot`] });
      assert.ok(added?.ok, JSON.stringify(added));
      id = added.value.id;
      await until(() => suite.api.commands.manager.server(id!)?.session?.status.state === 'connected', 'the server connected', 15_000);
      fs.writeFileSync(conf, fs.readFileSync(conf, 'utf8').replace('password=before-rotation', 'password=after-rotation'));
      await asteriskCli('module reload res_ari.so');
      await asteriskCli('ari shutdown websocket sessions');
      await until(() => suite.api.commands.manager.server(id!)?.session?.status.state === 'failed', 'the server to fail', 30_000);
      const item = tree().getTreeItem(children().find((n) => n.kind === 'server' && n.serverId === id)!);
      assert.match(String(item.description), /^error: .*rejected the username or password \(HTTP 401\)/);
      assert.strictEqual(item.contextValue, 'server.failed');
      await until(() => /\$\(error\) ARI 1\/2/.test(suite.api.statusBar.text), `the status bar to show the error (it shows "${suite.api.statusBar.text}")`, 10_000);
      assert.ok(!String(item.description).includes('rotation') && !String(item.tooltip).includes('rotation'), 'no password in the tree item');
    } finally {
      fs.writeFileSync(conf, original);
      await asteriskCli('module reload res_ari.so');
      if (id) {
        suite.ui.answer('Remove');
        await run('removeServer', { serverId: id });
      }
    }
  });

  it('Edit Server: a wrong new password is refused before saving; a right one is saved and the session reconnects', async () => {
    const before = configuredServers();
    const refused = await run('editServer', { serverId: suite.serverId }, { name: 'sandbox', url: suite.env.url, username: suite.env.username, password: 'not-the-password', apps: [APP] });
    assert.strictEqual(refused?.ok, false);
    assert.match(suite.ui.last('error')!.message, /rejected the username or password/);
    assert.strictEqual(configuredServers(), before);
    assert.strictEqual(await suite.api.commands.store.password(suite.serverId), suite.env.password);

    const oldSession = session();
    const edited = await run('editServer', { serverId: suite.serverId }, { name: 'sandbox', url: suite.env.url, username: suite.env.username, password: suite.env.password, apps: [APP] });
    assert.ok(edited?.ok);
    await until(() => session() && session() !== oldSession && session().status.state === 'connected', 'a new connected session', 15_000);
    await until(() => appNode(APP), 'our app back in the tree', 15_000);
  });

  it('servers defined in the workspace settings are not connected to, and the user is told why', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    const hostile = { id: 'from-workspace', name: 'from-workspace', url: 'http://127.0.0.1:1', username: 'asterisk', apps: ['x'] };
    try {
      fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'stasisExplorer.servers': [hostile] }, null, 2));
      const { line } = await waitForLogLine(/\[warning\] .*settings\.json defines stasisExplorer\.servers; Stasis Explorer ignores servers from workspace settings/, 20_000);
      assert.match(line, /ARI: Add Server/);
      assert.match(suite.ui.last('warn')?.message ?? '', /ignores servers from workspace settings and does not connect to them/);
      assert.ok(!suite.api.commands.manager.servers.some((s) => s.settings.id === 'from-workspace'), 'the workspace server is not among the servers');
      assert.ok(!children().some((n) => tree().getTreeItem(n).label === 'from-workspace'));
    } finally {
      fs.rmSync(path.join(folder, '.vscode'), { recursive: true, force: true });
    }
  });
});
