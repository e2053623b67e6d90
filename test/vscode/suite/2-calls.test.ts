// Calls in a real VS Code: a SIP call in the tree, the commands from its items, the journey and
// the Event Inspector, Asterisk stopped. Runs after
// 1-servers.test.ts, on the server it added (see support/suite.ts); 9-leaving.test.ts removes it.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { Bridge } from '../../../src/ari/generated/ariTypes';
import type { SettledMove } from '../../../src/model/moves/MoveTracker';
import type { StasisNode } from '../../../src/ui/tree/nodes';
import type { JourneyView } from '../../../src/inspector/protocol';
import { placeCall, startAsterisk, stopAsterisk } from '../../integration/support/sandbox';
import { UserAriApp } from '../../integration/support/UserAriApp';
import { until } from '../../support/until';
import { waitForLogLine } from './support/extensionLog';
import { APP, appNode, channelNodes, children, DEST, run, session, suite, tree, useSuite } from './support/suite';

/** A drag and drop in the view, through the controller as VS Code calls it: handleDrag on the dragged items, then handleDrop on the target. */
async function dragAndDrop(dragged: StasisNode[], target: StasisNode): Promise<void> {
  const data = new vscode.DataTransfer();
  const token = new vscode.CancellationTokenSource().token;
  await suite.api.dragAndDrop.handleDrag!(dragged, data, token);
  await suite.api.dragAndDrop.handleDrop!(target, data, token);
}

describe('Calls in VS Code: tree items, commands, the inspector, the log', function () {
  this.timeout(60_000);
  useSuite();

  it('Register Application: registers, and says endpoints with context=stasis-<app> land there', async () => {
    const result = await run('registerApp', { serverId: suite.serverId }, DEST);
    assert.ok(result?.ok);
    assert.match(suite.ui.last('info')!.message, new RegExp(`context=stasis-${DEST} now land in it`));
    await until(() => appNode(DEST), 'the new app in the tree', 15_000);
  });

  it('a real SIP call appears in the tree under its app, with its caller name, as plain text', async () => {
    const hostile = "Zoë <img src=x onerror=alert(1)> [x](command:workbench.action.quit)";
    const call = placeCall({ to: 'alice', callerName: hostile, hold: 2, timeout: 40 });
    await run('registerApp', { serverId: suite.serverId }, 'ari-example1');
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
    await until(() => tree().getTreeItem(channelNodes('ari-example1')[0] ?? node).contextValue === 'channel.up.inStasis', 'the channel is Up', 15_000);
  });

  it('Endpoints: each endpoint with its state, its calls, and where a PJSIP one routes them', async () => {
    const endpoints = await until(() => children(children()[0]).find((n) => n.kind === 'endpoints'), 'the Endpoints node under the server', 15_000);
    assert.match(String(tree().getTreeItem(endpoints).description), /^\d+ · \d+ online$/);
    const alice = await until(() => children(endpoints).find((n) => n.kind === 'endpoint' && n.endpointId === 'PJSIP/alice'), 'PJSIP/alice under Endpoints', 15_000);
    await until(() => String(tree().getTreeItem(alice).description).includes('→ ari-example1 (no dialplan)'), () => `alice routed to ari-example1: ${tree().getTreeItem(alice).description}`, 15_000);
    assert.match(String(tree().getTreeItem(alice).description), /· 1 channel ·/, 'the SIP call is on alice');
    assert.match(String(tree().getTreeItem(alice).tooltip), /Context: stasis-ari-example1: its calls land in the Stasis app ari-example1, with no dialplan/);
  });

  it('Move Channel with args: the channel appears under the destination, and the log says so', async () => {
    const node = channelNodes('ari-example1')[0];
    const channelId = node.kind === 'channel' ? node.channelId : '';
    const result = await run<SettledMove>('moveChannel', node, { app: DEST, args: ['some', 'example', 'args'] });
    assert.ok(result?.ok);
    assert.deepStrictEqual(result.value.outcome, { kind: 'moved', args: ['some', 'example', 'args'] });
    await until(() => channelNodes(DEST).some((n) => n.kind === 'channel' && n.channelId === channelId), 'the channel under the destination', 15_000);
    assert.ok(!channelNodes('ari-example1').some((n) => n.kind === 'channel' && n.channelId === channelId));
    await waitForLogLine(new RegExp(`\\[info\\] \\[sandbox\\] move of .*\\(${channelId.replace('.', '\\.')}\\) to "${DEST}" with args \\["some","example","args"\\]: moved`));
  });

  it('Move Channel back from the tree item of the destination, with other args', async () => {
    const node = channelNodes(DEST)[0];
    const result = await run<SettledMove>('moveChannel', node, { app: 'ari-example1', args: ['back', 'again'] });
    assert.ok(result?.ok, JSON.stringify(suite.ui.shown));
    assert.deepStrictEqual(result.value.outcome, { kind: 'moved', args: ['back', 'again'] });
    await until(() => channelNodes('ari-example1').length === 1, 'the channel back under ari-example1', 15_000);
  });

  it('a call dragged onto another app moves there, asking for its args; two selected calls run a command for each', async () => {
    const node = channelNodes('ari-example1')[0];
    const channelId = node.kind === 'channel' ? node.channelId : '';
    suite.ui.answer('dragged,here');
    await dragAndDrop([node], appNode(DEST)!);
    await until(() => session().model.channels.get(channelId)?.stasisApp === DEST, 'the call moved to the app it was dropped on', 15_000);
    assert.deepStrictEqual(session().model.channels.get(channelId)?.args, ['dragged', 'here']);
    suite.ui.answer('');
    await dragAndDrop(channelNodes(DEST).filter((n) => n.kind === 'channel'), appNode('ari-example1')!);
    await until(() => channelNodes('ari-example1').length === 1, 'dragged back', 15_000);
    // A menu on one of two selected items: the command runs for each of them.
    const second = await run<string>('originate', { serverId: suite.serverId }, { endpoint: 'Local/100@default', app: 'ari-example1', args: [], callerId: '"Second" <201>' });
    assert.ok(second?.ok);
    const both = await until(() => (channelNodes('ari-example1').length === 2 ? channelNodes('ari-example1') : undefined), 'two calls under ari-example1', 15_000);
    const copied: string[] = [];
    const copy = suite.ui.copy.bind(suite.ui);
    suite.ui.copy = async (text: string) => void copied.push(text);
    try {
      await run('copyChannelId', both[0], both);
    } finally {
      suite.ui.copy = copy;
    }
    assert.deepStrictEqual(copied.sort(), both.map((n) => (n.kind === 'channel' ? n.channelId : '')).sort());
    assert.ok((await run('hangupChannel', { serverId: suite.serverId, channelId: second.value }, 'normal'))?.ok);
    await until(() => channelNodes('ari-example1').length === 1, 'the second call gone', 15_000);
  });

  it('Move Channel to an unregistered app: a warning with Retry / Move Elsewhere… / Continue in Dialplan, and a warn log line', async () => {
    const node = channelNodes('ari-example1')[0];
    const missing = `nobody-${process.pid}`;
    const result = await run<SettledMove>('moveChannel', node, { app: missing, args: ['x'] });
    assert.ok(result?.ok);
    assert.deepStrictEqual(result.value.outcome, { kind: 'failed', destination: missing, args: ['x'] });
    const warning = await suite.ui.waitFor('warn', new RegExp(`to "${missing}" with args \\[x\\] failed`));
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
    const panel = await until(() => suite.api.inspector(), 'the inspector panel', 15_000);
    await until(() => panel.isReady, 'the webview to say it is ready', 20_000);
    const before = panel.batchesSent;
    const id = (await run<string>('originate', { serverId: suite.serverId }, { endpoint: 'Local/100@default', app: APP, args: ['inspect'], callerId: '' }))!;
    assert.ok(id.ok);
    await until(() => panel.batchesSent > before, 'a batch of events sent to the webview', 15_000);
    await run('hangupChannel', { serverId: suite.serverId, channelId: id.value }, 'normal');
  });

  it('Export Events writes NDJSON without credentials; Import reads it back and names bad lines by number', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-export-'));
    const file = vscode.Uri.file(path.join(dir, 'events.ndjson'));
    const exported = await run<number>('exportEvents', file);
    assert.ok(exported?.ok && exported.value > 5, JSON.stringify(exported));
    const text = fs.readFileSync(file.fsPath, 'utf8');
    assert.strictEqual(text.trim().split('\n').length, exported.value);
    assert.match(text, /"type":"ApplicationMoveFailed"/);
    assert.ok(!text.includes(suite.env.password) && !text.includes(Buffer.from(`${suite.env.username}:${suite.env.password}`).toString('base64')), 'credentials in the export');

    const broken = vscode.Uri.file(path.join(dir, 'broken.ndjson'));
    const lines = text.trim().split('\n');
    fs.writeFileSync(broken.fsPath, [lines[0], '{oops', lines[1], '{"no":"type"}'].join('\n'));
    suite.ui.answer('Import 2, Skip 2');
    const imported = await run<number>('importEvents', broken);
    assert.ok(imported?.ok);
    assert.strictEqual(imported.value, 2);
    assert.match(suite.ui.last('warn')!.message, /2 events can be imported, 2 lines cannot \(line 2: not JSON .*; line 4: no "type"/);

    const garbage = vscode.Uri.file(path.join(dir, 'garbage.txt'));
    fs.writeFileSync(garbage.fsPath, 'hello\nworld\n');
    const refused = await run('importEvents', garbage);
    assert.strictEqual(refused?.ok, false);
    assert.match(suite.ui.last('error')!.message, /Nothing imported .*line 1: not JSON/);
  });

  it('Hang Up Channel with a reason: the channel leaves the tree, and sipp ends cleanly', async () => {
    const node = channelNodes('ari-example1')[0];
    const result = await run('hangupChannel', node, 'normal');
    assert.ok(result?.ok);
    await until(() => channelNodes('ari-example1').length === 0, 'the channel to leave the tree', 15_000);
    const call = (globalThis as { sippCall?: ReturnType<typeof placeCall> }).sippCall!;
    const ended = await call.done;
    assert.strictEqual(ended.code, 0, ended.output);
  });

  it('Asterisk stopped: the status bar and the server item say reconnecting; started again: connected, and the tree follows Asterisk', async function () {
    this.timeout(120_000);
    const inside = await run<string>('originate', { serverId: suite.serverId }, { endpoint: 'Local/100@default', app: APP, args: [], callerId: '' });
    assert.ok(inside?.ok);
    await until(() => channelNodes(APP).length > 0, 'the channel in the tree', 15_000);
    await stopAsterisk();
    try {
      await until(() => /reconnecting/.test(suite.api.statusBar.text), 'the status bar to say reconnecting', 30_000);
      const item = tree().getTreeItem(children()[0]);
      assert.match(String(item.description), /^reconnecting in \d+ s \(.+\)$/);
    } finally {
      await startAsterisk();
    }
    await until(() => session().status.state === 'connected' && /ARI 1\/1/.test(suite.api.statusBar.text), 'connected again', 60_000);
    await until(() => channelNodes(APP).length === 0, 'the channel Asterisk hung up while stopping gone from the tree', 20_000);
    assert.strictEqual(tree().getTreeItem(children()[0]).contextValue, 'server.connected');
  });

  it("Trace an App: the trace shows in the tree and the status bar; a user's app through it is read as its own, its failed move is notified with Show Journey, its REST errors are logged", async () => {
    const traced = `vscode-traced-${process.pid}`;
    const result = await run<{ url: string }>('traceApp', { serverId: suite.serverId, port: 18_000 + (process.pid % 1000) });
    assert.ok(result?.ok, JSON.stringify(suite.ui.shown));
    await until(() => children(children()[0])[0]?.kind === 'trace', 'the trace node, first under the server', 15_000);
    assert.match(suite.api.statusBar.text, /\$\(radio-tower\) tracing$/);
    const user = await UserAriApp.start({ ...suite.env, url: result.value.url }, [traced]);
    try {
      const channelId = `vscode-traced-${process.pid}`;
      const entered = user.next((e) => e.type === 'StasisStart', 'StasisStart through the trace');
      await user.originate(traced, channelId, 'one,two');
      await entered;
      await until(() => session().model.channels.get(channelId)?.knownFrom === 'events', 'the traced app\'s call, read from its own events', 15_000);
      assert.match(String(tree().getTreeItem(appNode(traced)!).description), /another client's · traced/);
      const missing = `nobody-traced-${process.pid}`;
      await user.move(channelId, missing, 'x');
      const notice = await suite.ui.waitFor('warn', new RegExp(`^${traced} moved Local/100@default-[^ ]+ to ${missing} with args x: failed, "${missing}" is not registered or has no client`));
      assert.deepStrictEqual(notice.actions, ['Show Journey']);
      await user.rest('POST', '/channels/no-such-channel/answer').catch(() => undefined);
      await waitForLogLine(/\[warning\] \[sandbox\] traced app: Answer channel "no-such-channel" failed: channel "no-such-channel" no longer exists/);
      await until(() => String(tree().getTreeItem(children(children()[0])[0]).description).includes('(1 failed)'), 'the trace node counts the failed exchange', 15_000);
      await user.hangup(channelId);
    } finally {
      assert.ok((await run('stopTrace', { serverId: suite.serverId }))?.ok);
      await until(() => user.closedUnasked === 1, "the user's app sees its socket close with the trace", 5_000);
      await user.close();
    }
    assert.ok(!children(children()[0]).some((n) => n.kind === 'trace'));
    assert.doesNotMatch(suite.api.statusBar.text, /tracing/);
  });

  it('Create Bridge on an app, a call dragged onto it: the bridge under the app, the call under the bridge and saying where it is; a tone played on it and stopped; Destroy Bridge', async () => {
    const created = await run<Bridge>('createBridge', appNode(DEST), { type: ['mixing'], name: 'vscode bridge' });
    assert.ok(created?.ok, JSON.stringify(suite.ui.shown));
    const bridgeNode = await until(() => channelNodes(DEST).find((n) => n.kind === 'bridge' && n.bridgeId === created.value.id), 'the bridge under the app', 15_000);
    const empty = tree().getTreeItem(bridgeNode);
    assert.strictEqual(empty.label, 'vscode bridge');
    assert.strictEqual(empty.description, 'mixing · simple_bridge · empty');
    assert.strictEqual(empty.contextValue, 'bridge');
    const call = await run<string>('originate', { serverId: suite.serverId }, { endpoint: 'Local/100@default', app: DEST, args: [], callerId: '"Bridged" <200>' });
    assert.ok(call?.ok, JSON.stringify(suite.ui.shown));
    const callNode = () => channelNodes(DEST).find((n) => n.kind === 'channel' && n.channelId === call.value);
    await until(() => callNode() && tree().getTreeItem(callNode()!).contextValue?.includes('.inStasis'), 'the call in Stasis under the app', 15_000);
    await dragAndDrop([callNode()!], bridgeNode);
    await until(() => children(bridgeNode).some((n) => n.kind === 'bridgeChannel' && n.channelId === call.value), 'the call under the bridge', 15_000);
    await until(() => tree().getTreeItem(bridgeNode).description === 'mixing · simple_bridge · 1 channel', 'the bridge counts its call', 15_000);
    const bridged = tree().getTreeItem(callNode()!);
    assert.match(String(bridged.description), /in vscode bridge/);
    assert.match(String(bridged.contextValue), /^channel\.up\.inStasis\.bridged$/);
    assert.ok((await run('playMedia', bridgeNode, { media: ['tone:ring'] }))?.ok, JSON.stringify(suite.ui.shown));
    await until(() => tree().getTreeItem(bridgeNode).description === 'mixing · simple_bridge · 1 channel · ▶ tone:ring', 'the tone shown on the bridge', 15_000);
    assert.strictEqual(tree().getTreeItem(bridgeNode).contextValue, 'bridge.playing');
    assert.ok((await run('stopPlayback', bridgeNode))?.ok);
    await until(() => tree().getTreeItem(bridgeNode).contextValue === 'bridge', 'the tone stopped', 15_000);
    suite.ui.answer('Destroy');
    assert.ok((await run('destroyBridge', bridgeNode))?.ok);
    await until(() => !channelNodes(DEST).some((n) => n.kind === 'bridge'), 'the bridge gone from the tree', 15_000);
    await until(() => !String(tree().getTreeItem(callNode()!).description).includes('vscode bridge'), 'the call no longer says it is in the bridge', 15_000);
    assert.ok((await run('hangupChannel', { serverId: suite.serverId, channelId: call.value }, 'normal'))?.ok);
    await until(() => !callNode(), 'the call gone from the tree', 15_000);
  });
});
