import * as vscode from 'vscode';
import type { CommandContext } from './ui/commands/CommandContext';
import { registerCommands } from './ui/commands/registerCommands';
import { sandboxScript } from './ui/commands/sandboxScript';
import { trackContextKeys } from './ui/contextKeys';
import { ConsolePanel, type ConsoleDeps } from './ui/console/ConsolePanel';
import { registerHttpFileCodeLens } from './ui/console/HttpFileCodeLens';
import { InspectorPanel, type InspectorDeps } from './ui/inspector/InspectorPanel';
import { OutputLogger } from './ui/OutputLogger';
import { ServerManager } from './ui/servers/ServerManager';
import { seedPasswords } from './ui/servers/seedPasswords';
import { VscodeServerStore } from './ui/servers/VscodeServerStore';
import { StatusBarController } from './ui/StatusBarController';
import { noticeTracedMoveFailures } from './ui/trace/tracedMoveNotice';
import { TraceRegistry } from './ui/trace/TraceRegistry';
import { StasisTreeProvider } from './ui/tree/StasisTreeProvider';
import type { StasisNode } from './ui/tree/nodes';
import { treeDragAndDrop } from './ui/tree/treeDragAndDrop';
import { vscodeUi } from './ui/vscodeUi';
import { WorkspaceServersNotice } from './ui/WorkspaceServersNotice';

/** What activate() returns: the extension-host tests drive the extension through it. */
export interface StasisExplorerApi {
  readonly commands: CommandContext;
  readonly tree: StasisTreeProvider;
  readonly statusBar: StatusBarController;
  readonly traces: TraceRegistry;
  readonly dragAndDrop: vscode.TreeDragAndDropController<StasisNode>;
  readonly inspector: () => InspectorPanel | undefined;
  readonly console: () => ConsolePanel | undefined;
}

export function activate(context: vscode.ExtensionContext): StasisExplorerApi | undefined {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Stasis Explorer', { log: true });
  // Settings are typed by hand in settings.json too: keep the log size within what the schema allows.
  const eventLogCapacity = () => Math.min(1_000_000, Math.max(100, Math.floor(vscodeUi.setting('eventLogCapacity', 10_000)) || 10_000));
  const store = new VscodeServerStore(context.secrets);
  const manager = new ServerManager(store, { moveTimeoutMs: () => vscodeUi.setting('moveTimeoutSeconds', 10) * 1000, eventLogCapacity });
  const traces = new TraceRegistry(manager);
  const tree = new StasisTreeProvider(manager, traces);
  const logger = new OutputLogger(log, manager);
  const statusBar = new StatusBarController(manager, traces);
  const dragAndDrop = treeDragAndDrop(() => commands.ui);
  const view = vscode.window.createTreeView('stasisExplorer.servers', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true, dragAndDropController: dragAndDrop });
  tree.setVisible(view.visible);
  const inspectorDeps: InspectorDeps = { extensionUri: context.extensionUri, manager, log, ui: () => commands.ui, capacity: eventLogCapacity };
  const consoleDeps: ConsoleDeps = { extensionUri: context.extensionUri, manager, log, ui: () => commands.ui, storage: context.globalState, openInspector: (channelId) => InspectorPanel.show(inspectorDeps, channelId ? { channelId } : undefined) };
  const commands: CommandContext = { manager, store, tree, traces, log, extensionPath: context.extensionPath, inspector: (filter) => InspectorPanel.show(inspectorDeps, filter), console: () => ConsolePanel.instance(consoleDeps), ui: vscodeUi };
  context.subscriptions.push(
    log,
    traces,
    manager,
    tree,
    logger,
    statusBar,
    view,
    view.onDidChangeVisibility((e) => tree.setVisible(e.visible)),
    trackContextKeys(manager, traces, sandboxScript(context.extensionPath) !== undefined),
    traces.onProblem((message) => {
      log.error(message);
      void commands.ui.error(message);
    }),
    noticeTracedMoveFailures(traces, () => commands.ui, (serverId, channelId) => void vscode.commands.executeCommand('stasisExplorer.showJourney', { serverId, channelId })),
    ...registerCommands(commands, (context.extension.packageJSON as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command)),
    InspectorPanel.registerSerializer(inspectorDeps),
    registerHttpFileCodeLens(),
  );
  log.info(`Stasis Explorer ${context.extension.packageJSON.version as string} activated (activate() took ${(performance.now() - started).toFixed(1)} ms)`);

  // Right after activation, not in it: its file watchers cost more than the rest of activate()
  // (2–15 ms measured), and a notice a moment later loses nothing.
  setTimeout(() => {
    const workspaceServers = new WorkspaceServersNotice(log, () => commands.ui);
    context.subscriptions.push(workspaceServers);
    void workspaceServers.check();
  }, 0);

  void seedPasswords(store, log).then(() => {
    if (!vscodeUi.setting('autoConnect', true)) return;
    for (const server of manager.servers) {
      manager.connect(server.settings.id).catch((error: Error) => log.error(`[${server.settings.name}] could not connect: ${error.message}`));
    }
  });
  // The API reaches into stored passwords: only the test suite, never other extensions, gets it.
  return context.extensionMode === vscode.ExtensionMode.Test ? { commands, tree, statusBar, traces, dragAndDrop, inspector: () => InspectorPanel.instance, console: () => ConsolePanel.shown } : undefined;
}

export function deactivate(): void {}
