import type * as vscode from 'vscode';
import type { ServerManager } from '../ServerManager';
import type { ServerSettingsStore } from '../ServerSettings';
import type { StasisTreeProvider } from '../tree/StasisTreeProvider';
import type { Ui } from '../Ui';

/** What every command needs. `ui` is read on each use, so tests can swap it. */
export interface CommandContext {
  readonly manager: ServerManager;
  readonly store: ServerSettingsStore;
  readonly tree: StasisTreeProvider;
  readonly log: vscode.LogOutputChannel;
  readonly extensionPath: string;
  readonly extensionUri: vscode.Uri;
  readonly eventLogCapacity: () => number;
  ui: Ui;
}

/** What a command hands back to its caller (the palette ignores it; tests read it). */
export type CommandResult<T = unknown> = { ok: true; value: T } | { ok: false; message: string } | undefined;
