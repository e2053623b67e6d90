/** Tree elements: plain keys, cached so that VS Code sees the same object on every refresh. */
export type StasisNode = ServerNode | ApplicationNode | ChannelNode;

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

export interface ChannelNode {
  readonly kind: 'channel';
  readonly key: string;
  readonly serverId: string;
  readonly app: string;
  readonly channelId: string;
}

export class NodeCache {
  private readonly nodes = new Map<string, StasisNode>();
  private readonly byChannel = new Map<string, Set<ChannelNode>>();

  server(serverId: string): ServerNode {
    return this.intern({ kind: 'server', key: `s:${serverId}`, serverId });
  }

  app(serverId: string, app: string): ApplicationNode {
    return this.intern({ kind: 'app', key: `a:${serverId}:${app}`, serverId, app });
  }

  channel(serverId: string, app: string, channelId: string): ChannelNode {
    const key = `c:${serverId}:${app}:${channelId}`;
    // VS Code asks for an app's children on every refresh of it: a node it already has costs one lookup.
    const known = this.nodes.get(key);
    if (known) return known as ChannelNode;
    const node = this.intern<ChannelNode>({ kind: 'channel', key, serverId, app, channelId });
    const index = `${serverId}:${channelId}`;
    let set = this.byChannel.get(index);
    if (!set) this.byChannel.set(index, (set = new Set()));
    set.add(node);
    return node;
  }

  /** Nodes already handed to the view, by key; undefined if the view never saw one. */
  existing(key: string): StasisNode | undefined {
    return this.nodes.get(key);
  }

  keys(): string[] {
    return [...this.nodes.keys()];
  }

  channelNodes(serverId: string, channelId: string): ChannelNode[] {
    return [...(this.byChannel.get(`${serverId}:${channelId}`) ?? [])];
  }

  forgetChannel(serverId: string, channelId: string): void {
    const index = `${serverId}:${channelId}`;
    for (const node of this.byChannel.get(index) ?? []) this.nodes.delete(node.key);
    this.byChannel.delete(index);
  }

  forgetServer(serverId: string): void {
    for (const [key, node] of this.nodes) {
      if (node.serverId === serverId && node.kind !== 'server') {
        this.nodes.delete(key);
        if (node.kind === 'channel') this.byChannel.delete(`${serverId}:${node.channelId}`);
      }
    }
  }

  private intern<T extends StasisNode>(node: T): T {
    const known = this.nodes.get(node.key);
    if (known) return known as T;
    this.nodes.set(node.key, node);
    return node;
  }
}
