import * as vscode from 'vscode';
import type { Disposable } from '../../ari/Emitter';
import { isEmptyAndUnheld, isLeftBehind } from '../../model/channels/leftBehind';
import { RefreshCoalescer } from '../../model/RefreshCoalescer';
import type { ServerSession } from '../../model/session/ServerSession';
import { followSessions } from '../servers/followSessions';
import type { ServerManager } from '../servers/ServerManager';
import type { TraceRegistry } from '../trace/TraceRegistry';
import type { TreeContext } from './NodeKind';
import { kindOf } from './nodeKinds';
import { NodeCache, type StasisNode } from './nodes';

/** At most 10 refreshes a second, whatever the event rate. */
const REFRESH_INTERVAL_MS = 100;
/** Ages are shown to the minute, so a redraw every 30 s keeps them right without re-rendering rows
 * (and disturbing an open context menu) more than needed. */
const AGE_TICK_MS = 30_000;
const ROOT = '';

/**
 * Servers → Stasis applications → their bridges and channels. It follows each session's change feeds and refreshes
 * only the nodes that changed, coalesced; while the view is hidden it refreshes nothing, and
 * catches up with one refresh when it is shown again.
 */
export class StasisTreeProvider implements vscode.TreeDataProvider<StasisNode>, vscode.Disposable {
  private readonly nodes = new NodeCache();
  private readonly context: TreeContext;
  private readonly changeEmitter = new vscode.EventEmitter<StasisNode | StasisNode[] | undefined>();
  private readonly coalescer = new RefreshCoalescer<string>((keys) => this.flush(keys), REFRESH_INTERVAL_MS);
  private readonly subscriptions: Disposable[];
  private visible = true;
  private missed = false;
  private ticker: NodeJS.Timeout | undefined;

  readonly onDidChangeTreeData = this.changeEmitter.event;

  constructor(
    private readonly manager: ServerManager,
    traces: TraceRegistry,
  ) {
    this.context = { manager, traces, nodes: this.nodes, now: () => Date.now() };
    const traced = new Set<string>();
    this.subscriptions = [
      manager.onDidChange((id) => this.refresh([id === undefined ? ROOT : this.nodes.server(id).key])),
      // A trace starting or stopping adds or removes its node; what it reads redraws only that node.
      traces.onDidChange((id) => {
        const running = traces.get(id) !== undefined;
        if (running === traced.has(id)) return this.refreshOne(this.nodes.trace(id).key);
        if (running) traced.add(id);
        else traced.delete(id);
        this.refreshOne(this.nodes.server(id).key);
      }),
      followSessions(manager, (session, server) => this.follow(server.id, session)),
    ];
  }

  getTreeItem(node: StasisNode): vscode.TreeItem {
    return kindOf(node).item(node, this.context);
  }

  getChildren(node?: StasisNode): StasisNode[] {
    if (!node) return this.manager.servers.map((s) => this.nodes.server(s.settings.id));
    return kindOf(node).children(node, this.context);
  }

  getParent(node: StasisNode): StasisNode | undefined {
    return kindOf(node).parent(node, this.context);
  }

  refreshAll(): void {
    this.refresh([ROOT]);
  }

  /** Whether the view is shown, as VS Code last said. */
  get isVisible(): boolean {
    return this.visible;
  }

  /** Follows the view's visibility: nothing is refreshed (nor aged) while it is hidden. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    // The watcher polls the listing of apps only for the view (docs/ari-behaviour.md#watching).
    for (const server of this.manager.servers) {
      const listing = server.session?.watcher?.listing;
      if (visible) listing?.resume();
      else listing?.pause();
    }
    clearInterval(this.ticker);
    this.ticker = undefined;
    if (!visible) return;
    this.ticker = setInterval(() => this.refresh([...this.nodes.all()].filter((n) => kindOf(n).showsAge).map((n) => n.key)), AGE_TICK_MS);
    if (this.missed) {
      this.missed = false;
      this.refresh([ROOT]);
    }
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.coalescer.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.changeEmitter.dispose();
  }

  private refresh(keys: string[]): void {
    if (this.visible) this.coalescer.add(keys);
    else this.missed = true;
  }

  /** One key; what a change feed hands over for each event, so nothing is allocated for it. */
  private refreshOne(key: string): void {
    if (this.visible) this.coalescer.addOne(key);
    else this.missed = true;
  }

  private follow(serverId: string, session: ServerSession): Disposable[] {
    // A new session of the server: the nodes of the one before it name channels it does not have.
    this.nodes.forgetServer(serverId);
    if (!this.visible) session.watcher?.listing.pause();
    const refreshChannel = (id: string) => {
      for (const node of this.nodes.channelNodes(serverId, id) ?? []) this.refreshOne(node.key);
    };
    const refreshBridge = (id: string) => {
      for (const node of this.nodes.bridgeNodes(serverId, id) ?? []) this.refreshOne(node.key);
    };
    // A node the view has never seen cannot be refreshed by itself: refresh its parent.
    const refreshApp = (app: string) => this.refreshOne(this.nodes.knownApp(serverId, app)?.key ?? this.nodes.server(serverId).key);
    // Channels under "Left behind" belong to no app's list: the server (its parent) is refreshed when one comes or goes.
    let hadEndpoints = session.model.endpoints.size > 0;
    const leftShown = new Set<string>();
    const leftBridges = new Set<string>();
    const leftBridgeChanged = (id: string): boolean => {
      const bridge = session.model.bridges.get(id);
      const left = bridge !== undefined && isEmptyAndUnheld(bridge, session.model);
      if (left === leftBridges.has(id)) return false;
      if (left) leftBridges.add(id);
      else leftBridges.delete(id);
      return true;
    };
    const leftChanged = (id: string): boolean => {
      const channel = session.model.channels.get(id);
      const left = channel !== undefined && isLeftBehind(channel);
      if (left === leftShown.has(id)) return false;
      if (left) leftShown.add(id);
      else leftShown.delete(id);
      return true;
    };
    return [
      // An app that became ours or stopped being ours is a change of the applications store too.
      session.model.applications.onDidChange((change) => {
        for (const app of change.changed) refreshApp(app);
        if (change.removed.length > 0) this.refreshOne(this.nodes.server(serverId).key);
      }),
      session.model.channels.onDidChange((change) => {
        let left = false;
        for (const app of change.apps) refreshApp(app);
        for (const endpoint of change.endpoints) this.refreshOne(this.nodes.endpoint(serverId, endpoint).key);
        for (const id of change.changed) {
          refreshChannel(id);
          if (leftChanged(id)) left = true;
        }
        for (const id of change.removed) {
          this.nodes.forgetChannel(serverId, id);
          if (leftShown.delete(id)) left = true;
        }
        if (left) this.refreshOne(this.nodes.server(serverId).key);
      }),
      // A bridge is a node under each app subscribed to it; one empty and held by no app shows in "Left behind".
      session.model.bridges.onDidChange((change) => {
        let left = false;
        for (const app of change.apps) refreshApp(app);
        for (const id of change.channels) refreshChannel(id);
        for (const id of change.changed) {
          refreshBridge(id);
          if (leftBridgeChanged(id)) left = true;
        }
        for (const id of change.removed) {
          this.nodes.forgetBridge(serverId, id);
          if (leftBridgeChanged(id)) left = true;
        }
        if (left) this.refreshOne(this.nodes.server(serverId).key);
      }),
      // A change redraws the endpoint and the count on Endpoints; the server only when Endpoints comes or goes.
      session.model.endpoints.onDidChange((change) => {
        for (const id of change.changed) this.refreshOne(this.nodes.endpoint(serverId, id).key);
        this.refreshOne(this.nodes.endpoints(serverId).key);
        if ((session.model.endpoints.size > 0) !== hadEndpoints) {
          hadEndpoints = !hadEndpoints;
          this.refreshOne(this.nodes.server(serverId).key);
        }
      }),
      session.endpointRoutes.onDidRead((id) => this.refreshOne(this.nodes.endpoint(serverId, id).key)),
      // A playback's or recording's target is `channel:<id>` or `bridge:<id>`.
      ...[session.model.playbacks, session.model.recordings].map((store) =>
        store.onDidChange((change) => {
          for (const target of change.changed) {
            const [kind, id] = [target.slice(0, target.indexOf(':')), target.slice(target.indexOf(':') + 1)];
            if (kind === 'channel') refreshChannel(id);
            else if (kind === 'bridge') refreshBridge(id);
          }
        }),
      ),
      // A traced app's apps show as traced.
      session.trace.onDidChangeApps(() => this.refreshOne(this.nodes.server(serverId).key)),
      session.moves.onDidStart((m) => refreshChannel(m.channelId)),
      session.moves.onDidSettle((m) => refreshChannel(m.channelId)),
    ];
  }

  private flush(keys: string[]): void {
    // Gathered before the view was hidden: the refresh on showing it covers them.
    if (!this.visible) {
      this.missed = true;
      return;
    }
    if (keys.includes(ROOT)) {
      this.changeEmitter.fire(undefined);
      return;
    }
    const nodes = keys.map((k) => this.nodes.byKey(k)).filter((n): n is StasisNode => n !== undefined);
    if (nodes.length > 0) this.changeEmitter.fire(nodes);
  }
}
