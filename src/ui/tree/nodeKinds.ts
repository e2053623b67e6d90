import { applicationKind } from './applicationNode';
import { bridgeChannelKind } from './bridgeChannelNode';
import { bridgeKind } from './bridgeNode';
import { channelKind } from './channelNode';
import { endpointKind, endpointsKind } from './endpointNode';
import { leftBehindKind } from './leftBehindNode';
import type { NodeKind } from './NodeKind';
import type { StasisNode } from './nodes';
import { serverKind } from './serverNode';
import { traceKind } from './traceNode';

type Kinds = { readonly [K in StasisNode['kind']]: NodeKind<Extract<StasisNode, { kind: K }>> };

/** Every kind of node in the tree. A new resource in the tree is one more entry here. */
const NODE_KINDS: Kinds = {
  server: serverKind,
  app: applicationKind,
  channel: channelKind,
  bridge: bridgeKind,
  bridgeChannel: bridgeChannelKind,
  endpoints: endpointsKind,
  endpoint: endpointKind,
  leftBehind: leftBehindKind,
  trace: traceKind,
};

/** The kind of a node, typed for it. */
export function kindOf<N extends StasisNode>(node: N): NodeKind<N> {
  return NODE_KINDS[node.kind] as unknown as NodeKind<N>;
}

/** Whether a command argument is one of our tree nodes (VS Code passes the clicked node). */
export function isTreeNode(value: unknown): value is StasisNode {
  return typeof value === 'object' && value !== null && 'kind' in value && Object.hasOwn(NODE_KINDS, (value as { kind: string }).kind) && 'key' in value;
}
