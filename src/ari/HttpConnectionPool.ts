import * as http from 'node:http';
import * as https from 'node:https';
import type { AriTlsOptions } from './AriServerConfig';

export interface HttpAnswer {
  statusCode: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

export interface HttpRequest {
  method: string;
  /** Path and query, from the origin on. */
  path: string;
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
}

/**
 * Keep-alive connections to one origin, on Node's own HTTP client. (undici did this before and
 * was four fifths of the extension's bundle: 535 KB of 681 KB minified, most of what VS Code
 * spent loading the extension. ARI needs nothing from it that `node:http` lacks.)
 */
export class HttpConnectionPool {
  private readonly agent: http.Agent;
  private readonly url: URL;

  constructor(origin: string, tls?: AriTlsOptions) {
    this.url = new URL(origin);
    const options = { keepAlive: true, maxSockets: 8, timeout: 30_000 };
    this.agent = this.url.protocol === 'https:' ? new https.Agent({ ...options, ca: tls?.ca, rejectUnauthorized: tls?.rejectUnauthorized ?? true }) : new http.Agent(options);
  }

  request(request: HttpRequest): Promise<HttpAnswer> {
    const client = this.url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const outgoing = client.request(
        {
          agent: this.agent,
          protocol: this.url.protocol,
          hostname: this.url.hostname.replace(/^\[|\]$/g, ''),
          port: this.url.port,
          method: request.method,
          path: request.path,
          headers: request.body !== undefined ? { ...request.headers, 'content-length': String(Buffer.byteLength(request.body)) } : request.headers,
          signal: request.signal,
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('aborted', () => reject(Object.assign(new Error('the connection closed before the whole answer came'), { code: 'ECONNRESET' })));
          incoming.on('end', () => resolve({ statusCode: incoming.statusCode ?? 0, headers: incoming.headers, text: Buffer.concat(chunks).toString('utf8') }));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(request.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
