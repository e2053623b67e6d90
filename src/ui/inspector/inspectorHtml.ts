import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

/**
 * The inspector page: a strict CSP (scripts only with a nonce, styles and fonts from the
 * extension's media folder), the toolbar, the list and the detail pane; media/inspector.js
 * (bundled from src/webview) does the rest.
 */
export function inspectorHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const nonce = randomBytes(16).toString('base64');
  const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', file)).toString();
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; font-src ${webview.cspSource}; img-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('codicons/codicon.css')}">
<link rel="stylesheet" href="${media('inspector.css')}">
<title>ARI Event Inspector</title>
</head>
<body>
<div id="toolbar" role="toolbar" aria-label="Event filters">
  <input id="text" type="search" placeholder="Search payload values (/)" aria-label="Search payload values">
  <select id="types" multiple size="1" aria-label="Event types" title="Event types (Ctrl+click for several)"></select>
  <select id="server" aria-label="Server"><option value="">all servers</option></select>
  <select id="application" aria-label="Application"><option value="">all apps</option></select>
  <input id="channel" type="text" placeholder="channel id" aria-label="Channel id">
  <label><input id="failures" type="checkbox"> failures only</label>
  <label><input id="follow" type="checkbox"> follow</label>
  <button id="pause" aria-pressed="false"><span class="codicon codicon-debug-pause" aria-hidden="true"></span><span class="label">Pause</span></button>
  <button id="export" title="Export the events the filter keeps to an NDJSON file"><span class="codicon codicon-export" aria-hidden="true"></span>Export…</button>
  <button id="import" title="Open an NDJSON capture to inspect it offline"><span class="codicon codicon-folder-opened" aria-hidden="true"></span>Import…</button>
  <span id="source" hidden><span class="codicon codicon-file" aria-hidden="true"></span><span id="source-name"></span> <button id="live" title="Leave the capture and show the live events again"><span class="codicon codicon-pulse" aria-hidden="true"></span>Back to Live</button></span>
  <span id="count" role="status"></span>
</div>
<div id="main">
  <div id="list" role="listbox" tabindex="0" aria-label="Events"><div id="spacer"></div></div>
  <div id="detail" aria-live="polite"></div>
</div>
<script nonce="${nonce}" src="${media('inspector.js')}"></script>
</body>
</html>`;
}
