import type * as net from 'node:net';
import { ConnectionTap, type ConnectionTapContext } from './ConnectionTap';

export interface ConnectionRelayContext extends ConnectionTapContext {
  /** Both ends, to destroy when the proxy stops. */
  readonly track: (socket: net.Socket) => void;
  /** The proxy is stopping: it, not either side, ends the connections now. */
  readonly stopping: () => boolean;
}

/** A request line, as far as telling HTTP from anything else needs. */
const REQUEST_LINE = /^[A-Z]+ \S+ HTTP\/1\.[01]\r\n/;
const MAX_LINE_BYTES = 8 * 1024;

/**
 * One connection of an app through the proxy, relayed byte for byte to a connection of its own to
 * Asterisk (docs/trace-proxy.md#transparency): REST requests and answers, and events sockets
 * after their upgrade, pass as they were sent, and either side's end is passed on at once. Only
 * the first request line is waited for before Asterisk is connected: what is not HTTP gets a 400
 * from the proxy and never reaches Asterisk. The tap (ConnectionTap) reads copies of the bytes,
 * after they were passed on.
 */
export function relayConnection(client: net.Socket, context: ConnectionRelayContext): void {
  context.track(client);
  client.setNoDelay(true);
  const tap = new ConnectionTap(context);
  let upstream: net.Socket | undefined;
  let first: Buffer | undefined = Buffer.alloc(0);
  let heard = false;
  let ended = false;

  const end = (side: 'Asterisk' | 'the app', error?: NodeJS.ErrnoException) => {
    if (ended) return;
    ended = true;
    const by = context.stopping() ? 'the trace' : side;
    // A clean end lets what is still queued for the other side go first; a failure cuts it.
    const finish = (socket: net.Socket | undefined) => {
      if (!socket) return;
      if (error || !socket.writable) socket.destroy();
      else {
        socket.end();
        setTimeout(() => socket.destroy(), 2_000).unref();
      }
    };
    finish(upstream);
    if (by === 'Asterisk' && !heard && error && tap.awaitingAnswer && client.writable) {
      // Asterisk could not be reached: the app hears so, as from any proxy in front of a dead Asterisk.
      const failure = `the trace proxy could not reach Asterisk at ${context.target.url.toString()} (${error.code ?? error.message})`;
      const body = JSON.stringify({ message: failure });
      client.end(`HTTP/1.1 502 Bad Gateway\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
      setTimeout(() => client.destroy(), 2_000).unref();
      tap.closed(by, error, failure);
      return;
    }
    finish(client);
    tap.closed(by, error);
  };

  const open = (): net.Socket => {
    const socket = context.target.connect();
    // As the app's side: a half-close passes on as a half-close.
    socket.allowHalfOpen = true;
    context.track(socket);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      heard = true;
      forward(chunk, client, socket);
      tap.fromServer(chunk);
    });
    // Half-closes pass on, so a close handshake ends as it would directly; a full close ends both at once.
    socket.on('end', () => client.end());
    socket.on('close', () => end('Asterisk'));
    socket.on('error', (error) => end('Asterisk', error));
    return socket;
  };

  client.on('data', (chunk: Buffer) => {
    // After the end (a 502, the other side gone), nothing more goes anywhere.
    if (ended) return;
    if (first !== undefined) {
      first = Buffer.concat([first, chunk]);
      const lineEnd = first.indexOf('\r\n');
      if (lineEnd < 0 && first.length <= MAX_LINE_BYTES) return;
      if (!REQUEST_LINE.test(first.subarray(0, lineEnd + 2).toString('latin1'))) {
        refuse(client);
        first = undefined;
        upstream = undefined;
        client.removeAllListeners('data');
        return;
      }
      chunk = first;
      first = undefined;
      upstream = open();
    }
    forward(chunk, upstream!, client);
    tap.fromClient(chunk);
  });
  client.on('end', () => (upstream ? upstream.end() : client.end()));
  client.on('close', () => end('the app'));
  client.on('error', (error) => end('the app', error));
}

/** Writes a chunk on, pausing the source while the other side's buffer is full (as `pipe` does). */
function forward(chunk: Buffer, to: net.Socket, from: net.Socket): void {
  // A socket holds what is written while it connects (and, for TLS, shakes hands).
  if (!to.write(chunk)) {
    from.pause();
    to.once('drain', () => from.resume());
  }
}

/** Not HTTP at all (a stray client, a TLS hello on a plain port): a 400 that says what this is, and the connection ends. */
function refuse(client: net.Socket): void {
  setTimeout(() => client.destroy(), 2_000).unref();
  client.end("HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nThis is Stasis Explorer's ARI trace proxy: it speaks HTTP and ARI's WebSocket, as Asterisk does.\n");
}
