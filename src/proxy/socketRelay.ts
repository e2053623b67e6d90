import type * as http from 'node:http';
import type * as net from 'node:net';
import { FrameScanner } from './FrameScanner';
import type { ProxyTarget } from './ProxyTarget';
import type { TracedSocket } from './TraceRecord';
import type { TraceTap } from './TraceTap';
import { WsRestCorrelator } from './WsRestCorrelator';

export interface SocketRelayContext {
  readonly target: ProxyTarget;
  readonly tap: Pick<TraceTap, 'push' | 'pushEvent'>;
  readonly nextExchangeId: () => number;
  readonly socketId: number;
  /** Both ends, to destroy when the proxy stops. */
  readonly track: (socket: net.Socket) => void;
}

/** The head of an answer can span chunks; one larger than this is not Asterisk's. */
const MAX_HEAD_BYTES = 64 * 1024;

/**
 * Relays one events socket (the `/ari/events` upgrade) byte for byte: the app and Asterisk see
 * each other's handshake, frames, pings, pongs and close codes unchanged, and either side's end
 * is passed on at once (docs/trace-proxy.md). Only `Sec-WebSocket-Extensions` is left out of the
 * request, so that no compression is agreed and the tap can read the frames (Asterisk agrees to
 * none anyway). The tap reads copies of the bytes after they were passed on.
 */
export function relaySocket(incoming: http.IncomingMessage, client: net.Socket, head: Buffer, context: SocketRelayContext): void {
  const { target, tap, socketId } = context;
  const url = new URL(incoming.url ?? '/', 'http://proxy');
  const apps = (url.searchParams.get('app') ?? '').split(',').filter((a) => a !== '');
  const subscribeAll = url.searchParams.get('subscribeAll') === 'true';
  const socketRecord = (fields: Pick<TracedSocket, 'state'> & Partial<TracedSocket>): void => tap.push({ kind: 'socket', socketId, at: Date.now(), apps, subscribeAll, ...fields });
  const upstream = target.connect();
  context.track(client);
  context.track(upstream);
  client.setNoDelay(true);
  upstream.setNoDelay(true);

  let answered = false;
  let opened = false;
  let closed = false;
  let pendingHead: Buffer = Buffer.alloc(0);
  let closeFrame: { code: number; reason: string; by: string } | undefined;
  const rest = new WsRestCorrelator(socketId, tap, context.nextExchangeId);
  const lost = (direction: string) => (why: string) => tap.push({ kind: 'gap', at: Date.now(), dropped: 0, reason: `the frames ${direction} on socket ${socketId} could not be read (${why}); they still pass unchanged, but the trace no longer shows them` });
  const down = new FrameScanner(false, {
    text: (data) => {
      if (rest.waiting && rest.response(data)) return;
      tap.pushEvent(socketId, data, readAt);
    },
    close: (code, reason) => (closeFrame ??= { code, reason, by: 'Asterisk' }),
    lost: lost('from Asterisk'),
  });
  const up = new FrameScanner(true, { text: (data) => rest.request(data), close: (code, reason) => (closeFrame ??= { code, reason, by: 'the app' }), lost: lost('from the app') });

  // Written at once: a socket holds what is written while it connects (and, for TLS, shakes hands).
  upstream.write(Buffer.concat([Buffer.from(requestHead(incoming, target)), head]));
  // When the chunk being read came: every event in it is stamped so, one clock read per chunk.
  let readAt = 0;
  upstream.on('data', (chunk: Buffer) => {
    if (answered) {
      forward(chunk, client, upstream);
      readAt = Date.now();
      if (opened) down.read(chunk);
      return;
    }
    forward(chunk, client, upstream);
    pendingHead = Buffer.concat([pendingHead, chunk]);
    const end = pendingHead.indexOf('\r\n\r\n');
    if (end < 0) {
      if (pendingHead.length > MAX_HEAD_BYTES) answered = true;
      return;
    }
    answered = true;
    const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(pendingHead.subarray(0, end).toString('latin1'))?.[1] ?? 0);
    const after = pendingHead.subarray(end + 4);
    pendingHead = Buffer.alloc(0);
    if (status === 101) {
      opened = true;
      socketRecord({ state: 'opened' });
      readAt = Date.now();
      if (after.length > 0) down.read(after);
    } else socketRecord({ state: 'refused', status, reason: `Asterisk answered the upgrade with HTTP ${status}` });
  });
  client.on('data', (chunk: Buffer) => {
    forward(chunk, upstream, client);
    if (opened) up.read(chunk);
  });

  const end = (by: string, error?: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    upstream.destroy();
    rest.closed();
    if (!answered) {
      const failure = `the trace proxy could not reach Asterisk at ${target.url.toString()} (${error?.code ?? error?.message ?? 'closed'})`;
      // The app hears what it would from a proxy in front of a dead Asterisk.
      const body = JSON.stringify({ message: failure });
      if (by === 'Asterisk' && client.writable) client.end(`HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      else client.destroy();
      socketRecord({ state: 'refused', status: 0, reason: failure });
      return;
    }
    client.destroy();
    if (!opened) return;
    const frame = closeFrame ? `; close frame ${closeFrame.code}${closeFrame.reason ? ` "${closeFrame.reason}"` : ''} from ${closeFrame.by}` : '';
    socketRecord({ state: 'closed', closeCode: closeFrame?.code, reason: `${by === 'Asterisk' ? 'Asterisk' : 'the app'} closed the connection${error ? ` (${error.code ?? error.message})` : ''}${frame}` });
  };
  // Half-closes pass on, so a close handshake ends as it would directly; a full close ends both at once.
  client.on('end', () => upstream.end());
  upstream.on('end', () => client.end());
  client.on('close', () => end('the app'));
  upstream.on('close', () => end('Asterisk'));
  client.on('error', (error) => end('the app', error));
  upstream.on('error', (error) => end('Asterisk', error));
}

/** Writes a chunk on, pausing the source while the other side's buffer is full (as `pipe` does). */
function forward(chunk: Buffer, to: net.Socket, from: net.Socket): void {
  if (!to.write(chunk)) {
    from.pause();
    to.once('drain', () => from.resume());
  }
}

/** The upgrade request as Asterisk should get it: its path under the prefix, no extension offers, the rest as the app sent it (Host included, as for REST). */
function requestHead(incoming: http.IncomingMessage, target: ProxyTarget): string {
  let head = `${incoming.method ?? 'GET'} ${target.upstreamPath(incoming.url ?? '/')} HTTP/1.1\r\n`;
  const raw = incoming.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (name === 'sec-websocket-extensions') continue;
    head += `${raw[i]}: ${raw[i + 1]}\r\n`;
  }
  return `${head}${raw.some((name, i) => i % 2 === 0 && name.toLowerCase() === 'host') ? '' : `Host: ${target.host}\r\n`}\r\n`;
}
