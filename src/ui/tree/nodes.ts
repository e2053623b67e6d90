/** Tree elements: plain keys, cached so that VS Code sees the same object on every refresh. */
export type StasisNode = ServerNode | ApplicationNode | ChannelNode | BridgeNode | BridgeChannelNode | EndpointsNode | EndpointNode | LeftBehindNode | TraceNode;

/** The app of a channel node under "Left behind": no app name is empty (docs/ari-behaviour.md#events-socket). */
export const LEFT_BEHIND = '';

export interface ServerNode {
  readonly kind: 'server';
  readonly key: string;
  readonly serverId: string;
}

export interface ApplicationNode {
  readonly kind: 'app';
  readonly key: string;
  readonly serverId: string;
  readonly app: string;
}

/** What no app holds any more, on one server. */
export interface LeftBehindNode {
  readonly kind: 'leftBehind';
  readonly key: string;
  readonly serverId: string;
}

/** The server's trace of the user's own apps (docs/trace-proxy.md). */
export interface TraceNode {
  readonly kind: 'trace';
  readonly key: string;
  readonly serverId: string;
}

export interface ChannelNode {
  readonly kind: 'channel';
  readonly key: string;
  readonly serverId: string;
  readonly app: string;
  readonly channelId: string;
}

/** A bridge an app is subscribed to (docs/ari-behaviour.md#bridges), under that app. */
export interface BridgeNode {
  readonly kind: 'bridge';
  readonly key: string;
  readonly serverId: string;
  readonly app: string;
  readonly bridgeId: string;
}

/** A channel in a bridge, under the bridge: a node of its own, the channel's own being under the app. */
export interface BridgeChannelNode {
  readonly kind: 'bridgeChannel';
  readonly key: string;
  readonly serverId: string;
  readonly app: string;
  readonly bridgeId: string;
  readonly channelId: string;
}

/** The server's endpoints, under it. */
export interface EndpointsNode {
  readonly kind: 'endpoints';
  readonly key: string;
  readonly serverId: string;
}

/** One endpoint (`PJSIP/alice`), under the server's Endpoints. */
export interface EndpointNode {
  readonly kind: 'endpoint';
  readonly key: string;
  readonly serverId: string;
  readonly endpointId: string;
}

/** A node's key: its kind and ids, each escaped, so that no id (an app name may hold ':') can make two nodes share one. */
function nodeKey(kind: StasisNode['kind'], ...ids: string[]): string {
  let key: string = kind;
  for (const id of ids) key += `:${encodeURIComponent(id)}`;
  return key;
}

/** Every node handed to the view, by key, with the indexes a change feed needs to find them. */
export class NodeCache {
  private readonly nodes = new Map<string, StasisNode>();
  private readonly servers = new Map<string, ServerNode>();
  /** Server id → app → its node; found without building a key (a change feed asks per event). */
  private readonly byApp = new Map<string, Map<string, ApplicationNode>>();
  /** Server id → channel id → its nodes (one per app it is listed under, and one per bridge it is shown in); found without building a key. */
  private readonly byChannel = new Map<string, Map<string, Set<ChannelNode | BridgeChannelNode>>>();
  /** Server id → bridge id → its nodes (one per app subscribed to it). */
  private readonly byBridge = new Map<string, Map<string, Set<BridgeNode>>>();

  server(serverId: string): ServerNode {
    let node = this.servers.get(serverId);
    if (!node) this.servers.set(serverId, (node = this.intern({ kind: 'server', key: nodeKey('server', serverId), serverId })));
    return node;
  }

  leftBehind(serverId: string): LeftBehindNode {
    return this.intern<LeftBehindNode>({ kind: 'leftBehind', key: nodeKey('leftBehind', serverId), serverId });
  }

  endpoints(serverId: string): EndpointsNode {
    return this.intern<EndpointsNode>({ kind: 'endpoints', key: nodeKey('endpoints', serverId), serverId });
  }

  endpoint(serverId: string, endpointId: string): EndpointNode {
    return this.intern<EndpointNode>({ kind: 'endpoint', key: nodeKey('endpoint', serverId, endpointId), serverId, endpointId });
  }

  trace(serverId: string): TraceNode {
    return this.intern<TraceNode>({ kind: 'trace', key: nodeKey('trace', serverId), serverId });
  }

  app(serverId: string, app: string): ApplicationNode {
    let apps = this.byApp.get(serverId);
    const known = apps?.get(app);
    if (known) return known;
    const node = this.intern<ApplicationNode>({ kind: 'app', key: nodeKey('app', serverId, app), serverId, app });
    if (!apps) this.byApp.set(serverId, (apps = new Map()));
    apps.set(app, node);
    return node;
  }

  channel(serverId: string, app: string, channelId: string): ChannelNode {
    // VS Code asks for an app's children on every refresh of it: a node it already has costs two lookups.
    for (const known of this.byChannel.get(serverId)?.get(channelId) ?? []) if (known.kind === 'channel' && known.app === app) return known;
    return indexed(this.byChannel, serverId, channelId, this.intern<ChannelNode>({ kind: 'channel', key: nodeKey('channel', serverId, app, channelId), serverId, app, channelId }));
  }

  bridge(serverId: string, app: string, bridgeId: string): BridgeNode {
    for (const known of this.byBridge.get(serverId)?.get(bridgeId) ?? []) if (known.app === app) return known;
    return indexed(this.byBridge, serverId, bridgeId, this.intern<BridgeNode>({ kind: 'bridge', key: nodeKey('bridge', serverId, app, bridgeId), serverId, app, bridgeId }));
  }

  bridgeChannel(serverId: string, app: string, bridgeId: string, channelId: string): BridgeChannelNode {
    for (const known of this.byChannel.get(serverId)?.get(channelId) ?? []) if (known.kind === 'bridgeChannel' && known.app === app && known.bridgeId === bridgeId) return known;
    const node = this.intern<BridgeChannelNode>({ kind: 'bridgeChannel', key: nodeKey('bridgeChannel', serverId, app, bridgeId, channelId), serverId, app, bridgeId, channelId });
    return indexed(this.byChannel, serverId, channelId, node);
  }

  /** The app's node if the view has it; undefined if the view never saw one (then its parent is what to refresh). */
  knownApp(serverId: string, app: string): ApplicationNode | undefined {
    return this.byApp.get(serverId)?.get(app);
  }

  /** The channel's nodes (under apps and under bridges); not copied, for the read path. */
  channelNodes(serverId: string, channelId: string): ReadonlySet<ChannelNode | BridgeChannelNode> | undefined {
    return this.byChannel.get(serverId)?.get(channelId);
  }

  bridgeNodes(serverId: string, bridgeId: string): ReadonlySet<BridgeNode> | undefined {
    return this.byBridge.get(serverId)?.get(bridgeId);
  }

  byKey(key: string): StasisNode | undefined {
    return this.nodes.get(key);
  }

  all(): IterableIterator<StasisNode> {
    return this.nodes.values();
  }

  forgetChannel(serverId: string, channelId: string): void {
    const channels = this.byChannel.get(serverId);
    for (const node of channels?.get(channelId) ?? []) this.nodes.delete(node.key);
    channels?.delete(channelId);
  }

  forgetBridge(serverId: string, bridgeId: string): void {
    const bridges = this.byBridge.get(serverId);
    for (const node of bridges?.get(bridgeId) ?? []) this.nodes.delete(node.key);
    bridges?.delete(bridgeId);
    // Its channels' nodes under it: few, and a bridge goes rarely.
    for (const set of this.byChannel.get(serverId)?.values() ?? []) {
      for (const node of set) {
        if (node.kind === 'bridgeChannel' && node.bridgeId === bridgeId) {
          set.delete(node);
          this.nodes.delete(node.key);
        }
      }
    }
  }

  forgetServer(serverId: string): void {
    for (const [key, node] of this.nodes) if (node.serverId === serverId && node.kind !== 'server') this.nodes.delete(key);
    this.byApp.delete(serverId);
    this.byChannel.delete(serverId);
    this.byBridge.delete(serverId);
  }

  private intern<T extends StasisNode>(node: T): T {
    const known = this.nodes.get(node.key);
    if (known) return known as T;
    this.nodes.set(node.key, node);
    return node;
  }
}

/** Adds `node` to the set of `id` on `serverId` in `index`; returns it. */
function indexed<N, M extends N>(index: Map<string, Map<string, Set<N>>>, serverId: string, id: string, node: M): M {
  let byId = index.get(serverId);
  if (!byId) index.set(serverId, (byId = new Map()));
  let set = byId.get(id);
  if (!set) byId.set(id, (set = new Set()));
  set.add(node);
  return node;
}
