// A TCP proxy in front of the sandbox's ARI port, for the faults a real Asterisk cannot be made
// to show: a link that goes silent, a half-open connection, an HTTP server that answers 503.
// It knows one thing about HTTP: whether a connection asked for a WebSocket upgrade, so that the
// events sockets can be broken while REST keeps working (or the other way round).
import * as net from 'node:net';

type Mode =
  | { kind: 'forward' }
  /** Bytes are neither forwarded nor answered, in either direction; sockets stay open. */
  | { kind: 'stall' }
  /** New connections get this raw HTTP response, then are closed. */
  | { kind: 'respond'; response: string };

interface Link {
  client: net.Socket;
  upstream: net.Socket | undefined;
  websocket: boolean;
  /** Nothing passes in either direction; what arrives is dropped, as on a link that went silent. */
  stalled: boolean;
}

/** Which connections a fault applies to: the events sockets, the REST requests, or both. */
export type Scope = 'websockets' | 'rest' | 'all';

export class FaultProxy {
  private readonly server: net.Server;
  private readonly links = new Set<Link>();
  private mode: Mode = { kind: 'forward' };
  private scope: Scope = 'all';
  /** Every connection the proxy accepted; tests count reconnect attempts with it. */
  accepted = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {
    this.server = net.createServer((client) => this.accept(client));
  }

  static async start(target: string): Promise<FaultProxy> {
    const url = new URL(target);
    const proxy = new FaultProxy(url.hostname, Number(url.port || 80));
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    return proxy;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as net.AddressInfo).port}`;
  }

  /** Stops forwarding on the links in scope, open ones included, and on new ones; nothing is closed. */
  stall(scope: Scope = 'all'): void {
    this.mode = { kind: 'stall' };
    this.scope = scope;
    for (const link of this.links) if (matches(scope, link)) link.stalled = true;
  }

  /** New connections in scope get `response` (e.g. a 503) and are closed; open links are untouched. */
  respond(response: string, scope: Scope = 'all'): void {
    this.mode = { kind: 'respond', response };
    this.scope = scope;
  }

  /** Forwards again, for new connections; links stalled so far stay dead (as after a real outage). */
  forward(): void {
    this.mode = { kind: 'forward' };
  }

  /**
   * Half-open: the Asterisk side of the links in scope is closed, and the client side is left
   * open but silent, as when a NAT or firewall forgets a connection. Only the client's own
   * liveness check can notice.
   */
  halfOpen(scope: Scope = 'websockets'): void {
    for (const link of this.links) {
      if (!matches(scope, link)) continue;
      link.stalled = true;
      link.upstream?.destroy();
      link.upstream = undefined;
    }
  }

  /** Resets every link in scope on both sides (RST where the OS allows it). */
  cut(scope: Scope = 'all'): void {
    for (const link of this.links) {
      if (!matches(scope, link)) continue;
      link.client.resetAndDestroy();
      link.upstream?.destroy();
    }
  }

  async close(): Promise<void> {
    for (const link of this.links) {
      link.client.destroy();
      link.upstream?.destroy();
    }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: net.Socket): void {
    this.accepted++;
    const link: Link = { client, upstream: undefined, websocket: false, stalled: false };
    this.links.add(link);
    client.on('error', () => undefined);
    client.on('close', () => {
      link.upstream?.destroy();
      this.links.delete(link);
    });
    // The first bytes say whether this is an upgrade; the mode is applied once that is known.
    client.once('data', (first: Buffer) => {
      link.websocket = /^upgrade:\s*websocket/im.test(first.toString('latin1'));
      const mode = this.mode;
      if (mode.kind !== 'forward' && matches(this.scope, link)) {
        if (mode.kind === 'respond') {
          client.end(mode.response);
          return;
        }
        link.stalled = true;
      }
      this.connectUpstream(link, first);
    });
  }

  private connectUpstream(link: Link, first: Buffer): void {
    if (link.stalled) {
      // A stalled link swallows what the client sends and never answers.
      link.client.on('data', () => undefined);
      return;
    }
    const upstream = net.connect(this.targetPort, this.targetHost);
    link.upstream = upstream;
    upstream.on('error', () => link.client.destroy());
    upstream.on('close', () => {
      if (!link.stalled) link.client.end();
    });
    upstream.write(first);
    link.client.on('data', (chunk: Buffer) => {
      if (!link.stalled) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!link.stalled) link.client.write(chunk);
    });
  }
}

function matches(scope: Scope, link: Link): boolean {
  return scope === 'all' || (scope === 'websockets') === link.websocket;
}
