import * as vscode from 'vscode';
import type { ConsoleRequest, ConsoleTarget } from '../../console/ConsoleRequest';
import { core } from '../core';
import type { Ui } from '../Ui';

const NEW_FILE = 'New .http File…';

/**
 * Saves a console request to a workspace `.http` file (the REST Client format, no credentials):
 * appended to one picked among the workspace's, or to a new one; then shows the file, whose
 * requests get a "Send with Stasis Explorer" CodeLens.
 */
export async function saveToHttpFile(ui: Ui, title: string, request: ConsoleRequest, target: ConsoleTarget): Promise<void> {
  const files = await vscode.workspace.findFiles('**/*.http', '**/node_modules/**', 50);
  let uri: vscode.Uri | undefined;
  if (files.length > 0) {
    const picked = await ui.pick([...files.map((file) => ({ label: vscode.workspace.asRelativePath(file), file })), { label: NEW_FILE, file: undefined }], { placeHolder: 'Save the request to which .http file?' });
    if (!picked) return;
    uri = picked.file;
  }
  uri ??= await ui.saveFile({ filters: { 'HTTP requests': ['http', 'rest'] }, saveLabel: 'Save Request' });
  if (!uri) return;
  let existing = '';
  try {
    existing = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    // A new file: nothing to append to.
  }
  const { appendHttpRequest } = await core();
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(appendHttpRequest(existing, title, request, target)));
  await vscode.window.showTextDocument(uri, { preview: false });
}
