import * as vscode from 'vscode';
import { leftBehind } from '../../model/channels/leftBehind';
import type { NodeKind } from './NodeKind';
import { LEFT_BEHIND, type LeftBehindNode, type StasisNode } from './nodes';

/**
 * What no app holds any more, under its server: channels inside Stasis() of an app Asterisk no
 * longer lists, and empty bridges no app is subscribed to (listed in the tooltip until bridges
 * are nodes of their own).
 */
export const leftBehindKind: NodeKind<LeftBehindNode> = {
  showsAge: false,
  item(node, ctx) {
    const session = ctx.manager.server(node.serverId)?.session;
    const found = session ? leftBehind(session.model) : { channels: [], bridges: [] };
    const item = new vscode.TreeItem('Left behind', found.channels.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = node.key;
    item.contextValue = 'leftBehind';
    item.iconPath = new vscode.ThemeIcon('debug-disconnect', new vscode.ThemeColor('editorWarning.foreground'));
    const parts = [found.channels.length > 0 ? `${found.channels.length} in Stasis() of no app` : undefined, found.bridges.length > 0 ? `${found.bridges.length} empty bridge${found.bridges.length === 1 ? '' : 's'} of no app` : undefined];
    item.description = parts.filter(Boolean).join(' · ');
    item.accessibilityInformation = { label: `Left behind, ${item.description}`, role: 'treeitem' };
    item.tooltip = [
      'What no Stasis app holds any more.',
      found.channels.length > 0 ? 'Channels inside Stasis() of an app Asterisk no longer lists (its client registered it with subscribeAll and went away): nothing will move or hang them up but a REST call.' : undefined,
      ...found.bridges.map((b) => `Bridge ${b.id} (${b.bridge_type}${b.name ? `, "${b.name}"` : ''}, created by ${b.creator}): empty, no app subscribed (unless a client is about to add channels, only a REST call will destroy it).`),
    ]
      .filter(Boolean)
      .join('\n');
    return item;
  },
  children(node, ctx): StasisNode[] {
    const session = ctx.manager.server(node.serverId)?.session;
    return session ? leftBehind(session.model).channels.map((c) => ctx.nodes.channel(node.serverId, LEFT_BEHIND, c.id)) : [];
  },
  parent: (node, ctx) => ctx.nodes.server(node.serverId),
  target: (node) => ({ serverId: node.serverId }),
};
