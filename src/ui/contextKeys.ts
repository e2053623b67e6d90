import * as vscode from 'vscode';
import type { ServerManager } from './servers/ServerManager';
import type { TraceRegistry } from './trace/TraceRegistry';

/** Context keys that `when` and `enablement` clauses in package.json read. */
export function trackContextKeys(manager: ServerManager, traces: TraceRegistry, sandboxAvailable: boolean): vscode.Disposable {
  const update = () => {
    void vscode.commands.executeCommand('setContext', 'stasisExplorer.hasServers', manager.servers.length > 0);
    void vscode.commands.executeCommand('setContext', 'stasisExplorer.anyConnected', manager.connectedServers.length > 0);
  };
  let tracing: boolean | undefined;
  const updateTracing = () => {
    // Fired for every batch a trace reads: only a change is worth a setContext.
    if (tracing === traces.all.length > 0) return;
    tracing = traces.all.length > 0;
    void vscode.commands.executeCommand('setContext', 'stasisExplorer.tracing', tracing);
  };
  void vscode.commands.executeCommand('setContext', 'stasisExplorer.sandboxAvailable', sandboxAvailable);
  update();
  updateTracing();
  const subscriptions = [manager.onDidChange(update), traces.onDidChange(updateTracing)];
  return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
}
