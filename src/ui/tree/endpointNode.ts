import * as vscode from 'vscode';
import { routeText } from '../../model/endpoints/routeText';
import type { ServerSession } from '../../model/session/ServerSession';
import type { NodeKind } from './NodeKind';
import type { EndpointNode, EndpointsNode } from './nodes';

/** The server's endpoints, by technology and name; showing them reads where the PJSIP ones route. */
export const endpointsKind: NodeKind<EndpointsNode> = {
  showsAge: false,
  item(node, ctx) {
    const endpoints = [...(ctx.manager.server(node.serverId)?.session?.model.endpoints.all ?? [])];
    const item = new vscode.TreeItem('Endpoints', vscode.TreeItemCollapsibleState.Collapsed);
    item.id = node.key;
    item.contextValue = 'endpoints';
    item.iconPath = new vscode.ThemeIcon('device-mobile');
    const online = endpoints.filter((e) => e.endpoint.state === 'online').length;
    item.description = `${endpoints.length} · ${online} online`;
    item.tooltip = 'The endpoints Asterisk has (GET /endpoints), their state live, and, for PJSIP, the context their calls go to.';
    return item;
  },
  children(node, ctx) {
    const session = ctx.manager.server(node.serverId)?.session;
    if (!session) return [];
    const ids = [...session.model.endpoints.all].map((e) => e.id).sort((a, b) => a.localeCompare(b));
    session.endpointRoutes.request(ids);
    return ids.map((id) => ctx.nodes.endpoint(node.serverId, id));
  },
  parent: (node, ctx) => ctx.nodes.server(node.serverId),
  target: (node) => ({ serverId: node.serverId }),
};

export const endpointKind: NodeKind<EndpointNode> = {
  showsAge: false,
  item(node, ctx) {
    const session = ctx.manager.server(node.serverId)?.session;
    const view = session?.model.endpoints.get(node.endpointId);
    const item = new vscode.TreeItem(node.endpointId, vscode.TreeItemCollapsibleState.None);
    item.id = node.key;
    if (!session || !view) {
      item.description = '(gone)';
      return item;
    }
    const { endpoint, contacts } = view;
    const route = session.endpointRoutes.routeOf(node.endpointId);
    // From the channels the model knows: no endpoint event says when a channel comes or goes (docs/ari-behaviour.md#endpoints).
    const channels = [...session.model.channels.ofEndpoint(node.endpointId)];
    const calls = channels.length;
    item.contextValue = 'endpoint';
    item.description = [endpoint.state ?? 'unknown', calls > 0 ? `${calls} channel${calls === 1 ? '' : 's'}` : undefined, routeText(route, (app) => registered(session, app))].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(endpoint.state === 'online' ? 'pass-filled' : endpoint.state === 'offline' ? 'circle-slash' : 'question', endpoint.state === 'online' ? new vscode.ThemeColor('testing.iconPassed') : undefined);
    item.accessibilityInformation = { label: `Endpoint ${node.endpointId}, ${item.description}`, role: 'treeitem' };
    item.tooltip = [
      node.endpointId,
      `State: ${endpoint.state ?? 'unknown'}`,
      route?.kind === 'stasis' ? `Context: stasis-${route.app}: its calls land in the Stasis app ${route.app}, with no dialplan` : route?.kind === 'dialplan' ? `Context: ${route.context} (dialplan)` : route ? `Context: not read (${route.reason})` : undefined,
      ...[...contacts.values()].map((c) => `Contact ${c.uri}: ${c.contact_status}${c.roundtrip_usec ? `, ${Math.round(Number(c.roundtrip_usec) / 1000)} ms round trip` : ''}`),
      calls > 0 ? `Channels: ${channels.map((id) => session.model.channels.get(id)?.snapshot.name ?? id).join(', ')}` : undefined,
    ]
      .filter(Boolean)
      .join('\n');
    return item;
  },
  children: () => [],
  parent: (node, ctx) => ctx.nodes.endpoints(node.serverId),
  target: (node) => ({ serverId: node.serverId, endpointId: node.endpointId }),
};

/** Whether some client holds `app` now: ours, or listed by Asterisk and not known to be without a client. */
function registered(session: ServerSession, app: string): boolean {
  if (session.ownership.isOwned(app)) return true;
  const view = session.model.applications.get(app);
  return view !== undefined && view.activity?.active !== false;
}
