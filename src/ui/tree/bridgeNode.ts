import * as vscode from 'vscode';
import type { Bridge } from '../../ari/generated/ariTypes';
import { bridgeLabel } from '../../model/bridges/bridgeLabel';
import type { ServerSession } from '../../model/session/ServerSession';
import { bridgeContextValue } from './contextValues';
import type { NodeKind } from './NodeKind';
import type { BridgeNode } from './nodes';

/** A bridge under an app subscribed to it: its type, technology and name; under it, its channels. */
export const bridgeKind: NodeKind<BridgeNode> = {
  showsAge: false,
  item(node, ctx) {
    const session = ctx.manager.server(node.serverId)?.session;
    const bridge = session?.model.bridges.get(node.bridgeId);
    if (!session || !bridge) return new vscode.TreeItem('(gone)');
    return new BridgeTreeItem(node, bridge, session);
  },
  children(node, ctx) {
    const bridge = ctx.manager.server(node.serverId)?.session?.model.bridges.get(node.bridgeId);
    return (bridge?.channels ?? []).map((id) => ctx.nodes.bridgeChannel(node.serverId, node.app, node.bridgeId, id));
  },
  parent: (node, ctx) => ctx.nodes.app(node.serverId, node.app),
  target: (node) => ({ serverId: node.serverId, app: node.app, bridgeId: node.bridgeId }),
};

/** Names and ids come from the network: plain-string label and tooltip, never markdown. */
class BridgeTreeItem extends vscode.TreeItem {
  constructor(node: BridgeNode, bridge: Bridge, session: ServerSession) {
    super(bridgeLabel(bridge), bridge.channels.length > 0 ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    this.id = node.key;
    const count = bridge.channels.length;
    const playbacks = session.model.playbacks.on(`bridge:${bridge.id}`);
    const recordings = session.model.recordings.on(`bridge:${bridge.id}`);
    this.contextValue = bridgeContextValue({ playing: playbacks.length > 0, recording: recordings.length > 0 });
    const media = [...playbacks.map((p) => ` · ▶ ${p.media_uri}`), ...recordings.map((r) => ` · ● recording ${r.name}`)].join('');
    this.description = `${bridge.bridge_type} · ${bridge.technology} · ${count === 0 ? 'empty' : `${count} channel${count === 1 ? '' : 's'}`}${media}`;
    this.accessibilityInformation = { label: `Bridge ${bridgeLabel(bridge)}, ${this.description}`, role: 'treeitem' };
    this.iconPath = new vscode.ThemeIcon('type-hierarchy-sub');
    const names = bridge.channels.map((id) => session.model.channels.get(id)?.snapshot.name ?? id);
    this.tooltip = [
      `Bridge ${bridge.name ? `"${bridge.name}"` : '(no name)'}`,
      `Id: ${bridge.id}`,
      `Type: ${bridge.bridge_type} (technology ${bridge.technology}, class ${bridge.bridge_class})`,
      `Created by: ${bridge.creator}${bridge.creationtime ? `, ${bridge.creationtime}` : ''}`,
      ...(bridge.video_mode ? [`Video: ${bridge.video_mode}${bridge.video_source_id ? `, source ${bridge.video_source_id}` : ''}`] : []),
      names.length > 0 ? `Channels: ${names.join(', ')}` : 'No channels in it.',
    ].join('\n');
  }
}
