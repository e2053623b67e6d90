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

  constructor(
    baseUrl: string,
    private readonly tlsOptions: AriTlsOptions = {},
  ) {
    this.url = AriBaseUrl.parse(baseUrl);
    this.origin = new URL(this.url.origin);
  }

  /** The ARI resource a path names (`channels/abc/move`), or the whole path when it is not under `<prefix>/ari/`. */
  resourceOf(pathname: string): string {
    const ari = `${this.url.pathPrefix}/ari/`;
    return pathname.startsWith(ari) ? pathname.slice(ari.length) : pathname;
  }

  /** A connection of its own to Asterisk, for one connection of an app: a byte written to it while it connects waits. */
  connect(): net.Socket {
    const options = { host: this.hostname, port: this.port };
    if (!this.url.secure) return net.connect(options);
    // TLS names Asterisk, whatever Host the app's requests carry (they pass unchanged).
    return tls.connect({ ...options, ca: this.tlsOptions.ca, rejectUnauthorized: this.tlsOptions.rejectUnauthorized ?? true, servername: net.isIP(this.hostname) ? undefined : this.hostname, ALPNProtocols: ['http/1.1'] });
  }

  private get hostname(): string {
    return this.origin.hostname.replace(/^\[|\]$/g, '');
  }

  private get port(): number {
    return Number(this.origin.port) || (this.url.secure ? 443 : 80);
  }
}
