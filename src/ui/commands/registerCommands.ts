import * as vscode from 'vscode';
import { kindOf, isTreeNode } from '../tree/nodeKinds';
import { core } from '../core';
import type { CommandContext, CommandResult } from './CommandContext';

/**
 * Registers the declared `stasisExplorer.*` commands (package.json's list, which a unit test holds
 * equal to the handlers) with VS Code; a tree node argument becomes its kind's target. A menu on
 * one of several selected items passes the clicked node and the selection: the command then acts
 * on each selected item of that kind, in turn, until one is cancelled. The handlers, and everything only they use, are
 * loaded at the first command, not at activation.
 */
export function registerCommands(ctx: CommandContext, declared: readonly string[]): vscode.Disposable[] {
  return declared.map((command) =>
    vscode.commands.registerCommand(command, async (...args: unknown[]): Promise<CommandResult> => {
      const { runCommand } = await core();
      const name = command.replace(/^stasisExplorer\./, '');
      const [clicked, selection] = args;
      if (isTreeNode(clicked) && Array.isArray(selection) && selection.length > 1 && selection.every(isTreeNode) && selection.includes(clicked)) {
        let result: CommandResult;
        for (const node of selection.filter((n) => n.kind === clicked.kind)) {
          result = await runCommand(ctx, name, [kindOf(node).target(node)]);
          // Cancelled (a prompt dismissed): the rest of the selection is left alone too.
          if (result === undefined) break;
        }
        return result;
      }
      // A selection of one is the clicked node again: not an argument of the command.
      const given = isTreeNode(clicked) && Array.isArray(selection) && selection.length > 0 && selection.every(isTreeNode) ? [clicked] : args;
      return runCommand(ctx, name, given.map((a) => (isTreeNode(a) ? kindOf(a).target(a) : a)));
    }),
  );
}
