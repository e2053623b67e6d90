import * as net from 'node:net';
import { AriBaseUrl } from '../ari/AriBaseUrl';
import type { AriTlsOptions } from '../ari/AriServerConfig';
import { ProxyTarget } from './ProxyTarget';
import { relayConnection } from './connectionRelay';
import type { PackedRecords } from './recordTransfer';
import type { BatchBuffers } from './TraceBatch';
import { TraceTap, type TraceTapOptions } from './TraceTap';

export interface AriProxyOptions {
  /** Asterisk's HTTP server, as a server entry has it: `http(s)://host:port[/prefix]`. */
  readonly target: string;
  readonly tls?: AriTlsOptions;
  /** Where to listen; 0 picks a free port. */
  readonly port: number;
  /** Loopback only (127.0.0.1, ::1 or localhost): the proxy adds no authentication of its own. */
  readonly host?: string;
  /** Gets the tap's records in packed batches (recordTransfer.ts), after the bytes they copy were passed on. */
  readonly reader: (batch: PackedRecords) => void;
  /** Most bytes of each REST body kept in a record (the body itself always passes whole). */
  readonly bodyCap?: number;
  readonly tap?: TraceTapOptions;
}

/** Why the proxy cannot start, in words that say what to do. */
export class ProxyStartError extends Error {
  override readonly name = 'ProxyStartError';
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** Throws the ProxyStartError (or AriConfigError, for the target) that the proxy would fail with, before anything starts. */
export function checkProxyOptions(options: Pick<AriProxyOptions, 'host' | 'port' | 'target'>): AriBaseUrl {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host)) throw new ProxyStartError(`The trace proxy listens on this machine only (127.0.0.1), not on "${host}": it adds no authentication of its own, so anything that reached it could use Asterisk with the credentials an app sends.`);
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535) throw new ProxyStartError(`The trace port must be a whole number from 1 to 65535 (or 0 for any free port), not ${String(options.port)}.`);
  return AriBaseUrl.parse(options.target);
}

/**
 * A transparent local ARI proxy (docs/trace-proxy.md): a user's ARI app pointed at it instead of
 * Asterisk works as before, REST and events socket alike, each connection relayed byte for byte,
 * while a tap beside each pipe reads a copy of what passes. It stores no credentials and adds no
 * authentication: the app's own pass through to Asterisk, which answers them as it would
 * directly. Several apps, and several sockets each, can go through one proxy at once. The
 * extension and the command line run it on a thread of its own (ProxyThread).
 */
export class AriProxy {
  readonly target: ProxyTarget;
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();
  private readonly tap: TraceTap;
  private listening: { host: string; port: number } | undefined;
  private stopping = false;

  constructor(private readonly options: AriProxyOptions) {
    checkProxyOptions(options);
    this.target = new ProxyTarget(options.target, options.tls);
    this.tap = new TraceTap(options.reader, options.tap);
    let socketId = 1;
    let exchangeId = 1;
    const context = { target: this.target, tap: this.tap, nextExchangeId: () => exchangeId++, nextSocketId: () => socketId++, bodyCap: options.bodyCap ?? 256 * 1024, track: (s: net.Socket) => this.track(s), stopping: () => this.stopping };
    // Half-open: an app that sends its request and then its FIN still gets the answer (connectionRelay.ts).
    this.server = net.createServer({ noDelay: true, allowHalfOpen: true }, (client) => relayConnection(client, context));
  }

  /** `http://127.0.0.1:<port>`, the address to give the app instead of Asterisk's; undefined until listening. */
  get url(): string | undefined {
    if (!this.listening) return undefined;
    const host = this.listening.host.includes(':') ? `[${this.listening.host}]` : this.listening.host;
    return `http://${host}:${this.listening.port}${this.target.url.pathPrefix}`;
  }

  /** The tap holds records for the reader (it cannot take them now) until `resume`; past its bounds they drop into a gap. */
  pause(): void {
    this.tap.pause();
  }

  resume(): void {
    this.tap.resume();
  }

  /** A read batch's buffers, handed back for the tap to fill again (TraceTap.recycle). */
  recycle(buffers: BatchBuffers): void {
    this.tap.recycle(buffers);
  }

  listen(): Promise<string> {
    const host = this.options.host ?? '127.0.0.1';
    return new Promise((resolve, reject) => {
      const failed = (error: NodeJS.ErrnoException) => {
        this.server.off('listening', listening);
        reject(new ProxyStartError(listenFailure(error, host, this.options.port)));
      };
      const listening = () => {
        this.server.off('error', failed);
        const address = this.server.address() as net.AddressInfo;
        this.listening = { host: address.address, port: address.port };
        resolve(this.url!);
      };
      this.server.once('error', failed);
      this.server.once('listening', listening);
      this.server.listen(this.options.port, host);
    });
  }

  /** Stops listening and ends every connection through it, the apps' events sockets included: they see the proxy go, as if Asterisk had. */
  async close(): Promise<void> {
    this.stopping = true;
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    const gone = [...this.sockets].map((socket) => new Promise((resolve) => (socket.closed ? resolve(undefined) : socket.once('close', resolve))));
    for (const socket of this.sockets) socket.destroy();
    if (this.listening) await closed;
    this.listening = undefined;
    // What the connections' ends told, once every one has: the reader gets it even if it was behind.
    await Promise.all(gone);
    await new Promise((resolve) => setImmediate(resolve));
    this.tap.flush();
  }

  private track(socket: net.Socket): void {
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
  }
}

function listenFailure(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'EADDRINUSE':
      // 8089 is also Asterisk's own default for https (http.conf tlsbindaddr): a local Asterisk with TLS holds it.
      return `Port ${port} on ${host} is taken (by another trace, or another program${port === 8089 ? ', such as a local Asterisk serving https on its default port' : ''}). Stop that, or pick another port for the trace.`;
    case 'EACCES':
      return `Port ${port} needs privileges this process lacks. Pick a port above 1023.`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine. The trace proxy listens on 127.0.0.1.`;
    default:
      return `The trace proxy could not listen on ${host}:${port}: ${error.message}.`;
  }
}
