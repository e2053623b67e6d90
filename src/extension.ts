import * as vscode from 'vscode';
import type { CommandContext } from './ui/commands/CommandContext';
import { inspectorDeps } from './ui/commands/channelCommands';
import { registerCommands } from './ui/commands/registerCommands';
import { sandboxScript } from './ui/commands/serverCommands';
import { trackContextKeys } from './ui/contextKeys';
import { InspectorPanel } from './ui/inspector/InspectorPanel';
import { OutputLogger } from './ui/OutputLogger';
import { ServerManager } from './ui/ServerManager';
import { ServerSettingsStore } from './ui/ServerSettings';
import { StatusBarController } from './ui/StatusBarController';
import { StasisTreeProvider } from './ui/tree/StasisTreeProvider';
import { vscodeUi } from './ui/Ui';
import { WorkspaceServersNotice } from './ui/WorkspaceServersNotice';

/** What activate() returns: the extension-host tests drive the extension through it. */
export interface StasisExplorerApi {
  readonly commands: CommandContext;
  readonly statusBar: StatusBarController;
  readonly inspector: () => InspectorPanel | undefined;
}

export function activate(context: vscode.ExtensionContext): StasisExplorerApi | undefined {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Stasis Explorer', { log: true });
  const settings = () => vscode.workspace.getConfiguration('stasisExplorer');
  // Settings are typed by hand in settings.json too: keep the log size within what the schema allows.
  const eventLogCapacity = () => Math.min(1_000_000, Math.max(100, Math.floor(settings().get<number>('eventLogCapacity', 10_000)) || 10_000));
  const store = new ServerSettingsStore(context.secrets);
  const manager = new ServerManager(store, {
    moveTimeoutMs: () => settings().get<number>('moveTimeoutSeconds', 10) * 1000,
    eventLogCapacity,
  });
  const tree = new StasisTreeProvider(manager);
  const logger = new OutputLogger(log, manager);
  const statusBar = new StatusBarController(manager);
  const view = vscode.window.createTreeView('stasisExplorer.servers', { treeDataProvider: tree, showCollapseAll: true });
  tree.setVisible(view.visible);
  const commands: CommandContext = {
    manager,
    store,
    tree,
    log,
    extensionPath: context.extensionPath,
    extensionUri: context.extensionUri,
    eventLogCapacity,
    ui: vscodeUi,
  };
  const workspaceServers = new WorkspaceServersNotice(log, () => commands.ui);
  void workspaceServers.check();
  context.subscriptions.push(workspaceServers, log, manager, tree, logger, statusBar, view, view.onDidChangeVisibility((e) => tree.setVisible(e.visible)), trackContextKeys(manager, sandboxScript(context.extensionPath) !== undefined), ...registerCommands(commands), InspectorPanel.registerSerializer(inspectorDeps(commands)));
  log.info(`Stasis Explorer ${context.extension.packageJSON.version as string} activated (activate() took ${(performance.now() - started).toFixed(1)} ms)`);

  void seedPasswords(store, log).then(() => {
    if (!settings().get<boolean>('autoConnect', true)) return;
    for (const server of manager.servers) {
      manager.connect(server.settings.id).catch((error: Error) => log.error(`[${server.settings.name}] could not connect: ${error.message}`));
    }
  });
  // The API reaches into stored passwords: only the test suite, never other extensions, gets it.
  return context.extensionMode === vscode.ExtensionMode.Test ? { commands, statusBar, inspector: () => InspectorPanel.instance } : undefined;
}

/**
 * Scripted setups (`npm start`, CI) cannot type into SecretStorage: they may hand passwords over
 * in STASIS_EXPLORER_PASSWORDS, a JSON object from server id to password, read once here and
 * stored as secrets for servers that have none yet.
 */
async function seedPasswords(store: ServerSettingsStore, log: vscode.LogOutputChannel): Promise<void> {
  const raw = process.env.STASIS_EXPLORER_PASSWORDS;
  if (!raw) return;
  // Read once, then gone: other extensions and terminals of this host must not find it.
  delete process.env.STASIS_EXPLORER_PASSWORDS;
  let seeds: Record<string, unknown>;
  try {
    seeds = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    log.error('STASIS_EXPLORER_PASSWORDS is not valid JSON (expected {"<server id>": "<password>"}); ignored.');
    return;
  }
  for (const server of store.list()) {
    const password = seeds[server.id];
    if (typeof password === 'string' && (await store.password(server.id)) === undefined) {
      await store.storePassword(server.id, password);
      log.info(`[${server.name}] password taken from STASIS_EXPLORER_PASSWORDS into secret storage`);
    }
  }
}

export function deactivate(): void {}
