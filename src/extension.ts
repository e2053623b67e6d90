import * as vscode from 'vscode';

/**
 * Wiring only. The protocol (src/ari) and the state (src/model) are plain TypeScript; the tree,
 * commands and status bar arrive with the UI work and are connected here.
 */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Stasis Explorer', { log: true });
  context.subscriptions.push(log);
  log.info(`Stasis Explorer ${context.extension.packageJSON.version as string} activated`);
}

export function deactivate(): void {}
