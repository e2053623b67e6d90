import * as vscode from 'vscode';
import type { Disposable } from '../../ari/Emitter';
import { compileFilter, type InspectorFilter } from '../../inspector/InspectorFilter';
import { describeProblems, fromNdjson, toNdjson } from '../../inspector/Ndjson';
import { isWebviewMessage, type EventRow, type HostMessage, type JourneyView, type WebviewMessage } from '../../inspector/protocol';
import { channelOfEvent } from '../../ari/generated/ariTypes';
import type { InspectorView } from '../commands/CommandContext';
import { describeStep } from '../journeyText';
import type { Logger } from '../Logger';
import { followSessions } from '../servers/followSessions';
import type { ServerManager } from '../servers/ServerManager';
import type { Ui } from '../Ui';
import { toEventRow } from './eventRows';
import { inspectorHtml } from './inspectorHtml';

const BATCH_MS = 100;
const VIEW_TYPE = 'stasisExplorer.inspector';

/** What the panel reads from the extension; `ui` and the capacity are read on each use. */
export interface InspectorDeps {
  readonly extensionUri: vscode.Uri;
  readonly manager: ServerManager;
  readonly log: Logger;
  readonly ui: () => Ui;
  readonly capacity: () => number;
}

/**
 * The Event Inspector: one webview panel, fed by every session's event log. Events go over in
 * batches, at most ten a second, never one message per event. The webview is untrusted as a
 * sender: every message is checked against the protocol and anything else is logged and dropped.
 */
export class InspectorPanel implements InspectorView, vscode.Disposable {
  private static current: InspectorPanel | undefined;
  private readonly disposables: Disposable[] = [];
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  private pending: EventRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private ready = false;
  private batches = 0;
  /** An imported capture being inspected instead of the live events, until the user goes back to live. */
  private capture: { source: string; rows: EventRow[] } | undefined;

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
    panel.webview.html = inspectorHtml(panel.webview, deps.extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      followSessions(deps.manager, (session, server) => [
        session.onEvent((logged) => {
          if (!this.ready || this.capture) return;
          this.pending.push(toEventRow(this.idOf(logged), logged, server.name));
          if (this.pending.length > this.deps.capacity()) this.pending = this.pending.slice(-this.deps.capacity());
          this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
        }),
      ]),
    );
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
    const name = session.model.channels.get(channelId)?.snapshot.name ?? events.map((e) => channelOfEvent(e.event)?.name).find(Boolean) ?? channelId;
    const journey: JourneyView = { serverId, serverName: server.settings.name, channelId, channelName: name, steps, eventIds: events.map((e) => this.idOf(e)) };
    this.post({ type: 'filter', filter: { channelId } });
    this.post({ type: 'journey', journey });
    return journey;
  }

  dispose(): void {
    if (InspectorPanel.current === this) InspectorPanel.current = undefined;
    clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
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
      .flatMap((s) => (s.session?.log.all() ?? []).map((logged) => ({ logged, name: s.settings.name })))
      .sort((a, b) => a.logged.receivedAt - b.logged.receivedAt)
      .slice(-capacity)
      .map(({ logged, name }) => toEventRow(this.idOf(logged), logged, name));
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
        await this.deps.ui().copy(message.text);
        this.deps.ui().status('Copied', 2_000);
        return;
      case 'openJourney':
        this.showJourney(message.serverId, message.channelId);
        return;
      case 'export':
        await this.exportEvents(message.filter);
        return;
      case 'import':
        await this.importEvents();
        return;
    }
  }

  /** Writes the events the filter keeps (of the capture, while one is open) as NDJSON; asks where unless told. Returns how many. */
  async exportEvents(filter: InspectorFilter, to?: { readonly fsPath: string }): Promise<number | undefined> {
    const rows = this.snapshot().filter(compileFilter(filter));
    const target = to ? vscode.Uri.file(to.fsPath) : await this.deps.ui().saveFile({ filters: { 'ARI events (NDJSON)': ['ndjson', 'jsonl'] }, saveLabel: `Export ${rows.length} events` });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, Buffer.from(toNdjson(rows.map((r) => ({ serverId: r.serverId, serverName: r.serverName, receivedAt: r.receivedAt, event: r.event }))), 'utf8'));
    this.deps.log.info(`Event Inspector: exported ${rows.length} events to ${target.fsPath}`);
    void this.deps.ui().info(`Exported ${rows.length} events to ${target.fsPath}.`);
    return rows.length;
  }

  /** Reads an NDJSON capture to inspect offline; asks which file unless told. Returns how many were imported. */
  async importEvents(from?: { readonly fsPath: string }): Promise<number | undefined> {
    const file = from ? vscode.Uri.file(from.fsPath) : await this.deps.ui().openFile({ filters: { 'ARI events (NDJSON)': ['ndjson', 'jsonl', 'json', 'txt', 'log'] }, openLabel: 'Import' });
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
    this.capture = { source: file.fsPath, rows: result.events.map((e) => toEventRow(this.idOf(e), e, e.serverName)) };
    this.reset();
    this.deps.log.info(`Event Inspector: imported ${result.events.length} events from ${file.fsPath}${result.skipped.length ? `, skipped lines: ${describeProblems(result.skipped, 20)}` : ''}`);
    return result.events.length;
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }
}
