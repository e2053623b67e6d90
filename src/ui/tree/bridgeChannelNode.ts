import * as vscode from 'vscode';
import { channelContextValue } from './contextValues';
import type { NodeKind } from './NodeKind';
import type { BridgeChannelNode } from './nodes';

/** A channel in a bridge, under the bridge; it takes the channel's commands, and Remove from Bridge. */
export const bridgeChannelKind: NodeKind<BridgeChannelNode> = {
  showsAge: false,
  item(node, ctx) {
    const session = ctx.manager.server(node.serverId)?.session;
    const channel = session?.model.channels.get(node.channelId);
    const item = new vscode.TreeItem(channel?.snapshot.name ?? node.channelId, vscode.TreeItemCollapsibleState.None);
    item.id = node.key;
    if (!session || !channel) {
      item.description = 'not known here (no app of this server is told of it)';
      item.contextValue = 'bridgeChannel.unknown';
      return item;
    }
    const snap = channel.snapshot;
    const inStasis = channel.stasisApp !== undefined;
    item.contextValue = channelContextValue(snap.state, inStasis, session.moves.pending(node.channelId).length > 0, true, { playing: session.model.playbacks.on(`channel:${node.channelId}`).length > 0, recording: session.model.recordings.on(`channel:${node.channelId}`).length > 0 });
    const caller = [snap.caller.name, snap.caller.number ? `<${snap.caller.number}>` : ''].filter(Boolean).join(' ');
    item.description = [snap.state, caller || undefined, channel.stasisApp ? `in ${channel.stasisApp}` : 'not in Stasis'].filter(Boolean).join(' · ');
    item.accessibilityInformation = { label: `Channel ${snap.name} in the bridge, ${item.description}`, role: 'treeitem' };
    item.iconPath = new vscode.ThemeIcon('call-outgoing');
    item.tooltip = `${snap.name}\nId: ${snap.id}\nIn bridge ${node.bridgeId}`;
    return item;
  },
  children: () => [],
  parent: (node, ctx) => ctx.nodes.bridge(node.serverId, node.app, node.bridgeId),
  // The channel: its commands act on it, not on its bridge (Remove from Bridge finds the bridge it is in).
  target: (node) => ({ serverId: node.serverId, app: node.app, channelId: node.channelId }),
};
