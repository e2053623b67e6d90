import * as http from 'node:http';
import * as https from 'node:https';
import * as net from 'node:net';
import * as tls from 'node:tls';
import { AriBaseUrl } from '../ari/AriBaseUrl';
import type { AriTlsOptions } from '../ari/AriServerConfig';

/**
 * The Asterisk a trace proxy forwards to: its HTTP server's origin, http.conf prefix and TLS
 * settings, as the server's entry (or `--to`) gives them. No credentials: the user's app sends
 * its own, and they pass through untouched.
 */
export class ProxyTarget {
  readonly url: AriBaseUrl;
  private readonly origin: URL;
  private readonly agent: http.Agent;

  constructor(
    baseUrl: string,
    private readonly tlsOptions: AriTlsOptions = {},
  ) {
    this.url = AriBaseUrl.parse(baseUrl);
    this.origin = new URL(this.url.origin);
    // Kept-alive connections, as the user's app would keep to Asterisk itself.
    const options = { keepAlive: true, maxSockets: 64, timeout: 10_000 };
    this.agent = this.url.secure ? new https.Agent({ ...options, ...this.secureOptions() }) : new http.Agent(options);
  }

  /** `host:port` as Asterisk's Host header should read. */
  get host(): string {
    return this.url.host;
  }

  /**
   * The path to ask Asterisk for: the app addresses the proxy as it would Asterisk without a
   * prefix (`/ari/channels`), or with it; either way Asterisk gets `<prefix>/ari/channels`.
   */
  upstreamPath(target: string): string {
    const prefix = this.url.pathPrefix;
    return prefix === '' || target === prefix || target.startsWith(`${prefix}/`) || target.startsWith(`${prefix}?`) ? target : `${prefix}${target}`;
  }

  /** The ARI resource a path names (`channels/abc/move`), or the whole path when it is not under /ari. */
  resourceOf(pathname: string): string {
    const ari = `${this.url.pathPrefix}/ari/`;
    const path = this.upstreamPath(pathname);
    return path.startsWith(ari) ? path.slice(ari.length) : path;
  }

  request(options: http.RequestOptions): http.ClientRequest {
    const client = this.url.secure ? https : http;
    // TLS names Asterisk, not the app's Host header (which passes on unchanged, see restRelay.ts): Node would take the server name from it.
    const servername = this.url.secure ? (net.isIP(this.hostname) ? '' : this.hostname) : undefined;
    return client.request({ ...options, agent: this.agent, protocol: this.origin.protocol, hostname: this.hostname, port: this.port, ...(servername !== undefined ? { servername } : {}) });
  }

  /** A fresh connection for an events socket (a WebSocket owns its connection). */
  connect(): net.Socket {
    const options = { host: this.hostname, port: this.port };
    if (!this.url.secure) return net.connect(options);
    return tls.connect({ ...options, ...this.secureOptions(), servername: net.isIP(this.hostname) ? undefined : this.hostname, ALPNProtocols: ['http/1.1'] });
  }

  close(): void {
    this.agent.destroy();
  }

  private get hostname(): string {
    return this.origin.hostname.replace(/^\[|\]$/g, '');
  }

  private get port(): number {
    return Number(this.origin.port) || (this.url.secure ? 443 : 80);
  }

  private secureOptions(): tls.ConnectionOptions {
    return { ca: this.tlsOptions.ca, rejectUnauthorized: this.tlsOptions.rejectUnauthorized ?? true };
  }
}
