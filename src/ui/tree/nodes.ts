/** Tree elements: plain keys, cached so that VS Code sees the same object on every refresh. */
export type StasisNode = ServerNode | ApplicationNode | ChannelNode | LeftBehindNode | TraceNode;

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
  /** Server id → channel id → its nodes (one per app it is listed under); found without building a key. */
  private readonly byChannel = new Map<string, Map<string, Set<ChannelNode>>>();

  server(serverId: string): ServerNode {
    let node = this.servers.get(serverId);
    if (!node) this.servers.set(serverId, (node = this.intern({ kind: 'server', key: nodeKey('server', serverId), serverId })));
    return node;
  }

  leftBehind(serverId: string): LeftBehindNode {
    return this.intern<LeftBehindNode>({ kind: 'leftBehind', key: nodeKey('leftBehind', serverId), serverId });
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
    for (const known of this.byChannel.get(serverId)?.get(channelId) ?? []) if (known.app === app) return known;
    const node = this.intern<ChannelNode>({ kind: 'channel', key: nodeKey('channel', serverId, app, channelId), serverId, app, channelId });
    let channels = this.byChannel.get(serverId);
    if (!channels) this.byChannel.set(serverId, (channels = new Map()));
    let set = channels.get(channelId);
    if (!set) channels.set(channelId, (set = new Set()));
    set.add(node);
    return node;
  }

  /** The app's node if the view has it; undefined if the view never saw one (then its parent is what to refresh). */
  knownApp(serverId: string, app: string): ApplicationNode | undefined {
    return this.byApp.get(serverId)?.get(app);
  }

  /** The channel's nodes (one per app it is listed under); not copied, for the read path. */
  channelNodes(serverId: string, channelId: string): ReadonlySet<ChannelNode> | undefined {
    return this.byChannel.get(serverId)?.get(channelId);
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

  forgetServer(serverId: string): void {
    for (const [key, node] of this.nodes) if (node.serverId === serverId && node.kind !== 'server') this.nodes.delete(key);
    this.byApp.delete(serverId);
    this.byChannel.delete(serverId);
  }

  private intern<T extends StasisNode>(node: T): T {
    const known = this.nodes.get(node.key);
    if (known) return known as T;
    this.nodes.set(node.key, node);
    return node;
  }
}
