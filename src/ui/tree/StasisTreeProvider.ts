import * as vscode from 'vscode';
import type { ServerSession } from '../../model/ServerSession';
import { RefreshCoalescer } from '../../model/RefreshCoalescer';
import type { ServerManager } from '../ServerManager';
import { ApplicationTreeItem } from './ApplicationTreeItem';
import { ChannelTreeItem } from './ChannelTreeItem';
import { NodeCache, type StasisNode } from './nodes';
import { ServerTreeItem } from './ServerTreeItem';

/** At most 10 refreshes a second, whatever the event rate. */
const REFRESH_INTERVAL_MS = 100;
/** Ages are shown to the minute, so a redraw every 30 s keeps them right without re-rendering rows
 * (and disturbing an open context menu) more than needed. */
const AGE_TICK_MS = 30_000;

/**
 * Servers → Stasis applications → channels. It follows each session's change feed and refreshes
 * only the nodes that changed, coalesced.
 */
export class StasisTreeProvider implements vscode.TreeDataProvider<StasisNode>, vscode.Disposable {
  private readonly nodes = new NodeCache();
  private readonly changeEmitter = new vscode.EventEmitter<StasisNode | StasisNode[] | undefined>();
  private readonly coalescer = new RefreshCoalescer<string>((keys) => this.flush(keys), REFRESH_INTERVAL_MS);
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly sessionSubscriptions = new Map<string, { dispose(): void }[]>();
  private ticker: NodeJS.Timeout | undefined;

  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(private readonly manager: ServerManager) {
    this.subscriptions.push(
      manager.onDidChange((id) => this.coalescer.add([id === undefined ? ROOT : this.nodes.server(id).key])),
      manager.onDidCreateSession(({ server, session }) => this.follow(server.id, session)),
    );
  }

  getTreeItem(node: StasisNode): vscode.TreeItem {
    const server = this.manager.server(node.serverId);
    if (!server) return new vscode.TreeItem('(removed)');
    if (node.kind === 'server') return new ServerTreeItem(node, server);
    const session = server.session;
    if (node.kind === 'app') {
      const app = session?.state.application(node.app);
      return app ? new ApplicationTreeItem(node, app) : new vscode.TreeItem(node.app);
    }
    const channel = session?.state.channel(node.channelId);
    if (!session || !channel) return new vscode.TreeItem('(gone)');
    return new ChannelTreeItem(node, channel, session.moves.pending(node.channelId), session.journeys.of(node.channelId), Date.now());
  }

  getChildren(node?: StasisNode): StasisNode[] {
    if (!node) return this.manager.servers.map((s) => this.nodes.server(s.settings.id));
    const session = this.manager.server(node.serverId)?.session;
    if (!session) return [];
    if (node.kind === 'server') {
      return [...session.state.applications]
        .sort((a, b) => Number(b.owned) - Number(a.owned) || a.name.localeCompare(b.name))
        .map((a) => this.nodes.app(node.serverId, a.name));
    }
    if (node.kind === 'app') {
      return session.state
        .channelsOf(node.app)
        // Oldest first, by code unit: Asterisk's ISO times (one offset) and uniqueids sort right so, at a fraction of localeCompare's cost.
        .sort((a, b) => compare(a.snapshot.creationtime, b.snapshot.creationtime) || compare(a.id, b.id))
        .map((c) => this.nodes.channel(node.serverId, node.app, c.id));
    }
    return [];
  }

  getParent(node: StasisNode): StasisNode | undefined {
    if (node.kind === 'server') return undefined;
    if (node.kind === 'app') return this.nodes.server(node.serverId);
    return this.nodes.app(node.serverId, node.app);
  }

  refreshAll(): void {
    this.coalescer.add([ROOT]);
  }

  /** Ages in the labels move with time, not events: redraw them while the view is shown. */
  setVisible(visible: boolean): void {
    clearInterval(this.ticker);
    this.ticker = visible ? setInterval(() => this.coalescer.add(this.nodes.keys().filter((k) => k.startsWith('c:') || k.startsWith('s:'))), AGE_TICK_MS) : undefined;
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.coalescer.dispose();
    for (const s of this.subscriptions) s.dispose();
    for (const list of this.sessionSubscriptions.values()) for (const d of list) d.dispose();
    this.changeEmitter.dispose();
  }

  private follow(serverId: string, session: ServerSession): void {
    for (const d of this.sessionSubscriptions.get(serverId) ?? []) d.dispose();
    this.nodes.forgetServer(serverId);
    const disposables = [
      session.state.onDidChange((change) => {
        const keys: string[] = [];
        for (const app of change.applications) {
          // A node the view has never seen cannot be refreshed by itself: refresh its parent.
          const key = `a:${serverId}:${app}`;
          keys.push(this.nodes.existing(key) ? key : `s:${serverId}`);
        }
        if (change.removedApplications.length > 0) keys.push(`s:${serverId}`);
        for (const id of change.channels) for (const node of this.nodes.channelNodes(serverId, id)) keys.push(node.key);
        for (const id of change.removedChannels) this.nodes.forgetChannel(serverId, id);
        this.coalescer.add(keys);
      }),
      session.moves.onDidStart((m) => this.coalescer.add(this.nodes.channelNodes(serverId, m.channelId).map((n) => n.key))),
      session.moves.onDidSettle((m) => this.coalescer.add(this.nodes.channelNodes(serverId, m.channelId).map((n) => n.key))),
    ];
    this.sessionSubscriptions.set(serverId, disposables);
  }

  private flush(keys: string[]): void {
    if (keys.includes(ROOT)) {
      this.changeEmitter.fire(undefined);
      return;
    }
    const nodes = keys.map((k) => this.nodes.existing(k)).filter((n): n is StasisNode => n !== undefined);
    if (nodes.length > 0) this.changeEmitter.fire(nodes);
  }
}

const ROOT = '';

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
