// What the extension-host suite's files share: the extension's API, the recording Ui, the
// sandbox, and the server the first file adds and the second one uses. The files run in name
// order and build on each other, as a user's session would.
import * as vscode from 'vscode';
import type { StasisExplorerApi } from '../../../../src/extension';
import type { CommandResult } from '../../../../src/ui/commands/CommandContext';
import type { StasisNode } from '../../../../src/ui/tree/nodes';
import { sandboxEnv, type SandboxEnv } from '../../../integration/support/sandbox';
import { RecordingUi } from '../../../support/RecordingUi';
import { EXTENSION_ID } from './extensionLog';

export const APP = `vscode-it-${process.pid}`;
export const DEST = `vscode-dest-${process.pid}`;

/** Set by the hooks of `useSuite`; `serverId` by the test that adds the sandbox server. */
export const suite = {
  api: undefined as unknown as StasisExplorerApi,
  ui: new RecordingUi(),
  env: undefined as unknown as SandboxEnv,
  serverId: '',
};

/** A command as the palette and menus run it, through VS Code. */
export const run = <T = unknown>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<CommandResult<T>>(`stasisExplorer.${command}`, ...args);

export const tree = () => suite.api.tree;
export const session = () => suite.api.commands.manager.server(suite.serverId)!.session!;
export const children = (node?: StasisNode) => tree().getChildren(node);
export const appNode = (name: string) => children(children()[0]).find((n) => n.kind === 'app' && n.app === name);
export const channelNodes = (app: string) => {
  const node = appNode(app);
  return node ? children(node) : [];
};
export const configuredServers = () => JSON.stringify(vscode.workspace.getConfiguration('stasisExplorer').get('servers'));

/** Shows the Stasis Explorer view (the tree refreshes only while it is shown), or the file explorer instead. */
export async function showTree(shown = true): Promise<void> {
  await vscode.commands.executeCommand(shown ? 'workbench.view.extension.stasisExplorer' : 'workbench.view.explorer');
}

/** The hooks every file of the suite installs: the extension activated once, its view shown, a fresh Ui per test. */
export function useSuite(): void {
  before(async () => {
    suite.env = await sandboxEnv();
    suite.api = await vscode.extensions.getExtension<StasisExplorerApi>(EXTENSION_ID)!.activate();
    await showTree();
  });
  beforeEach(() => {
    suite.ui = new RecordingUi();
    suite.api.commands.ui = suite.ui;
  });
}
