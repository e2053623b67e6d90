import type * as vscode from 'vscode';
import type { ServerManager } from '../servers/ServerManager';
import type { TraceRegistry } from '../trace/TraceRegistry';
import type { NodeCache, StasisNode } from './nodes';

/** What every node kind reads to build its item and its children. */
export interface TreeContext {
  readonly manager: ServerManager;
  readonly traces: TraceRegistry;
  readonly nodes: NodeCache;
  /** Now, in ms: ages in labels are relative to it. */
  now(): number;
}

/** What a command invoked on a tree item receives: the same fields any other caller may pass. */
export type CommandTarget = { serverId: string } & Partial<{ app: string; channelId: string; bridgeId: string }>;

/** One kind of tree node: its item, its children, its parent, and what commands get from it. */
export interface NodeKind<N extends StasisNode> {
  item(node: N, ctx: TreeContext): vscode.TreeItem;
  children(node: N, ctx: TreeContext): StasisNode[];
  parent(node: N, ctx: TreeContext): StasisNode | undefined;
  target(node: N): CommandTarget;
  /** Its item shows an age, to be redrawn as time passes. */
  readonly showsAge: boolean;
}
