import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { compileFilter, type InspectorFilter } from '../../inspector/InspectorFilter';
import { describeProblems, fromNdjson, toNdjson } from '../../inspector/Ndjson';
import { isWebviewMessage, type EventRow, type HostMessage, type JourneyView, type WebviewMessage } from '../../inspector/protocol';
import { channelIdsOf } from '../../model/channelIdsOf';
import type { ServerSession } from '../../model/ServerSession';
import { describeStep } from '../journeyText';
import type { ServerManager } from '../ServerManager';
import type { Ui } from '../Ui';
import { toEventRow } from './eventRows';

const BATCH_MS = 100;
const VIEW_TYPE = 'stasisExplorer.inspector';

/** What the panel reads from the extension; `ui` and the capacity are read on each use. */
export interface InspectorDeps {
  readonly extensionUri: vscode.Uri;
  readonly manager: ServerManager;
  readonly log: vscode.LogOutputChannel;
  readonly ui: () => Ui;
  readonly capacity: () => number;
}

/**
 * The Event Inspector: one webview panel, fed by every session's event log. Events go over in
 * batches, at most ten a second, never one message per event. The webview is untrusted as a
 * sender: every message is checked against the protocol and anything else is logged and dropped.
 */
export class InspectorPanel implements vscode.Disposable {
  private static current: InspectorPanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  private pending: EventRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private ready = false;
  private batches = 0;
  /** An imported capture being inspected instead of the live events, until the user goes back to live. */
  private capture: { source: string; rows: EventRow[] } | undefined;
  private readonly sessionSubscriptions: { dispose(): void }[] = [];

  static show(deps: InspectorDeps, filter?: InspectorFilter): InspectorPanel {
    InspectorPanel.current ??= new InspectorPanel(vscode.window.createWebviewPanel(VIEW_TYPE, 'ARI Event Inspector', vscode.ViewColumn.Active), deps);
    const panel = InspectorPanel.current;
    panel.panel.reveal(undefined, false);
    if (filter) panel.post({ type: 'filter', filter });
    return panel;
  }

  /**
   * After a window reload VS Code hands back the panel it had open; the page's own saved state
   * (filter, selection, scroll) comes back with it, and the events are sent again from the logs.
   */
  static registerSerializer(deps: InspectorDeps): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      deserializeWebviewPanel: (panel: vscode.WebviewPanel) => {
        InspectorPanel.current?.dispose();
        InspectorPanel.current = new InspectorPanel(panel, deps);
        return Promise.resolve();
      },
    });
  }

  static get instance(): InspectorPanel | undefined {
    return InspectorPanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: InspectorDeps,
  ) {
    const media = vscode.Uri.joinPath(deps.extensionUri, 'media');
    panel.webview.options = { enableScripts: true, localResourceRoots: [media] };
    panel.iconPath = vscode.Uri.joinPath(media, 'stasis.svg');
    panel.webview.html = this.html();
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      deps.manager.onDidCreateSession(({ session }) => this.follow(session)),
    );
    for (const server of deps.manager.servers) if (server.session) this.follow(server.session);
  }

  /** Whether the webview has loaded and asked for the events. */
  get isReady(): boolean {
    return this.ready;
  }

  /** How many batches of live events went to the webview (for tests of the batching). */
  get batchesSent(): number {
    return this.batches;
  }

  /** Opens a channel's journey in the panel; returns what it shows. */
  showJourney(serverId: string, channelId: string): JourneyView | undefined {
    const server = this.deps.manager.server(serverId);
    const session = server?.session;
    if (!server || !session) return undefined;
    const steps = session.journeys.of(channelId).map(describeStep);
    const events = session.log.forChannel(channelId);
    const name = session.state.channel(channelId)?.snapshot.name ?? events.map((e) => (e.event as { channel?: { name?: string } }).channel?.name).find(Boolean) ?? channelId;
    const journey: JourneyView = { server: server.settings.name, channelId, channelName: name, steps, eventIds: events.map((e) => this.idOf(e)) };
    this.post({ type: 'filter', filter: { channelId } });
    this.post({ type: 'journey', journey });
    return journey;
  }

  dispose(): void {
    if (InspectorPanel.current === this) InspectorPanel.current = undefined;
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const d of this.sessionSubscriptions.splice(0)) d.dispose();
    this.panel.dispose();
  }

  private follow(session: ServerSession): void {
    this.sessionSubscriptions.push(
      session.onEvent((logged) => {
        if (!this.ready || this.capture) return;
        this.pending.push(toEventRow(this.idOf(logged), logged));
        if (this.pending.length > this.deps.capacity()) this.pending = this.pending.slice(-this.deps.capacity());
        this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
      }),
    );
  }

  private flush(): void {
    this.timer = undefined;
    const rows = this.pending;
    this.pending = [];
    if (rows.length === 0) return;
    this.batches++;
    this.post({ type: 'events', rows, capacity: this.deps.capacity() });
  }

  private idOf(logged: object): number {
    let id = this.ids.get(logged);
    if (id === undefined) this.ids.set(logged, (id = this.nextId++));
    return id;
  }

  /** The capture being inspected, or else every event held by every connected server, oldest first; the newest `capacity`. */
  private snapshot(): EventRow[] {
    const capacity = this.deps.capacity();
    if (this.capture) return this.capture.rows.slice(-capacity);
    // Only the rows that will be kept are built: each one formats its summary line.
    return this.deps.manager.servers
      .flatMap((s) => s.session?.log.all() ?? [])
      .sort((a, b) => a.receivedAt - b.receivedAt)
      .slice(-capacity)
      .map((e) => toEventRow(this.idOf(e), e));
  }

  private reset(): void {
    this.pending = [];
    this.post({ type: 'reset', rows: this.snapshot(), capacity: this.deps.capacity(), source: this.capture?.source ?? 'live' });
  }

  private async receive(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) {
      this.deps.log.warn(`Event Inspector: ignored a message outside the protocol: ${JSON.stringify(message)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.deps.log.error(`Event Inspector: ${(error as Error).message}`);
      void this.deps.ui().error((error as Error).message);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.reset();
        return;
      case 'live':
        this.capture = undefined;
        this.reset();
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage('Copied', 2_000);
        return;
      case 'openJourney': {
        const server = this.deps.manager.servers.find((s) => s.settings.name === message.server);
        if (server) this.showJourney(server.settings.id, message.channelId);
        return;
      }
      case 'export':
        await this.exportEvents(message.filter);
        return;
      case 'import':
        await this.importEvents();
        return;
    }
  }

  /** Writes the events the filter keeps (of the capture, while one is open) as NDJSON; asks where unless told. Returns how many. */
  async exportEvents(filter: InspectorFilter, to?: vscode.Uri): Promise<number | undefined> {
    const keep = compileFilter(filter);
    const rows = this.snapshot().filter(keep);
    const target = to ?? (await vscode.window.showSaveDialog({ filters: { 'ARI events (NDJSON)': ['ndjson', 'jsonl'] }, saveLabel: `Export ${rows.length} events` }));
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, Buffer.from(toNdjson(rows.map((r) => ({ server: r.server, receivedAt: r.receivedAt, event: r.event }))), 'utf8'));
    this.deps.log.info(`Event Inspector: exported ${rows.length} events to ${target.fsPath}`);
    void this.deps.ui().info(`Exported ${rows.length} events to ${target.fsPath}.`);
    return rows.length;
  }

  /** Reads an NDJSON capture to inspect offline; asks which file unless told. Returns how many were imported. */
  async importEvents(from?: vscode.Uri): Promise<number | undefined> {
    const [file] = from ? [from] : ((await vscode.window.showOpenDialog({ canSelectMany: false, filters: { 'ARI events (NDJSON)': ['ndjson', 'jsonl', 'json', 'txt', 'log'] }, openLabel: 'Import' })) ?? []);
    if (!file) return undefined;
    const result = fromNdjson(Buffer.from(await vscode.workspace.fs.readFile(file)).toString('utf8'));
    if (result.events.length === 0) {
      throw new Error(`Nothing imported from ${file.fsPath}: no line is an ARI event (${describeProblems(result.skipped) || 'the file is empty'}).`);
    }
    if (result.skipped.length > 0) {
      const answer = await this.deps.ui().warn(
        `${file.fsPath}: ${result.events.length} events can be imported, ${result.skipped.length} lines cannot (${describeProblems(result.skipped)}).`,
        { modal: true },
        `Import ${result.events.length}, Skip ${result.skipped.length}`,
      );
      if (!answer) return undefined;
    }
    this.capture = { source: file.fsPath, rows: result.events.map((e) => toEventRow(this.idOf(e), { ...e, channelIds: channelIdsOf(e.event) })) };
    this.reset();
    this.deps.log.info(`Event Inspector: imported ${result.events.length} events from ${file.fsPath}${result.skipped.length ? `, skipped lines: ${describeProblems(result.skipped, 20)}` : ''}`);
    return result.events.length;
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', file)).toString();
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
}
