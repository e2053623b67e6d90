import { AriConfigError } from './AriConfigError';

/**
 * The parsed address of an Asterisk HTTP server. ARI lives under `<prefix>/ari/`, where the
 * prefix is http.conf's `prefix=` (usually empty).
 */
export class AriBaseUrl {
  private constructor(
    /** `http://host:port`, for the connection pool. */
    readonly origin: string,
    /** `''` or `/prefix`, without a trailing slash. */
    readonly pathPrefix: string,
    readonly secure: boolean,
    readonly host: string,
  ) {}

  static parse(input: string): AriBaseUrl {
    const text = input.trim();
    if (text === '') {
      throw new AriConfigError('The ARI URL is empty. Enter the address of Asterisk\'s HTTP server, e.g. http://127.0.0.1:8088.');
    }
    if (/\s/.test(text)) {
      throw new AriConfigError(`The ARI URL "${text}" contains spaces. Remove them; e.g. http://127.0.0.1:8088.`);
    }
    if (/^wss?:\/\//i.test(text)) {
      throw new AriConfigError(
        `The ARI URL "${text}" is a WebSocket URL. Enter the HTTP address instead (http:// or https://); the events socket is derived from it.`,
      );
    }
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
      throw new AriConfigError(`The ARI URL "${text}" has no scheme. Write it as http://${text} (or https:// if Asterisk serves TLS).`);
    }
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      throw new AriConfigError(`The ARI URL "${text}" is not a valid URL. Use the form http://host:port, e.g. http://127.0.0.1:8088.`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new AriConfigError(`The ARI URL "${text}" uses ${url.protocol}//; ARI is served over http:// or https://.`);
    }
    if (url.username || url.password) {
      throw new AriConfigError('The ARI URL contains credentials. Remove them from the URL: the username and password are asked for separately and sent in a header.');
    }
    if (url.search || url.hash) {
      throw new AriConfigError(`The ARI URL "${text}" has a query or fragment. Enter only scheme, host, port and optional path prefix.`);
    }
    let prefix = url.pathname.replace(/\/+$/, '');
    // People often paste the ARI root itself ("…:8088/ari"); the prefix is what comes before it.
    if (prefix.endsWith('/ari')) prefix = prefix.slice(0, -'/ari'.length);
    return new AriBaseUrl(url.origin, prefix, url.protocol === 'https:', url.host);
  }

  /** Path (for the pool) of a REST resource, e.g. `channels/abc/move` → `/ari/channels/abc/move`. */
  restPath(resource: string, query?: URLSearchParams): string {
    const q = query && [...query.keys()].length > 0 ? `?${query.toString()}` : '';
    return `${this.pathPrefix}/ari/${resource}${q}`;
  }

  /** URL of the events WebSocket for these apps. */
  eventsUrl(apps: readonly string[], subscribeAll: boolean): string {
    const scheme = this.secure ? 'wss' : 'ws';
    // Asterisk splits `app` on literal commas, so each name is encoded and the separators are not.
    const appParam = apps.map(encodeURIComponent).join(',');
    const all = subscribeAll ? '&subscribeAll=true' : '';
    return `${scheme}://${this.host}${this.pathPrefix}/ari/events?app=${appParam}${all}`;
  }

  toString(): string {
    return `${this.origin}${this.pathPrefix}`;
  }
}
