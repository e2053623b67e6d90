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
      throw new AriConfigError(`The ARI URL "${redacted(text)}" contains spaces. Remove them; e.g. http://127.0.0.1:8088.`);
    }
    const hasScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
    const url = tryUrl(hasScheme ? text : `http://${text}`);
    // Messages never repeat credentials: they end up in the log and on screen.
    if (url && (url.username || url.password)) {
      throw new AriConfigError('The ARI URL contains credentials. Remove them from the URL: the username and password are asked for separately and sent in a header.');
    }
    if (url && /^wss?:$/.test(url.protocol)) {
      const http = `${url.protocol === 'wss:' ? 'https' : 'http'}://${url.host}${prefixOf(url.pathname)}`;
      throw new AriConfigError(`The ARI URL is a WebSocket URL (${url.protocol}//). Enter the HTTP address it belongs to instead: ${http}. The events socket is derived from it.`);
    }
    if (url && (url.search || url.hash)) {
      const apiKey = url.searchParams.has('api_key') ? ' Leave out api_key: the username and password are asked for separately and sent in a header.' : '';
      throw new AriConfigError(`The ARI URL has a query or fragment. Enter only scheme, host, port and optional path prefix: ${url.protocol}//${url.host}${prefixOf(url.pathname)}.${apiKey}`);
    }
    if (!hasScheme && url) {
      throw new AriConfigError(`The ARI URL "${redacted(text)}" has no scheme. Write it as http://${redacted(text)} (or https:// if Asterisk serves TLS).`);
    }
    if (!url) {
      const ipv6 = /^([a-z][a-z0-9+.-]*:\/\/)?[^/[]*:[^/]*:/i.test(withoutUserInfo(text)) ? ' An IPv6 address goes in brackets: http://[::1]:8088.' : '';
      throw new AriConfigError(`The ARI URL "${redacted(text)}" is not a valid URL. Use the form http://host:port, e.g. http://127.0.0.1:8088.${ipv6}`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new AriConfigError(`The ARI URL "${text}" uses ${url.protocol}//; ARI is served over http:// or https://.`);
    }
    return new AriBaseUrl(url.origin, prefixOf(url.pathname), url.protocol === 'https:', url.host);
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

/** Why `AriBaseUrl.parse` refuses this text, or undefined: for prompts that check as you type. */
export function baseUrlProblem(text: string): string | undefined {
  try {
    AriBaseUrl.parse(text);
    return undefined;
  } catch (error) {
    if (error instanceof AriConfigError) return error.message;
    throw error;
  }
}

function tryUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/**
 * The http.conf prefix of a URL path. Asterisk answers 404 to ARI URLs that end in a slash, and
 * people often paste the ARI root ("…:8088/ari") or the events URL itself: the prefix is what
 * comes before those.
 */
function prefixOf(pathname: string): string {
  return pathname.replace(/\/+$/, '').replace(/\/ari(\/events)?$/, '');
}

/** The text with what could be a password (user info, api_key) replaced, for messages. */
function redacted(text: string): string {
  // Up to the last "@", with or without a scheme: a password may itself hold "/", ":" or spaces.
  return withoutUserInfo(text, '…@').replace(/(api_key=)[^&#]*/gi, '$1…');
}

function withoutUserInfo(text: string, replacement = ''): string {
  return text.includes('@') ? text.replace(/^([a-z][a-z0-9+.-]*:\/\/)?.*@/i, `$1${replacement}`) : text;
}
