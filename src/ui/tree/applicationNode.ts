import * as vscode from 'vscode';
import { groupLocalPairs } from '../../model/channels/localPair';
import { applicationContextValue } from './contextValues';
import type { NodeKind } from './NodeKind';
import type { ApplicationNode, StasisNode } from './nodes';

/** A Stasis app: ours or another client's, its channel count; under it, its bridges, then its channels, oldest first. */
export const applicationKind: NodeKind<ApplicationNode> = {
  showsAge: false,
  item(node, ctx) {
    const session = ctx.manager.server(node.serverId)?.session;
    if (!session) return new vscode.TreeItem(node.app);
    const owned = session.ownership.isOwned(node.app);
    const view = session.model.applications.get(node.app);
    const subscribedToAll = view?.subscribedToAll ?? false;
    // Ours is active while our socket is; another client's is what the evidence says (docs/ari-behaviour.md#inactive-apps).
    const inactive = owned ? undefined : view?.activity?.active === false ? view.activity.because : undefined;
    const { calls } = groupLocalPairs(session.model.channels.of(node.app));
    const inStasis = calls.filter((c) => c.stasisApp === node.app).length;
    const watched = session.watcher !== undefined && !session.watcher.stopped;
    return new ApplicationTreeItem(node, { owned, traced: session.trace.hears(node.app), watched, subscribedToAll, inactive, inStasis, waiting: calls.length - inStasis });
  },
  children(node, ctx): StasisNode[] {
    const session = ctx.manager.server(node.serverId)?.session;
    if (!session) return [];
    // By code unit: Asterisk's ISO times (one offset) and uniqueids sort right so, at a fraction of localeCompare's cost.
    const channels = session.model.channels.of(node.app).sort((a, b) => compare(a.snapshot.creationtime, b.snapshot.creationtime) || compare(a.id, b.id));
    const bridges = [...session.model.bridges.idsOf(node.app)]
      .map((id) => session.model.bridges.get(id))
      .filter((b) => b !== undefined)
      .sort((a, b) => compare(a.creationtime ?? '', b.creationtime ?? '') || compare(a.id, b.id));
    // A Local pair is one call: its ;2 half is under its ;1 (channelNode).
    return [...bridges.map((b) => ctx.nodes.bridge(node.serverId, node.app, b.id)), ...groupLocalPairs(channels).calls.map((c) => ctx.nodes.channel(node.serverId, node.app, c.id))];
  },
  parent: (node, ctx) => ctx.nodes.server(node.serverId),
  target: (node) => ({ serverId: node.serverId, app: node.app }),
};

interface AppFacts {
  readonly owned: boolean;
  /** Another client's app whose own socket goes through our trace proxy: its events are read as exactly as ours. */
  readonly traced: boolean;
  /** Another client's app shown live by the watcher, or only at each resync (watching off). */
  readonly watched: boolean;
  readonly subscribedToAll: boolean;
  /** Why we know no client holds it; undefined when it is not known to be inactive. */
  readonly inactive: string | undefined;
  /** Calls inside its Stasis(); `waiting`: subscribed to it but not inside yet (an originate ringing). */
  readonly inStasis: number;
  readonly waiting: number;
}

class ApplicationTreeItem extends vscode.TreeItem {
  constructor(node: ApplicationNode, app: AppFacts) {
    // Expanded from the start: VS Code keeps the state per id, and a call arriving in an app that
    // was empty when first shown must be visible.
    super(node.app, vscode.TreeItemCollapsibleState.Expanded);
    this.id = node.key;
    this.contextValue = applicationContextValue(app.owned, app.inactive !== undefined, app.inStasis > 0);
    const whose = app.owned ? 'ours' : app.traced ? "another client's · traced" : app.inactive ? 'inactive: no client' : app.watched ? "another client's · live" : "another client's · at Refresh";
    const waiting = app.waiting > 0 ? ` · ${app.waiting} not in Stasis yet` : '';
    this.description = `${app.inStasis} in Stasis${waiting} · ${whose}${app.subscribedToAll ? ' · all events' : ''}`;
    this.accessibilityInformation = { label: `Application ${node.app}, ${this.description}`, role: 'treeitem' };
    this.iconPath = app.inactive ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground')) : new vscode.ThemeIcon(app.owned ? 'symbol-event' : 'eye');
    this.tooltip = app.inactive
      ? `Stasis app "${node.app}" has no client: ${app.inactive}. Asterisk keeps its channels in Stasis() and drops their events until a client registers "${node.app}" again; new calls to it fail. "Hang Up or Continue Its Channels…" clears them.`
      : app.owned
      ? `Stasis app "${node.app}", registered by Stasis Explorer. Endpoints with context=stasis-${node.app} land here.`
      : app.traced
      ? `Stasis app "${node.app}", registered by your own ARI app through Stasis Explorer's trace proxy: what it is told (StasisStart args, moves, ApplicationMoveFailed) and the REST calls it makes are read as they pass.`
      : app.watched
        ? `Stasis app "${node.app}", registered by another ARI client (or inactive with channels left in it). Watched without taking it over: channel events arrive live; moves show from the server's listing of apps within about a second.`
        : `Stasis app "${node.app}", registered by another ARI client (or inactive with channels left in it). Watching is off for this server: it is read again at each Refresh.`;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
