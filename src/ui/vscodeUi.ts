import * as vscode from 'vscode';
import type { Ui } from './Ui';

/** The Ui of the real window. */
export const vscodeUi: Ui = {
  info: (message, ...actions) => vscode.window.showInformationMessage(message, ...actions),
  warn: (message, options, ...actions) => vscode.window.showWarningMessage(message, options, ...actions),
  error: (message, ...actions) => vscode.window.showErrorMessage(message, ...actions),
  pick: (items, options) => vscode.window.showQuickPick(items, options),
  pickMany: (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: true }),
  input: (options) => vscode.window.showInputBox(options),
  progress: (title, task) => vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, task),
  status: (text, ms) => void vscode.window.setStatusBarMessage(text, ms),
  copy: (text) => vscode.env.clipboard.writeText(text),
  setting: <T>(key: string, fallback: T) => vscode.workspace.getConfiguration('stasisExplorer').get<T>(key, fallback),
  saveFile: (options) => vscode.window.showSaveDialog(options),
  openFile: async (options) => (await vscode.window.showOpenDialog({ ...options, canSelectMany: false }))?.[0],
};
