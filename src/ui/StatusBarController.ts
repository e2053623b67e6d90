import * as vscode from 'vscode';
import type { ServerManager } from './servers/ServerManager';

/** "ARI 1/2", "ARI reconnecting in 3 s", "ARI error": click for the servers and their actions. */
export class StatusBarController implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('stasisExplorer.status', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly manager: ServerManager) {
    this.item.name = 'Stasis Explorer';
    this.item.command = 'stasisExplorer.showServers';
    this.subscription = manager.onDidChange(() => this.update());
    this.update();
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }

  private update(): void {
    const servers = this.manager.servers;
    if (servers.length === 0) {
      this.item.hide();
      return;
    }
    const statuses = servers.map((s) => s.session?.status);
    const connected = statuses.filter((s) => s?.state === 'connected').length;
    const reconnecting = statuses.find((s) => s?.state === 'reconnecting');
    const failed = servers.filter((s) => s.session?.status.state === 'failed' || (!s.session && s.lastError));
    if (reconnecting?.state === 'reconnecting') {
      this.item.text = `$(sync~spin) ARI reconnecting in ${Math.ceil(reconnecting.inMs / 1000)} s`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    } else if (failed.length > 0) {
      this.item.text = `$(error) ARI ${connected}/${servers.length}`;
      this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
    } else {
      this.item.text = `$(plug) ARI ${connected}/${servers.length}`;
      this.item.backgroundColor = undefined;
    }
    this.item.tooltip = servers
      .map((s) => `${s.settings.name}: ${s.session?.status.state ?? (s.lastError ? `error: ${s.lastError}` : 'disconnected')}`)
      .join('\n');
    this.item.show();
  }
}
