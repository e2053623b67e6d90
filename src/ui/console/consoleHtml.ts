import type * as vscode from 'vscode';
import { webviewPage } from '../webviewPage';

/**
 * The console page (its CSP and head: src/ui/webviewPage.ts; the inspector's stylesheet first):
 * the server bar, the operations (searchable, by resource), the form with its actions and
 * answer, and the history; media/console.js (bundled from src/webview/console) fills them.
 */
export function consoleHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPage(webview, extensionUri, {
    title: 'ARI Console',
    styles: ['inspector.css', 'console.css'],
    script: 'console.js',
    body: `<div id="bar" role="toolbar" aria-label="Server">
  <select id="server" aria-label="Server"></select>
  <span id="source" role="status"></span>
  <span id="read-only" class="badge warn" hidden>read-only user</span>
</div>
<div id="console">
  <nav id="operations" aria-label="Operations">
    <input id="search" type="search" placeholder="Search operations (/)" aria-label="Search operations by id, path or summary">
    <div id="operation-list" role="listbox" aria-label="Operations by resource"></div>
  </nav>
  <main id="request">
    <div id="empty" class="hint">Pick an operation on the left.</div>
    <div id="operation" hidden>
      <h2><span id="op-method" class="method"></span> <span id="op-path"></span></h2>
      <p id="op-summary"></p>
      <p id="op-notes" class="hint"></p>
      <form id="fields" autocomplete="off"></form>
      <div id="uri" class="uri" aria-label="The request as it will be sent"></div>
      <div id="problem" role="alert"></div>
      <div class="actions">
        <button id="send" class="primary" type="button"><span class="codicon codicon-play" aria-hidden="true"></span>Send</button>
        <button id="send-ws" type="button"><span class="codicon codicon-plug" aria-hidden="true"></span>Send over WebSocket</button>
        <select id="copy-as" aria-label="Copy the request as code"><option value="">Copy as…</option></select>
        <button id="save-http" type="button" title="Save the request to a .http file (REST Client format, no credentials)"><span class="codicon codicon-save" aria-hidden="true"></span>Save to .http…</button>
      </div>
      <section id="snippet" hidden><h3 id="snippet-title"></h3><pre id="snippet-text"></pre></section>
      <section id="answer" aria-live="polite"></section>
    </div>
  </main>
  <aside id="history" aria-label="History">
    <h3>History <button id="clear-history" class="mini-button" type="button" title="Forget every request that is not pinned">Clear</button></h3>
    <ul id="history-list"></ul>
  </aside>
</div>`,
  });
}
