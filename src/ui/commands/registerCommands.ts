import * as vscode from 'vscode';
import { kindOf, isTreeNode } from '../tree/nodeKinds';
import type { CommandContext, CommandResult } from './CommandContext';
import { COMMAND_HANDLERS, runCommand } from './commandHandlers';

/** Registers every `stasisExplorer.*` command with VS Code; a tree node argument becomes its kind's target. */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  return Object.keys(COMMAND_HANDLERS).map((name) =>
    vscode.commands.registerCommand(`stasisExplorer.${name}`, (...args: unknown[]): Promise<CommandResult> => runCommand(ctx, name, args.map((a) => (isTreeNode(a) ? kindOf(a).target(a) : a)))),
  );
}
