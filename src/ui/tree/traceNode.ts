import * as vscode from 'vscode';
import type { NodeKind } from './NodeKind';
import type { TraceNode } from './nodes';

/** The server's trace, first under it: the URL to give the app, and what the trace has seen. */
export const traceKind: NodeKind<TraceNode> = {
  showsAge: false,
  item(node, ctx) {
    const trace = ctx.traces.get(node.serverId);
    const server = ctx.manager.server(node.serverId);
    // Only a running trace has a node: one stopping meanwhile is gone at the next refresh.
    const item = new vscode.TreeItem(trace ? `Trace at ${trace.url}` : 'Trace (stopped)', vscode.TreeItemCollapsibleState.None);
    item.id = node.key;
    if (trace) item.contextValue = 'trace';
    item.iconPath = new vscode.ThemeIcon('radio-tower', trace && trace.summary.openSockets.length > 0 ? new vscode.ThemeColor('testing.iconPassed') : undefined);
    const summary = trace?.summary;
    item.description = summary?.text ?? '';
    item.accessibilityInformation = { label: `${typeof item.label === 'string' ? item.label : ''}, ${item.description}`, role: 'treeitem' };
    item.tooltip = summary
      ? [
          `Point your ARI app at ${trace.url} instead of ${server?.settings.url ?? 'Asterisk'}: REST and the events socket pass through unchanged, and Stasis Explorer reads a copy.`,
          `Sockets open: ${summary.openSockets.length} (${summary.socketsSeen} since the start), apps: ${summary.apps.join(', ') || 'none'}.`,
          `REST exchanges: ${summary.exchanges} (${summary.failedExchanges} failed); events: ${summary.events}.`,
          summary.dropped > 0 ? `${summary.dropped} records were dropped from the trace because it fell behind; the app's traffic itself lost nothing, and the tree was read again from REST.` : undefined,
          summary.unreadable > 0 ? `${summary.unreadable} streams could not be read by the trace (see the log); their bytes passed unchanged.` : undefined,
        ]
          .filter(Boolean)
          .join('\n')
      : undefined;
    item.command = { command: 'stasisExplorer.openInspector', title: 'Open Event Inspector', arguments: [{ serverId: node.serverId }] };
    return item;
  },
  children: () => [],
  parent: (node, ctx) => ctx.nodes.server(node.serverId),
  target: (node) => ({ serverId: node.serverId }),
};
