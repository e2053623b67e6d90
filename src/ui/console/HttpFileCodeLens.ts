import * as vscode from 'vscode';
import { parseHttpFile } from '../../console/parseHttpFile';

/**
 * "Send with Stasis Explorer" above each request of a `.http` file (the REST Client format the
 * console saves): the lens carries the request as parsed, and the command sends it from the
 * console of the server its URL names.
 */
export class HttpFileCodeLens implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    return parseHttpFile(document.getText()).map(
      (request) =>
        new vscode.CodeLens(new vscode.Range(request.line, 0, request.line, 0), {
          title: 'Send with Stasis Explorer',
          tooltip: `${request.method} ${request.url}: open it in the ARI console and send it`,
          command: 'stasisExplorer.sendHttpRequest',
          arguments: [request],
        }),
    );
  }
}

/** For `.http` and `.rest` files, whatever language the editor gave them (REST Client's `http`, or plain text). */
export function registerHttpFileCodeLens(): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider([{ pattern: '**/*.http' }, { pattern: '**/*.rest' }], new HttpFileCodeLens());
}
