import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/** A panel of ours: scripts on, resources only from the extension's media folder, our icon. */
export function prepareWebviewPanel(panel: vscode.WebviewPanel, extensionUri: vscode.Uri): void {
  const media = vscode.Uri.joinPath(extensionUri, 'media');
  panel.webview.options = { enableScripts: true, localResourceRoots: [media] };
  panel.iconPath = vscode.Uri.joinPath(media, 'stasis.svg');
}

/**
 * A page of ours: a strict CSP (scripts only with a nonce, styles and fonts from the media
 * folder), the codicons and `styles`, `body` (fixed markup of ours, never network text), then
 * `script` from media/.
 */
export function webviewPage(webview: vscode.Webview, extensionUri: vscode.Uri, page: { title: string; styles: readonly string[]; body: string; script: string }): string {
  const nonce = randomBytes(16).toString('base64');
  const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', file)).toString();
  const styles = ['codicons/codicon.css', ...page.styles].map((file) => `<link rel="stylesheet" href="${media(file)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; font-src ${webview.cspSource}; img-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
<title>${page.title}</title>
</head>
<body>
${page.body}
<script nonce="${nonce}" src="${media(page.script)}"></script>
</body>
</html>`;
}
