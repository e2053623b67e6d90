import * as vscode from 'vscode';
import type { ApplicationView } from '../../model/ServerState';
import { applicationContextValue } from './contextValues';
import type { ApplicationNode } from './nodes';

export class ApplicationTreeItem extends vscode.TreeItem {
  constructor(node: ApplicationNode, app: ApplicationView) {
    const count = app.channelIds.size;
    // Expanded from the start: VS Code keeps the state per id, and a call arriving in an app that
    // was empty when first shown must be visible.
    super(app.name, vscode.TreeItemCollapsibleState.Expanded);
    this.id = node.key;
    this.contextValue = applicationContextValue(app.owned);
    this.description = `${count} channel${count === 1 ? '' : 's'} · ${app.owned ? 'ours' : 'observed'}${app.subscribedToAll ? ' · all events' : ''}`;
    this.accessibilityInformation = { label: `Application ${app.name}, ${this.description}`, role: 'treeitem' };
    this.iconPath = new vscode.ThemeIcon(app.owned ? 'symbol-event' : 'eye');
    this.tooltip = app.owned
      ? `Stasis app "${app.name}", registered by Stasis Explorer. Endpoints with context=stasis-${app.name} land here.`
      : `Stasis app "${app.name}", registered by another ARI client (or inactive with channels left in it). Only observed: its events go to its owner.`;
  }
}
