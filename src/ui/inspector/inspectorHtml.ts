import type * as vscode from 'vscode';
import { METHODS, STATUS_CLASSES, type StatusClass } from '../../inspector/InspectorFilter';
import { webviewPage } from '../webviewPage';

const STATUS_LABELS: Record<StatusClass, string> = { '2xx': '2xx', '3xx': '3xx', '4xx': '4xx', '5xx': '5xx', none: 'no answer' };
/** Fixed words of ours, never network text: safe in markup. */
const options = (choices: readonly (readonly [value: string, label: string])[]) => choices.map(([value, label]) => `<option value="${value}">${label}</option>`).join('');

/**
 * The inspector page (its CSP and head: src/ui/webviewPage.ts): the toolbar (filters of events,
 * then of REST exchanges), the list and the detail pane; media/inspector.js (bundled from
 * src/webview) does the rest.
 */
export function inspectorHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  return webviewPage(webview, extensionUri, {
    title: 'ARI Event Inspector',
    styles: ['inspector.css'],
    script: 'inspector.js',
    body: `<div id="toolbar" role="toolbar" aria-label="Filters">
  <input id="text" type="search" placeholder="Search values (/)" aria-label="Search the values of events and REST exchanges">
  <select id="types" multiple size="1" aria-label="Event types" title="Event types (Ctrl+click for several)"></select>
  <select id="server" aria-label="Server"><option value="">all servers</option></select>
  <select id="application" aria-label="Application"><option value="">all apps</option></select>
  <input id="channel" type="text" placeholder="channel id" aria-label="Channel id">
  <select id="methods" multiple size="1" aria-label="REST methods" title="REST exchanges by method (Ctrl+click for several)">${options(METHODS.map((m) => [m, m]))}</select>
  <select id="statuses" multiple size="1" aria-label="REST answers" title="REST exchanges by answer (Ctrl+click for several)">${options(STATUS_CLASSES.map((c) => [c, STATUS_LABELS[c]]))}</select>
  <input id="path" type="text" placeholder="REST path" aria-label="REST path contains" title="REST exchanges whose path and query contain this">
  <input id="duration" type="number" min="0" step="any" placeholder="≥ ms" aria-label="REST exchanges taking at least this many milliseconds" title="REST exchanges taking at least this many milliseconds">
  <label><input id="failures" type="checkbox"> failures only</label>
  <label><input id="follow" type="checkbox"> follow</label>
  <button id="pause" aria-pressed="false"><span class="codicon codicon-debug-pause" aria-hidden="true"></span><span class="label">Pause</span></button>
  <button id="export" title="Export the events and REST exchanges the filter keeps to an NDJSON file"><span class="codicon codicon-export" aria-hidden="true"></span>Export…</button>
  <button id="import" title="Open an NDJSON capture to inspect it offline"><span class="codicon codicon-folder-opened" aria-hidden="true"></span>Import…</button>
  <span id="source" hidden><span class="codicon codicon-file" aria-hidden="true"></span><span id="source-name"></span> <button id="live" title="Leave the capture and show the live events and exchanges again"><span class="codicon codicon-pulse" aria-hidden="true"></span>Back to Live</button></span>
  <span id="count" role="status"></span>
</div>
<div id="main">
  <div id="list" role="listbox" tabindex="0" aria-label="Events and REST exchanges"><div id="spacer"></div></div>
  <div id="detail" aria-live="polite"></div>
</div>`,
  });
}
