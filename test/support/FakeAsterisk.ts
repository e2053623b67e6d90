// The one fake Asterisk of the tests: its HTTP server and the events WebSocket on one port, under
// an optional http.conf prefix, for what a real Asterisk cannot be made to do on demand (HTML
// pages, empty answers, malformed frames, a GET /applications held while an event arrives, an
// upgrade refused with a status). Channel operations answer as Asterisk does: 204 for a known
// channel, 404 "Channel not found" otherwise. The real thing is in test/integration.
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Application, AriEvent, Bridge, Channel, Endpoint } from '../../src/ari/generated/ariTypes';

export interface SeenRequest {
  method: string;
  /** Path and query as sent, prefix included. */
  url: string;
  authorization?: string;
}

export type Route = (res: http.ServerResponse, req: http.IncomingMessage) => void;

/** What Asterisk 22 answers for a path it does not serve (a wrong prefix, res_ari not loaded). */
const ASTERISK_404_PAGE =
  '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\r\n<html><head>\r\n<title>404 Not Found</title>\r\n</head><body>\r\n<h1>Not Found</h1>\r\n<p>The requested URL was not found on this server.</p>\r\n<hr />\r\n<address>Asterisk Server</address>\r\n</body></html>\r\n';

export function json(status: number, value: unknown): Route {
  return (res) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };
}

export class FakeAsterisk {
  readonly requests: SeenRequest[] = [];
  /** The open events socket of each app (one app per socket, as ServerSession opens them). */
  readonly sockets = new Map<string, WebSocket>();
  /** Every socket that connected, in order. */
  readonly connections: WebSocket[] = [];
  applications: Application[] = [];
  channels: Channel[] = [];
  bridges: Bridge[] = [];
  endpoints: Endpoint[] = [];
  /** While set, GET /applications answers (what it listed when asked) only once this settles. */
  holdApplications: Promise<void> | undefined;
  /** While set, events upgrades are refused with this HTTP status. */
  refuseUpgrades: number | undefined;
  /** Answers that replace the default one, keyed `METHOD /ari/path` (no prefix, no query). */
  readonly routes = new Map<string, Route>();
  /** While set, answers every REST request, whatever its path (a proxy's page, a stall). */
  answerAll: Route | undefined;

  private constructor(
    /** The server URL to configure, prefix included. */
    readonly url: string,
    private readonly prefix: string,
    private readonly server: http.Server,
    private readonly wss: WebSocketServer,
  ) {}

  /**
   * `autoPong: false` makes its sockets deaf to pings, like a link that died without a close;
   * `tls` serves https and wss with that certificate.
   */
  static async start(options: { host?: string; prefix?: string; autoPong?: boolean; tls?: { cert: string; key: string } } = {}): Promise<FakeAsterisk> {
    const host = options.host ?? '127.0.0.1';
    const prefix = options.prefix ?? '';
    const server = options.tls ? https.createServer(options.tls) : http.createServer();
    const wss = new WebSocketServer({ noServer: true, autoPong: options.autoPong ?? true });
    await new Promise<void>((resolve) => server.listen(0, host, resolve));
    const port = (server.address() as AddressInfo).port;
    const fake = new FakeAsterisk(`${options.tls ? 'https' : 'http'}://${host.includes(':') ? `[${host}]` : host}:${port}${prefix}`, prefix, server, wss);
    server.on('request', (req, res) => fake.answer(req, res));
    server.on('upgrade', (req, socket, head) => fake.upgrade(req, socket, head));
    return fake;
  }

  /** Sends one frame on the app's socket: an event as JSON text, a string as is, a Buffer as a binary frame. */
  send(app: string, frame: AriEvent | string | Buffer): void {
    const socket = this.sockets.get(app);
    if (!socket) throw new Error(`no events socket for app "${app}"`);
    socket.send(typeof frame === 'string' || Buffer.isBuffer(frame) ? frame : JSON.stringify(frame));
  }

  /** Sends these exact bytes as a text frame, even when they are not valid UTF-8. */
  sendText(app: string, bytes: Buffer): void {
    const socket = this.sockets.get(app);
    if (!socket) throw new Error(`no events socket for app "${app}"`);
    socket.send(bytes, { binary: false });
  }

  /**
   * Resolves once the client has read every frame sent on the app's socket so far: a client
   * answers a ping only after the frames before it (ws reads them in order).
   */
  delivered(app: string): Promise<void> {
    const socket = this.sockets.get(app);
    if (!socket) throw new Error(`no events socket for app "${app}"`);
    return new Promise((resolve) => {
      socket.once('pong', () => resolve());
      socket.ping();
    });
  }

  requestsTo(method: string, path: string): SeenRequest[] {
    return this.requests.filter((r) => r.method === method && r.url.split('?')[0] === `${this.prefix}${path}`);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets.values()) socket.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private answer(req: http.IncomingMessage, res: http.ServerResponse): void {
    this.requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization });
    if (this.answerAll) return this.answerAll(res, req);
    const path = this.ariPath(req.url!);
    const route = path === undefined ? undefined : this.routes.get(`${req.method} ${path}`) ?? this.defaultRoute(req.method!, path);
    if (route) return route(res, req);
    res.writeHead(404, { 'content-type': 'text/html' });
    res.end(ASTERISK_404_PAGE);
  }

  private defaultRoute(method: string, path: string): Route | undefined {
    if (method === 'GET' && path === '/ari/asterisk/info') return json(200, { system: { version: '22.10.1', entity_id: '52:54:00:12:34:56' } });
    if (method === 'GET' && path === '/ari/applications') {
      const listed = structuredClone(this.applications);
      const hold = this.holdApplications;
      return (res, req) => void Promise.resolve(hold).then(() => json(200, listed)(res, req));
    }
    if (method === 'GET' && path === '/ari/channels') return json(200, this.channels);
    if (method === 'GET' && path === '/ari/bridges') return json(200, this.bridges);
    if (method === 'GET' && path === '/ari/endpoints') return json(200, this.endpoints);
    const subscription = /^\/ari\/applications\/([^/]+)\/subscription$/.exec(path);
    if (subscription && method === 'POST') return json(200, { name: decodeURIComponent(subscription[1]), channel_ids: ['__AST_CHANNEL_ALL_TOPIC'], bridge_ids: ['__AST_BRIDGE_ALL_TOPIC'], endpoint_ids: ['__AST_ENDPOINT_ALL_TOPIC'], device_names: [], events_allowed: [], events_disallowed: [] });
    const channelOp = /^\/ari\/channels\/([^/]+)(\/[a-z]+)?$/.exec(path);
    if (channelOp && method !== 'GET') {
      const id = decodeURIComponent(channelOp[1]);
      if (this.channels.some((c) => c.id === id)) {
        return (res) => {
          res.writeHead(204);
          res.end();
        };
      }
      return json(404, { message: 'Channel not found' });
    }
    return undefined;
  }

  private upgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    this.requests.push({ method: 'GET', url: req.url!, authorization: req.headers.authorization });
    if (this.ariPath(req.url!) !== '/ari/events') {
      socket.end(`HTTP/1.1 404 Not Found\r\ncontent-type: text/html\r\n\r\n${ASTERISK_404_PAGE}`);
      return;
    }
    if (this.refuseUpgrades) {
      socket.end(`HTTP/1.1 ${this.refuseUpgrades} Refused\r\ncontent-length: 0\r\n\r\n`);
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      this.connections.push(ws);
      const app = new URL(req.url!, 'http://fake').searchParams.get('app') ?? '';
      this.sockets.set(app, ws);
      ws.on('close', () => {
        if (this.sockets.get(app) === ws) this.sockets.delete(app);
      });
    });
  }

  /** The path without the prefix and the query, or undefined when it is outside the prefix. */
  private ariPath(url: string): string | undefined {
    const path = url.split('?')[0];
    return path.startsWith(`${this.prefix}/`) ? path.slice(this.prefix.length) : undefined;
  }
}
