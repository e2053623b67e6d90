import type * as vscode from 'vscode';

/**
 * Every window interaction the commands and the inspector use: messages, prompts, progress,
 * dialogs, the clipboard, the status bar and the settings. They talk to this rather than to
 * `vscode.window`/`vscode.env`/`vscode.workspace`, so their logic runs in plain mocha with a
 * stand-in (test/support/RecordingUi.ts), and the extension-host tests can answer prompts.
 */
export interface Ui {
  info(message: string, ...actions: string[]): Thenable<string | undefined>;
  warn(message: string, options: { modal?: boolean; detail?: string }, ...actions: string[]): Thenable<string | undefined>;
  error(message: string, ...actions: string[]): Thenable<string | undefined>;
  pick<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<T | undefined>;
  /** A quick pick of several items (`picked` ones ticked at first); undefined if cancelled. */
  pickMany<T extends vscode.QuickPickItem>(items: readonly T[], options: vscode.QuickPickOptions): Thenable<readonly T[] | undefined>;
  input(options: vscode.InputBoxOptions): Thenable<string | undefined>;
  progress<T>(title: string, task: () => Promise<T>): Thenable<T>;
  /** A short note in the status bar, gone after `ms`. */
  status(text: string, ms: number): void;
  copy(text: string): Thenable<void>;
  /** The value of `stasisExplorer.<key>`, or `fallback`. */
  setting<T>(key: string, fallback: T): T;
  saveFile(options: { filters: Record<string, string[]>; saveLabel: string }): Thenable<vscode.Uri | undefined>;
  openFile(options: { filters: Record<string, string[]>; openLabel: string }): Thenable<vscode.Uri | undefined>;
}
