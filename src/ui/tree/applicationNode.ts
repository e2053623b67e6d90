import * as vscode from 'vscode';
import { applicationContextValue } from './contextValues';
import type { NodeKind } from './NodeKind';
import type { ApplicationNode, StasisNode } from './nodes';

/** A Stasis app: ours or another client's, its channel count; under it, its channels, oldest first. */
export const applicationKind: NodeKind<ApplicationNode> = {
  showsAge: false,
  item(node, ctx) {
    const session = ctx.manager.server(node.serverId)?.session;
    if (!session) return new vscode.TreeItem(node.app);
    const owned = session.ownership.isOwned(node.app);
    const subscribedToAll = session.model.applications.get(node.app)?.subscribedToAll ?? false;
    return new ApplicationTreeItem(node, owned, subscribedToAll, session.model.channels.countOf(node.app));
  },
  children(node, ctx): StasisNode[] {
    const session = ctx.manager.server(node.serverId)?.session;
    if (!session) return [];
    return (
      session.model.channels
        .of(node.app)
        // By code unit: Asterisk's ISO times (one offset) and uniqueids sort right so, at a fraction of localeCompare's cost.
        .sort((a, b) => compare(a.snapshot.creationtime, b.snapshot.creationtime) || compare(a.id, b.id))
        .map((c) => ctx.nodes.channel(node.serverId, node.app, c.id))
    );
  },
  parent: (node, ctx) => ctx.nodes.server(node.serverId),
  target: (node) => ({ serverId: node.serverId, app: node.app }),
};

class ApplicationTreeItem extends vscode.TreeItem {
  constructor(node: ApplicationNode, owned: boolean, subscribedToAll: boolean, count: number) {
    // Expanded from the start: VS Code keeps the state per id, and a call arriving in an app that
    // was empty when first shown must be visible.
    super(node.app, vscode.TreeItemCollapsibleState.Expanded);
    this.id = node.key;
    this.contextValue = applicationContextValue(owned);
    this.description = `${count} channel${count === 1 ? '' : 's'} · ${owned ? 'ours' : 'observed'}${subscribedToAll ? ' · all events' : ''}`;
    this.accessibilityInformation = { label: `Application ${node.app}, ${this.description}`, role: 'treeitem' };
    this.iconPath = new vscode.ThemeIcon(owned ? 'symbol-event' : 'eye');
    this.tooltip = owned
      ? `Stasis app "${node.app}", registered by Stasis Explorer. Endpoints with context=stasis-${node.app} land here.`
      : `Stasis app "${node.app}", registered by another ARI client (or inactive with channels left in it). Only observed: its events go to its owner.`;
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
