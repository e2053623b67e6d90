import * as vscode from 'vscode';
import { leftBehind } from '../../model/channels/leftBehind';
import type { ManagedServer } from '../servers/ServerManager';
import { serverContextValue } from './contextValues';
import type { NodeKind } from './NodeKind';
import type { ServerNode, StasisNode } from './nodes';

/** A server: its state and Asterisk version; under it, its apps, ours first. */
export const serverKind: NodeKind<ServerNode> = {
  showsAge: true,
  item(node, ctx) {
    const server = ctx.manager.server(node.serverId);
    return server ? new ServerTreeItem(node, server) : new vscode.TreeItem('(removed)');
  },
  children(node, ctx): StasisNode[] {
    const session = ctx.manager.server(node.serverId)?.session;
    const trace = ctx.traces.get(node.serverId) ? [ctx.nodes.trace(node.serverId)] : [];
    if (!session) return trace;
    const names = new Set(session.model.applications.all.map((a) => a.name));
    for (const app of session.ownership.owned) names.add(app);
    const owned = (name: string) => Number(session.ownership.isOwned(name));
    const apps: StasisNode[] = [...names].sort((a, b) => owned(b) - owned(a) || a.localeCompare(b)).map((name) => ctx.nodes.app(node.serverId, name));
    const left = leftBehind(session.model);
    const endpoints = session.model.endpoints.size > 0 ? [ctx.nodes.endpoints(node.serverId)] : [];
    return [...trace, ...apps, ...endpoints, ...(left.channels.length + left.bridges.length > 0 ? [ctx.nodes.leftBehind(node.serverId)] : [])];
  },
  parent: () => undefined,
  target: (node) => ({ serverId: node.serverId }),
};

class ServerTreeItem extends vscode.TreeItem {
  constructor(node: ServerNode, server: ManagedServer) {
    const status = server.session?.status;
    super(server.settings.name, vscode.TreeItemCollapsibleState.Expanded);
    this.id = node.key;
    this.contextValue = serverContextValue(status);
    this.description = describe(server);
    this.accessibilityInformation = { label: `ARI server ${server.settings.name}, ${this.description}`, role: 'treeitem' };
    this.iconPath = icon(server);
    this.tooltip = [
      `${server.settings.name} — ${server.settings.url} (user ${server.settings.username})`,
      server.info?.system ? `Asterisk ${server.info.system.version}, entity ${server.info.system.entity_id}` : undefined,
      `Apps registered on connect: ${server.settings.apps?.length ? server.settings.apps.join(', ') : 'none'}`,
      server.lastError ? `Last error: ${server.lastError}` : undefined,
    ]
      .filter(Boolean)
      .join('\n');
  }
}

function describe(server: ManagedServer): string {
  const status = server.session?.status;
  const version = server.info?.system ? ` · Asterisk ${server.info.system.version}` : '';
  switch (status?.state) {
    case 'connected':
      return `connected${version}`;
    case 'connecting':
      return 'connecting…';
    case 'reconnecting':
      return `reconnecting in ${Math.ceil(status.inMs / 1000)} s (${status.reason})`;
    case 'failed':
      return `error: ${status.reason}`;
    default:
      return server.lastError ? `error: ${server.lastError}` : 'disconnected';
  }
}

function icon(server: ManagedServer): vscode.ThemeIcon {
  switch (server.session?.status.state) {
    case 'connected':
      return new vscode.ThemeIcon('server-environment', new vscode.ThemeColor('testing.iconPassed'));
    case 'connecting':
    case 'reconnecting':
      return new vscode.ThemeIcon('sync~spin');
    case 'failed':
      return new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
    default:
      return server.lastError ? new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')) : new vscode.ThemeIcon('server');
  }
}
