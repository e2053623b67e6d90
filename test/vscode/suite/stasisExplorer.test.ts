// Stasis Explorer in a real VS Code extension host, against the real Asterisk sandbox: the
// commands as the palette and the tree call them, the tree through its provider, the log file.
// The tests run in order and build on each other, as a user's session would.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { StasisExplorerApi } from '../../../src/extension';
import type { CommandResult } from '../../../src/ui/commands/CommandContext';
import type { SettledMove } from '../../../src/model/MoveTracker';
import type { StasisNode } from '../../../src/ui/tree/nodes';
import type { JourneyView } from '../../../src/inspector/protocol';
import { OtherAriClient } from '../../integration/support/OtherAriClient';
import { asteriskCli, liveAriConf, placeCall, sandboxEnv, startAsterisk, stopAsterisk, type SandboxEnv } from '../../integration/support/sandbox';
import { EXTENSION_ID, extensionLogText, waitForLogLine } from './support/extensionLog';
import { RecordingUi } from './support/RecordingUi';

const run = <T = unknown>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<CommandResult<T>>(`stasisExplorer.${command}`, ...args);
const APP = `vscode-it-${process.pid}`;
const DEST = `vscode-dest-${process.pid}`;

async function until<T>(probe: () => T | undefined | false, what: string, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('Stasis Explorer commands and tree against the real Asterisk', function () {
  this.timeout(60_000);
  let api: StasisExplorerApi;
  let ui: RecordingUi;
  let env: SandboxEnv;
  let serverId: string;

  const tree = () => api.commands.tree;
  const session = () => api.commands.manager.server(serverId)!.session!;
  const children = (node?: StasisNode) => tree().getChildren(node);
  const appNode = (name: string) => children(children()[0]).find((n) => n.kind === 'app' && n.app === name);
  const channelNodes = (app: string) => {
    const node = appNode(app);
    return node ? children(node) : [];
  };
  const configuredServers = () => JSON.stringify(vscode.workspace.getConfiguration('stasisExplorer').get('servers'));

  before(async () => {
    env = await sandboxEnv();
    const ext = vscode.extensions.getExtension<StasisExplorerApi>(EXTENSION_ID)!;
    api = await ext.activate();
  });

  beforeEach(() => {
    ui = new RecordingUi();
    api.commands.ui = ui;
  });

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
      const result = await run<{ id: string }>('addServer', { name: 'refresh-probe', url: env.url, username: env.username, password: env.password, apps: [`${APP}-probe`] });
      assert.ok(result?.ok);
      const probeSession = api.commands.manager.server(result.value.id)!.session!;
      await until(() => probeSession.status.state === 'connected', 'connected');
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push((await probeSession.rest.originate({ endpoint: 'Local/100@default', app: `${APP}-probe` })).id);
      await until(() => ids.every((id) => probeSession.state.channel(id)?.stasisApp === `${APP}-probe`), 'ten channels in the app');
      for (const id of ids) await probeSession.rest.hangup(id);
      await until(() => ids.every((id) => !probeSession.state.channel(id)), 'the channels gone');
      await new Promise((r) => setTimeout(r, 300));
      assert.ok(fired.length > 0, 'the provider never told the view to refresh');
      for (let i = 10; i < fired.length; i++) assert.ok(fired[i] - fired[i - 10] >= 900, `more than 10 refreshes within a second: ${fired.slice(i - 10, i + 1).join(',')}`);
      ui.answer('Remove');
      assert.ok((await run('removeServer', { serverId: result.value.id }))?.ok);
    } finally {
      subscription.dispose();
    }
  });

  it('Add Server with a malformed URL: a message that says what to do, and nothing saved', async () => {
    const result = await run('addServer', { name: 'bad', url: '127.0.0.1:8088', username: 'asterisk', password: 'x', apps: [] });
    assert.strictEqual(result?.ok, false);
    assert.match(ui.last('error')!.message, /no scheme\. Write it as http:\/\/127\.0\.0\.1:8088/);
    assert.strictEqual(configuredServers(), '[]');
  });

  it('Add Server with an app name holding a comma: refused, nothing saved', async () => {
    const result = await run('addServer', { name: 'bad', url: env.url, username: 'asterisk', password: 'x', apps: ['a,b'] });
    assert.strictEqual(result?.ok, false);
    assert.match(ui.last('error')!.message, /contains a comma/);
    assert.strictEqual(configuredServers(), '[]');
  });

  it('Add Server with a wrong password: tested against Asterisk first, the 401 explained, nothing saved', async () => {
    const result = await run('addServer', { name: 'sandbox', url: env.url, username: env.username, password: 'wrong-password', apps: [APP] });
    assert.strictEqual(result?.ok, false);
    const message = ui.last('error')!.message;
    assert.match(message, /rejected the username or password/);
    assert.ok(!message.includes('wrong-password'));
    assert.strictEqual(configuredServers(), '[]');
  });

  it('Add Server through the prompts validates as you type (an input refused by validateInput)', async () => {
    ui.answer('pbx-typed', 'ws://127.0.0.1:8088');
    const result = await run('addServer');
    assert.strictEqual(result, undefined);
    assert.match(ui.shown.find((s) => s.message.startsWith('validation:'))!.message, /WebSocket URL/);
    assert.strictEqual(configuredServers(), '[]');
  });

  it('Add Server: shows the Asterisk version, stores the password only in SecretStorage, and connects', async () => {
    const result = await run<{ id: string; version: string }>('addServer', { name: 'sandbox', url: env.url, username: env.username, password: env.password, apps: [APP] });
    assert.ok(result?.ok, JSON.stringify(result));
    serverId = result.value.id;
    assert.match(result.value.version, /^22\./);
    assert.match(ui.last('info')!.message, /Connected to Asterisk 22\.\d+\.\d+/);
    const saved = configuredServers();
    assert.ok(saved.includes('"sandbox"') && saved.includes(serverId));
    assert.ok(!saved.includes(env.password), 'the password is in the settings');
    assert.ok(!/password/i.test(saved), 'a password field is in the settings');
    assert.strictEqual(await api.commands.store.password(serverId), env.password);
    await until(() => session()?.status.state === 'connected', 'connected');
  });

  it('the tree shows server → our app, and the status bar says connected 1 of 1', async () => {
    await until(() => appNode(APP), `app ${APP} in the tree`);
    const serverItem = tree().getTreeItem(children()[0]);
    assert.strictEqual(serverItem.contextValue, 'server.connected');
    assert.match(String(serverItem.description), /connected · Asterisk 22\./);
    assert.strictEqual(tree().getTreeItem(appNode(APP)!).contextValue, 'app.owned');
    assert.match(api.statusBar.text, /ARI 1\/1/);
  });

  it('several servers side by side: a second one connects too, and the status bar counts both', async () => {
    const second = await run<{ id: string }>('addServer', { name: 'sandbox-observer', url: env.url, username: env.viewerUsername, password: env.viewerPassword, apps: [] });
    assert.ok(second?.ok, JSON.stringify(second));
    await until(() => api.commands.manager.server(second.value.id)?.session?.status.state === 'connected', 'the second server connected');
    assert.deepStrictEqual(children().map((n) => tree().getTreeItem(n).label), ['sandbox', 'sandbox-observer']);
    await until(() => /ARI 2\/2/.test(api.statusBar.text), 'ARI 2/2 in the status bar');
    ui.answer('Remove');
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
      const added = await run<{ id: string }>('addServer', { name: 'sandbox-rotating', url: env.url, username: user, password: 'before-rotation', apps: [`${APP}-rot`] });
      assert.ok(added?.ok, JSON.stringify(added));
      id = added.value.id;
      await until(() => api.commands.manager.server(id!)?.session?.status.state === 'connected', 'the server connected');
      fs.writeFileSync(conf, fs.readFileSync(conf, 'utf8').replace('password=before-rotation', 'password=after-rotation'));
      await asteriskCli('module reload res_ari.so');
      await asteriskCli('ari shutdown websocket sessions');
      await until(() => api.commands.manager.server(id!)?.session?.status.state === 'failed', 'the server to fail', 30_000);
      const item = tree().getTreeItem(children().find((n) => n.kind === 'server' && n.serverId === id)!);
      assert.match(String(item.description), /^error: .*rejected the username or password \(HTTP 401\)/);
      assert.strictEqual(item.contextValue, 'server.failed');
      await until(() => /\$\(error\) ARI 1\/2/.test(api.statusBar.text), `the status bar to show the error (it shows "${api.statusBar.text}")`, 10_000);
      assert.ok(!String(item.description).includes('rotation') && !String(item.tooltip).includes('rotation'), 'no password in the tree item');
    } finally {
      fs.writeFileSync(conf, original);
      await asteriskCli('module reload res_ari.so');
      if (id) {
        ui.answer('Remove');
        await run('removeServer', { serverId: id });
      }
    }
  });

  it('Edit Server: a wrong new password is refused before saving; a right one is saved and the session reconnects', async () => {
    const before = configuredServers();
    const refused = await run('editServer', { serverId }, { name: 'sandbox', url: env.url, username: env.username, password: 'not-the-password', apps: [APP] });
    assert.strictEqual(refused?.ok, false);
    assert.match(ui.last('error')!.message, /rejected the username or password/);
    assert.strictEqual(configuredServers(), before);
    assert.strictEqual(await api.commands.store.password(serverId), env.password);

    const oldSession = session();
    const edited = await run('editServer', { serverId }, { name: 'sandbox', url: env.url, username: env.username, password: env.password, apps: [APP] });
    assert.ok(edited?.ok);
    await until(() => session() && session() !== oldSession && session().status.state === 'connected', 'a new connected session');
    await until(() => appNode(APP), 'our app back in the tree');
  });

  it('Register Application with a comma in the name is refused with a clear message', async () => {
    const result = await run('registerApp', { serverId }, 'bad,name');
    assert.strictEqual(result?.ok, false);
    assert.match(ui.last('error')!.message, /contains a comma/);
  });

  it('Register Application: registers, and says endpoints with context=stasis-<app> land there', async () => {
    const result = await run('registerApp', { serverId }, DEST);
    assert.ok(result?.ok);
    assert.match(ui.last('info')!.message, new RegExp(`context=stasis-${DEST} now land in it`));
    await until(() => appNode(DEST), 'the new app in the tree');
  });

  it('Register Application of an app another client holds: warns about the takeover, and Cancel leaves it alone', async () => {
    const theirs = `vscode-theirs-${process.pid}`;
    const other = await OtherAriClient.connect(env, [theirs]);
    try {
      ui.answer(undefined);
      const cancelled = await run('registerApp', { serverId }, theirs);
      assert.strictEqual(cancelled, undefined);
      const warning = ui.last('warn')!;
      assert.ok(warning.modal);
      assert.match(warning.message, /takes it away from the client that holds it now.*ApplicationReplaced/);
      assert.ok(!session().ownedApps.includes(theirs));

      ui.answer('Take Over');
      const taken = await run('registerApp', { serverId }, theirs);
      assert.ok(taken?.ok);
      await until(() => other.events.some((e) => e.type === 'ApplicationReplaced'), 'ApplicationReplaced at the other client');
    } finally {
      await other.close();
    }
  });

  it('a real SIP call appears in the tree under its app, with its caller name, as plain text', async () => {
    const hostile = "Zoë <img src=x onerror=alert(1)> [x](command:workbench.action.quit)";
    const call = placeCall({ to: 'alice', callerName: hostile, hold: 2, timeout: 40 });
    await run('registerApp', { serverId }, 'ari-example1');
    const node = await until(() => channelNodes('ari-example1')[0], 'a channel under ari-example1', 20_000);
    const item = tree().getTreeItem(node);
    assert.match(String(item.label), /^PJSIP\/alice-/);
    assert.ok(String(item.description).includes(hostile));
    assert.strictEqual(typeof item.tooltip, 'string', 'the tooltip is plain text, not markdown');
    assert.strictEqual(item.contextValue, 'channel.ring.inStasis');
    (globalThis as { sippCall?: unknown }).sippCall = call;
  });

  it('Answer Channel from the tree item makes it Up', async () => {
    const node = channelNodes('ari-example1')[0];
    const result = await run('answerChannel', node);
    assert.ok(result?.ok);
    await until(() => tree().getTreeItem(channelNodes('ari-example1')[0] ?? node).contextValue === 'channel.up.inStasis', 'the channel is Up');
  });

  it('Move Channel with args: the channel appears under the destination, and the log says so', async () => {
    const node = channelNodes('ari-example1')[0];
    const channelId = node.kind === 'channel' ? node.channelId : '';
    const result = await run<SettledMove>('moveChannel', node, { app: DEST, args: ['some', 'example', 'args'] });
    assert.ok(result?.ok);
    assert.deepStrictEqual(result.value.outcome, { kind: 'moved', args: ['some', 'example', 'args'] });
    await until(() => channelNodes(DEST).some((n) => n.kind === 'channel' && n.channelId === channelId), 'the channel under the destination');
    assert.ok(!channelNodes('ari-example1').some((n) => n.kind === 'channel' && n.channelId === channelId));
    await waitForLogLine(new RegExp(`\\[info\\] \\[sandbox\\] move of .*\\(${channelId.replace('.', '\\.')}\\) to "${DEST}" with args \\["some","example","args"\\]: moved`));
  });

  it('Move Channel through the palette prompts: pick the channel, pick the app, type the args', async () => {
    const channelId = (channelNodes(DEST)[0] as { channelId: string }).channelId;
    ui.answer((items) => items.find((i) => i.detail === channelId), 'ari-example1', 'back,again');
    const result = await run<SettledMove>('moveChannel');
    assert.ok(result?.ok, JSON.stringify(ui.shown));
    assert.deepStrictEqual(result.value.outcome, { kind: 'moved', args: ['back', 'again'] });
    assert.match(ui.shown.find((s) => s.kind === 'input')!.message, /separated by commas/);
  });

  it('Move Channel to an unregistered app: a warning with Retry / Move Elsewhere… / Continue in Dialplan, and a warn log line', async () => {
    const node = channelNodes('ari-example1')[0];
    const missing = `nobody-${process.pid}`;
    const result = await run<SettledMove>('moveChannel', node, { app: missing, args: ['x'] });
    assert.ok(result?.ok);
    assert.deepStrictEqual(result.value.outcome, { kind: 'failed', destination: missing, args: ['x'] });
    const warning = await ui.waitFor('warn', new RegExp(`to "${missing}" with args \\[x\\] failed`));
    assert.deepStrictEqual(warning.actions, ['Retry', 'Move Elsewhere…', 'Continue in Dialplan']);
    await waitForLogLine(new RegExp(`\\[warning\\] \\[sandbox\\] move of .* to "${missing}" .*FAILED: ApplicationMoveFailed`));
  });

  it('Show Channel Journey: the inspector shows both apps and the args, and the failed move', async () => {
    const node = channelNodes('ari-example1')[0];
    const result = await run<JourneyView>('showJourney', node);
    assert.ok(result?.ok);
    const steps = result.value.steps.join('\n');
    assert.match(steps, new RegExp(`moved ari-example1 → ${DEST} \\[some, example, args\\]`));
    assert.match(steps, new RegExp(`moved ${DEST} → ari-example1 \\[back, again\\]`));
    assert.match(steps, /move to nobody-\d+ FAILED/);
    assert.ok(result.value.eventIds.length >= 5, 'the channel\'s events are listed with the journey');
  });

  it('Open Event Inspector: the panel receives the events of a live call in batches', async () => {
    assert.ok((await run('openInspector'))?.ok);
    const panel = await until(() => api.inspector(), 'the inspector panel');
    await until(() => panel.isReady, 'the webview to say it is ready', 20_000);
    const before = panel.batchesSent;
    const id = (await run<string>('originate', { serverId }, { endpoint: 'Local/100@default', app: APP, args: ['inspect'], callerId: '' }))!;
    assert.ok(id.ok);
    await until(() => panel.batchesSent > before, 'a batch of events sent to the webview');
    await run('hangupChannel', { serverId, channelId: id.value }, 'normal');
  });

  it('Export Events writes NDJSON without credentials; Import reads it back and names bad lines by number', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-export-'));
    const file = vscode.Uri.file(path.join(dir, 'events.ndjson'));
    const exported = await run<number>('exportEvents', file);
    assert.ok(exported?.ok && exported.value > 5, JSON.stringify(exported));
    const text = fs.readFileSync(file.fsPath, 'utf8');
    assert.strictEqual(text.trim().split('\n').length, exported.value);
    assert.match(text, /"type":"ApplicationMoveFailed"/);
    assert.ok(!text.includes(env.password) && !text.includes(Buffer.from(`${env.username}:${env.password}`).toString('base64')), 'credentials in the export');

    const broken = vscode.Uri.file(path.join(dir, 'broken.ndjson'));
    const lines = text.trim().split('\n');
    fs.writeFileSync(broken.fsPath, [lines[0], '{oops', lines[1], '{"no":"type"}'].join('\n'));
    ui.answer('Import 2, Skip 2');
    const imported = await run<number>('importEvents', broken);
    assert.ok(imported?.ok);
    assert.strictEqual(imported.value, 2);
    assert.match(ui.last('warn')!.message, /2 events can be imported, 2 lines cannot \(line 2: not JSON .*; line 4: no "type"/);

    const garbage = vscode.Uri.file(path.join(dir, 'garbage.txt'));
    fs.writeFileSync(garbage.fsPath, 'hello\nworld\n');
    const refused = await run('importEvents', garbage);
    assert.strictEqual(refused?.ok, false);
    assert.match(ui.last('error')!.message, /Nothing imported .*line 1: not JSON/);
  });

  it('Hang Up Channel with a reason: the channel leaves the tree, and sipp ends cleanly', async () => {
    const node = channelNodes('ari-example1')[0];
    const result = await run('hangupChannel', node, 'normal');
    assert.ok(result?.ok);
    await until(() => channelNodes('ari-example1').length === 0, 'the channel to leave the tree');
    const call = (globalThis as { sippCall?: ReturnType<typeof placeCall> }).sippCall!;
    const ended = await call.done;
    assert.strictEqual(ended.code, 0, ended.output);
  });

  it('Originate Test Call into our app with args and caller id', async () => {
    const result = await run<string>('originate', { serverId }, { endpoint: 'Local/100@default', app: APP, args: ['demo'], callerId: '"Tester" <100>' });
    assert.ok(result?.ok);
    await until(() => session().state.channel(result.value)?.stasisApp === APP, 'the originated channel in the app');
    assert.deepStrictEqual(session().state.channel(result.value)?.args, ['demo']);
    await run('hangupChannel', { serverId, channelId: result.value }, 'normal');
  });

  it('Asterisk stopped: the status bar and the server item say reconnecting; started again: connected, and the tree follows Asterisk', async function () {
    this.timeout(120_000);
    const inside = await run<string>('originate', { serverId }, { endpoint: 'Local/100@default', app: APP, args: [], callerId: '' });
    assert.ok(inside?.ok);
    await until(() => channelNodes(APP).length > 0, 'the channel in the tree');
    await stopAsterisk();
    try {
      await until(() => /reconnecting/.test(api.statusBar.text), 'the status bar to say reconnecting', 30_000);
      const item = tree().getTreeItem(children()[0]);
      assert.match(String(item.description), /^reconnecting in \d+ s \(.+\)$/);
    } finally {
      await startAsterisk();
    }
    await until(() => session().status.state === 'connected' && /ARI 1\/1/.test(api.statusBar.text), 'connected again', 60_000);
    await until(() => channelNodes(APP).length === 0, 'the channel Asterisk hung up while stopping gone from the tree', 20_000);
    assert.strictEqual(tree().getTreeItem(children()[0]).contextValue, 'server.connected');
  });

  it('Unregister Application: the app is no longer ours', async () => {
    const result = await run('unregisterApp', { serverId, app: DEST });
    assert.ok(result?.ok);
    assert.ok(!session().ownedApps.includes(DEST));
    await until(() => !appNode(DEST) || tree().getTreeItem(appNode(DEST)!).contextValue === 'app.observed', 'the app no longer shown as ours');
  });

  it('Disconnect: the server shows disconnected and channel commands have nothing to act on', async () => {
    const result = await run('disconnect', { serverId });
    assert.ok(result?.ok);
    assert.strictEqual(tree().getTreeItem(children()[0]).contextValue, 'server.disconnected');
    assert.deepStrictEqual(children(children()[0]), []);
    assert.match(api.statusBar.text, /ARI 0\/1/);
    const answer = await run('answerChannel');
    assert.strictEqual(answer?.ok, false);
    assert.match(ui.last('error')!.message, /No ARI server is connected/);
    const log = extensionLogText();
    assert.ok(!log.includes(Buffer.from(`${env.username}:${env.password}`).toString('base64')), 'an Authorization header in the log');
    assert.ok(!/api_key=/.test(log), 'credentials in a URL in the log');
    assert.ok(!log.includes(env.password), 'the password in the log');
  });

  it('servers defined in the workspace settings are not connected to, and the user is told why', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    fs.mkdirSync(path.join(folder, '.vscode'), { recursive: true });
    const hostile = { id: 'from-workspace', name: 'from-workspace', url: 'http://127.0.0.1:1', username: 'asterisk', apps: ['x'] };
    try {
      fs.writeFileSync(path.join(folder, '.vscode', 'settings.json'), JSON.stringify({ 'stasisExplorer.servers': [hostile] }, null, 2));
      const { line } = await waitForLogLine(/\[warning\] .*settings\.json defines stasisExplorer\.servers; Stasis Explorer ignores servers from workspace settings/, 20_000);
      assert.match(line, /ARI: Add Server/);
      assert.match(ui.last('warn')?.message ?? '', /ignores servers from workspace settings and does not connect to them/);
      assert.ok(!api.commands.manager.servers.some((s) => s.settings.id === 'from-workspace'), 'the workspace server is not among the servers');
      assert.ok(!children().some((n) => tree().getTreeItem(n).label === 'from-workspace'));
    } finally {
      fs.rmSync(path.join(folder, '.vscode'), { recursive: true, force: true });
    }
  });

  it('Remove Server: asks first, then deletes the settings entry and the stored password', async () => {
    ui.answer('Remove');
    const result = await run('removeServer', { serverId });
    assert.ok(result?.ok);
    assert.ok(ui.last('warn')!.modal);
    assert.strictEqual(configuredServers(), '[]');
    assert.strictEqual(await api.commands.store.password(serverId), undefined);
    assert.deepStrictEqual(children(), []);
  });
});
