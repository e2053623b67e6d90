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

/**
 * The Event Inspector: one webview panel, fed by every session's event log. Events go over in
 * batches, at most ten a second, never one message per event. The webview is untrusted as a
 * sender: every message is checked against the protocol and anything else is logged and dropped.
 */
export class InspectorPanel implements vscode.Disposable {
  private static current: InspectorPanel | undefined;
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  private pending: EventRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private ready = false;
  private batches = 0;
  private imported: EventRow[] = [];
  private readonly sessionSubscriptions: { dispose(): void }[] = [];

  static show(extensionUri: vscode.Uri, manager: ServerManager, log: vscode.LogOutputChannel, ui: () => Ui, capacity: () => number, filter?: InspectorFilter): InspectorPanel {
    if (!InspectorPanel.current) InspectorPanel.current = new InspectorPanel(extensionUri, manager, log, ui, capacity);
    const panel = InspectorPanel.current;
    panel.panel.reveal(undefined, false);
    if (filter) panel.post({ type: 'filter', filter });
    return panel;
  }

  static get instance(): InspectorPanel | undefined {
    return InspectorPanel.current;
  }

  private constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly manager: ServerManager,
    private readonly log: vscode.LogOutputChannel,
    private readonly ui: () => Ui,
    private readonly capacity: () => number,
  ) {
    const media = vscode.Uri.joinPath(extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel('stasisExplorer.inspector', 'ARI Event Inspector', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [media],
    });
    this.panel.iconPath = vscode.Uri.joinPath(media, 'stasis.svg');
    this.panel.webview.html = this.html();
    this.disposables.push(
      this.panel.onDidDispose(() => this.dispose()),
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      manager.onDidCreateSession(({ session }) => this.follow(session)),
    );
    for (const server of manager.servers) if (server.session) this.follow(server.session);
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
    const server = this.manager.server(serverId);
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
        if (!this.ready) return;
        this.pending.push(toEventRow(this.idOf(logged), logged));
        if (this.pending.length > this.capacity()) this.pending = this.pending.slice(-this.capacity());
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
    this.post({ type: 'events', rows, capacity: this.capacity() });
  }

  private idOf(logged: object): number {
    let id = this.ids.get(logged);
    if (id === undefined) this.ids.set(logged, (id = this.nextId++));
    return id;
  }

  /** What was imported, then every event held by every connected server, oldest first; the newest `capacity`. */
  private snapshot(): EventRow[] {
    const capacity = this.capacity();
    // Only the rows that will be kept are built: each one formats its summary line.
    const logged = this.manager.servers
      .flatMap((s) => s.session?.log.all() ?? [])
      .sort((a, b) => a.receivedAt - b.receivedAt)
      .slice(-capacity);
    const imported = this.imported.slice(-Math.max(0, capacity - logged.length));
    return [...imported, ...logged.map((e) => toEventRow(this.idOf(e), e))];
  }

  private async receive(message: unknown): Promise<void> {
    if (!isWebviewMessage(message)) {
      this.log.warn(`Event Inspector: ignored a message outside the protocol: ${JSON.stringify(message)?.slice(0, 200)}`);
      return;
    }
    try {
      await this.handle(message);
    } catch (error) {
      this.log.error(`Event Inspector: ${(error as Error).message}`);
      void this.ui().error((error as Error).message);
    }
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        this.pending = [];
        this.post({ type: 'reset', rows: this.snapshot(), capacity: this.capacity(), source: 'live' });
        return;
      case 'copy':
        await vscode.env.clipboard.writeText(message.text);
        vscode.window.setStatusBarMessage('Copied', 2_000);
        return;
      case 'openJourney': {
        const server = this.manager.servers.find((s) => s.settings.name === message.server);
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

  /** Writes the events the filter keeps as NDJSON; asks where unless told. Returns how many. */
  async exportEvents(filter: InspectorFilter, to?: vscode.Uri): Promise<number | undefined> {
    const keep = compileFilter(filter);
    const rows = this.snapshot().filter(keep);
    const target = to ?? (await vscode.window.showSaveDialog({ filters: { 'ARI events (NDJSON)': ['ndjson', 'jsonl'] }, saveLabel: `Export ${rows.length} events` }));
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, Buffer.from(toNdjson(rows.map((r) => ({ server: r.server, receivedAt: r.receivedAt, event: r.event }))), 'utf8'));
    this.log.info(`Event Inspector: exported ${rows.length} events to ${target.fsPath}`);
    void this.ui().info(`Exported ${rows.length} events to ${target.fsPath}.`);
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
      const answer = await this.ui().warn(
        `${file.fsPath}: ${result.events.length} events can be imported, ${result.skipped.length} lines cannot (${describeProblems(result.skipped)}).`,
        { modal: true },
        `Import ${result.events.length}, Skip ${result.skipped.length}`,
      );
      if (!answer) return undefined;
    }
    this.imported = result.events.map((e) => toEventRow(this.idOf(e), { ...e, channelIds: channelIdsOf(e.event) }));
    this.post({ type: 'reset', rows: this.snapshot(), capacity: this.capacity(), source: file.fsPath });
    this.log.info(`Event Inspector: imported ${result.events.length} events from ${file.fsPath}${result.skipped.length ? `, skipped lines: ${describeProblems(result.skipped, 20)}` : ''}`);
    return result.events.length;
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const media = (file: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', file)).toString();
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${webview.cspSource}; font-src ${webview.cspSource}; img-src ${webview.cspSource}; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('inspector.css')}">
<title>ARI Event Inspector</title>
</head>
<body>
<div id="toolbar" role="toolbar" aria-label="Event filters">
  <input id="text" type="search" placeholder="Search payloads (/)" aria-label="Search payloads">
  <select id="types" multiple size="1" aria-label="Event types" title="Event types (Ctrl+click for several)"></select>
  <select id="server" aria-label="Server"><option value="">all servers</option></select>
  <select id="application" aria-label="Application"><option value="">all apps</option></select>
  <input id="channel" type="text" placeholder="channel id" aria-label="Channel id">
  <label><input id="failures" type="checkbox"> failures only</label>
  <label><input id="follow" type="checkbox"> follow</label>
  <button id="pause" aria-pressed="false">Pause</button>
  <button id="export">Export…</button>
  <button id="import">Import…</button>
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
