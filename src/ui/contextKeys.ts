import * as vscode from 'vscode';
import type { ServerManager } from './servers/ServerManager';

/** Context keys that `when` and `enablement` clauses in package.json read. */
export function trackContextKeys(manager: ServerManager, sandboxAvailable: boolean): vscode.Disposable {
  const update = () => {
    void vscode.commands.executeCommand('setContext', 'stasisExplorer.hasServers', manager.servers.length > 0);
    void vscode.commands.executeCommand('setContext', 'stasisExplorer.anyConnected', manager.connectedServers.length > 0);
  };
  void vscode.commands.executeCommand('setContext', 'stasisExplorer.sandboxAvailable', sandboxAvailable);
  update();
  return manager.onDidChange(update);
}
