import * as vscode from 'vscode';

/**
 * The few window interactions the commands use. Commands talk to this rather than to
 * `vscode.window`, so the extension-host tests can answer prompts and read messages.
 */
export interface Ui {
  info(message: string, ...actions: string[]): Thenable<string | undefined>;
  warn(message: string, options: { modal?: boolean; detail?: string }, ...actions: string[]): Thenable<string | undefined>;
  error(message: string, ...actions: string[]): Thenable<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  input(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  progress<T>(title: string, task: () => Promise<T>): Thenable<T>;
}

export const vscodeUi: Ui = {
  info: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
  warn: (message, options, ...actions) => vscode.window.showWarningMessage(message, options, ...actions),
  error: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
  pick: (items, options) => vscode.window.showQuickPick(items, options),
  input: (options) => vscode.window.showInputBox(options),
  progress: (title, task) => vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, task),
};
