import * as vscode from 'vscode';
import type { Disposable } from '../../ari/Emitter';
import type { InspectorFilter } from '../../inspector/InspectorFilter';
import { isWebviewMessage, type EventRow, type ExchangeRow, type HostMessage, type JourneyView, type TimelineRow, type WebviewMessage } from '../../inspector/protocol';
import { channelOfEvent } from '../../ari/generated/ariTypes';
import type { InspectorView } from '../commands/CommandContext';
import { describeStep } from '../journeyText';
import type { Logger } from '../Logger';
import { core } from '../core';
import { followSessions } from '../servers/followSessions';
import type { ServerManager } from '../servers/ServerManager';
import type { Ui } from '../Ui';
import { prepareWebviewPanel } from '../webviewPage';
import { toEventRow } from './eventRows';
import { toExchangeRow } from './exchangeRows';
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
 * The Event Inspector: one webview panel, fed by every session's event log and by the REST
 * exchanges of its traced apps, in one timeline. Rows go over in batches, at most ten a second,
 * never one message per event. The webview is untrusted as a sender: every message is checked
 * against the protocol and anything else is logged and dropped.
 */
export class InspectorPanel implements InspectorView, vscode.Disposable {
  private static current: InspectorPanel | undefined;
  private readonly disposables: Disposable[] = [];
  private readonly ids = new WeakMap<object, number>();
  private nextId = 1;
  /** Each kind apart, each bounded by the capacity as its logs are; merged by time when sent. */
  private readonly pending = { events: [] as EventRow[], exchanges: [] as ExchangeRow[] };
  private timer: NodeJS.Timeout | undefined;
  private ready = false;
  private batches = 0;
  /** An imported capture being inspected instead of the live rows, until the user goes back to live. */
  private capture: { source: string; events: EventRow[]; exchanges: ExchangeRow[] } | undefined;

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
    prepareWebviewPanel(panel, deps.extensionUri);
    panel.webview.html = inspectorHtml(panel.webview, deps.extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      followSessions(deps.manager, (session, server) => [
        session.onEvent((logged) => this.queue(this.pending.events, () => toEventRow(this.idOf(logged), logged, server.name))),
        session.trace.onExchange((logged) => this.queue(this.pending.exchanges, () => toExchangeRow(this.idOf(logged), logged, server.name))),
      ]),
    );
  }

  /** Whether the webview has loaded and asked for the events. */
  get isReady(): boolean {
    return this.ready;
  }

  /** How many batches of live rows went to the webview (for tests of the batching). */
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

  /** A live row for the next batch; built only while the page shows the live rows. */
  private queue<Row extends TimelineRow>(pending: Row[], row: () => Row): void {
    if (!this.ready || this.capture) return;
    pending.push(row());
    const capacity = this.deps.capacity();
    if (pending.length > capacity) pending.splice(0, pending.length - capacity);
    this.timer ??= setTimeout(() => this.flush(), BATCH_MS);
  }

  private flush(): void {
    this.timer = undefined;
    const rows = byTime([...this.pending.events.splice(0), ...this.pending.exchanges.splice(0)]);
    if (rows.length === 0) return;
    this.batches++;
    this.post({ type: 'rows', rows, capacity: this.deps.capacity() });
  }

  private idOf(logged: object): number {
    let id = this.ids.get(logged);
    if (id === undefined) this.ids.set(logged, (id = this.nextId++));
    return id;
  }

  /**
   * The capture being inspected, or else what every connected server holds, in time order: the
   * newest `capacity` events and the newest `capacity` exchanges, as the page keeps them.
   */
  private snapshot(): TimelineRow[] {
    const capacity = this.deps.capacity();
    if (this.capture) return byTime([...this.capture.events.slice(-capacity), ...this.capture.exchanges.slice(-capacity)]);
    const servers = this.deps.manager.servers;
    // Only the rows that will be kept are built: each one formats its summary line.
    const events = byTime(servers.flatMap((s) => (s.session?.log.all() ?? []).map((logged) => ({ at: logged.receivedAt, logged, name: s.settings.name }))))
      .slice(-capacity)
      .map(({ logged, name }) => toEventRow(this.idOf(logged), logged, name));
    const exchanges = byTime(servers.flatMap((s) => (s.session?.trace.exchanges.all() ?? []).map((logged) => ({ at: logged.at, logged, name: s.settings.name }))))
      .slice(-capacity)
      .map(({ logged, name }) => toExchangeRow(this.idOf(logged), logged, name));
    return byTime([...events, ...exchanges]);
  }

  private reset(): void {
    this.pending.events.length = 0;
    this.pending.exchanges.length = 0;
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

  /** Writes the rows the filter keeps (of the capture, while one is open) as NDJSON; asks where unless told. Returns how many. */
  async exportEvents(filter: InspectorFilter, to?: { readonly fsPath: string }): Promise<number | undefined> {
    // Files are read and written by the core's code (NDJSON, shape checks, redaction), loaded when first needed.
    const { compileFilter, writeCapture } = await core();
    return writeCapture(this.deps, this.snapshot().filter(compileFilter(filter)), to);
  }

  /** Reads an NDJSON capture to inspect offline; asks which file unless told. Returns how many rows were imported. */
  async importEvents(from?: { readonly fsPath: string }): Promise<number | undefined> {
    // What an exchange names is read with the spec's operations, which only the core carries.
    const { readCapture, subjectsOf } = await core();
    const capture = await readCapture(this.deps, from);
    if (!capture) return undefined;
    this.capture = {
      source: capture.source,
      events: byTime(capture.events.map((e) => toEventRow(this.idOf(e), e, e.serverName))),
      exchanges: byTime(capture.exchanges.map((e) => toExchangeRow(this.idOf(e), { ...e, subjects: subjectsOf(e.exchange) }, e.serverName))),
    };
    this.reset();
    return capture.events.length + capture.exchanges.length;
  }

  private post(message: HostMessage): void {
    void this.panel.webview.postMessage(message);
  }
}

/** Sorted by time, in place; rows of one instant keep their order (the sort is stable). */
function byTime<T extends { readonly at: number }>(items: T[]): T[] {
  return items.sort((a, b) => a.at - b.at);
}
