import * as vscode from 'vscode';
import type { Ui } from './Ui';

const KEY = 'stasisExplorer.servers';

/**
 * `stasisExplorer.servers` is an application setting, so VS Code never applies it from a
 * workspace: a repository someone opens must not be able to point VS Code at an Asterisk of its
 * choosing, connect on its own, and send the user's credentials there. A workspace that tries
 * gets ignored, and the user is told why (once per window), instead of wondering where the
 * servers went.
 */
export class WorkspaceServersNotice implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private told = false;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly ui: () => Ui,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(KEY)) void this.check();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.check()),
    );
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '.vscode/settings.json'));
      this.disposables.push(watcher, watcher.onDidCreate(() => void this.check()), watcher.onDidChange(() => void this.check()));
    }
  }

  /** Looks for the setting in the workspace's own settings files; returns the ones that hold it. */
  async check(): Promise<string[]> {
    const files = [
      ...(vscode.workspace.workspaceFile?.scheme === 'file' ? [vscode.workspace.workspaceFile] : []),
      ...(vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, '.vscode', 'settings.json')),
    ];
    const holding: string[] = [];
    for (const file of files) {
      const text = await vscode.workspace.fs.readFile(file).then((b) => Buffer.from(b).toString('utf8'), () => '');
      if (text.includes(`"${KEY}"`)) holding.push(vscode.workspace.asRelativePath(file, true));
    }
    if (holding.length > 0 && !this.told) {
      this.told = true;
      const message = `${holding.join(', ')} defines ${KEY}; Stasis Explorer ignores servers from workspace settings and does not connect to them, so that a folder you open cannot send your ARI credentials to an Asterisk of its choosing. Add servers with "ARI: Add Server…" (they are kept in your user settings).`;
      this.log.warn(message);
      void this.ui().warn(message, {});
    }
    return holding;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
