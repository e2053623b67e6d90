import * as vscode from 'vscode';
import type { ServerManager } from './servers/ServerManager';
import type { TraceRegistry } from './trace/TraceRegistry';

/** "ARI 1/2", "ARI reconnecting in 3 s", "ARI error", "· tracing": click for the servers and their actions. */
export class StatusBarController implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('stasisExplorer.status', vscode.StatusBarAlignment.Left, 10);
  private readonly subscriptions: vscode.Disposable[];
  private tracing = '';

  constructor(
    private readonly manager: ServerManager,
    private readonly traces: TraceRegistry,
  ) {
    this.item.name = 'Stasis Explorer';
    this.item.command = 'stasisExplorer.showServers';
    this.subscriptions = [
      manager.onDidChange(() => this.update()),
      // Fired for every batch a trace reads: only a trace starting or stopping changes the item.
      traces.onDidChange(() => {
        if (this.traceText() !== this.tracing) this.update();
      }),
    ];
    this.update();
  }

  get text(): string {
    return this.item.text;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
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
    this.tracing = this.traceText();
    this.item.text += this.tracing;
    this.item.tooltip = [
      ...servers.map((s) => `${s.settings.name}: ${s.session?.status.state ?? (s.lastError ? `error: ${s.lastError}` : 'disconnected')}`),
      ...this.traces.all.map((t) => `${this.manager.server(t.serverId)?.settings.name ?? t.serverId}: traced at ${t.url}`),
    ].join('\n');
    this.item.show();
  }

  private traceText(): string {
    const n = this.traces.all.length;
    return n === 0 ? '' : ` $(radio-tower) tracing${n > 1 ? ` ${n}` : ''}`;
  }
}
