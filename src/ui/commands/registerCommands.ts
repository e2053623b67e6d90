import * as vscode from 'vscode';
import { kindOf, isTreeNode } from '../tree/nodeKinds';
import { core } from '../core';
import type { CommandContext, CommandResult } from './CommandContext';

/**
 * Registers the declared `stasisExplorer.*` commands (package.json's list, which a unit test holds
 * equal to the handlers) with VS Code; a tree node argument becomes its kind's target. The
 * handlers, and everything only they use, are loaded at the first command, not at activation.
 */
export function registerCommands(ctx: CommandContext, declared: readonly string[]): vscode.Disposable[] {
  return declared.map((command) =>
    vscode.commands.registerCommand(command, async (...args: unknown[]): Promise<CommandResult> => {
      const { runCommand } = await core();
      return runCommand(ctx, command.replace(/^stasisExplorer\./, ''), args.map((a) => (isTreeNode(a) ? kindOf(a).target(a) : a)));
    }),
  );
}
