import * as vscode from 'vscode';
import { dropAction } from './dropAction';
import type { StasisNode } from './nodes';

/** The type the dragged items of this tree go under (VS Code's recommended one: the view's id, lower-cased). */
const TREE_MIME = 'application/vnd.code.tree.stasisexplorer.servers';

/** Drag and drop in the tree: what a drop means is dropAction's; it runs as the commands, their prompts and errors included. */
export function treeDragAndDrop(ui: () => { error(message: string): Thenable<unknown> }): vscode.TreeDragAndDropController<StasisNode> {
  return {
    dragMimeTypes: [TREE_MIME],
    dropMimeTypes: [TREE_MIME],
    // VS Code carries the dragged items only if the controller puts them in (its own tree's items are kept as they are).
    handleDrag(source, data) {
      data.set(TREE_MIME, new vscode.DataTransferItem(source));
    },
    async handleDrop(target, data) {
      const sources = data.get(TREE_MIME)?.value as readonly StasisNode[] | undefined;
      const action = dropAction(sources ?? [], target);
      if ('refused' in action) {
        void ui().error(action.refused);
        return;
      }
      for (const step of action.run) await vscode.commands.executeCommand(`stasisExplorer.${step.command}`, ...step.args);
    },
  };
}
