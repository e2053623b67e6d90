// A stand-in Asterisk for the event-latency part of bench/proxy.mjs: an /ari/events WebSocket
// server that sends recorded ARI events (bench/data) at a set rate, each stamped with
// performance.now() as it is sent. The client that reads them runs in the same process, so
// receive time − send time is one clock's reading; bench/replayServer.mjs streams as fast as the
// client reads and cannot pace.
import http from 'node:http';
import WebSocket, { WebSocketServer } from 'ws';
import { readRecording } from './recording.mjs';

/** The field the stamp travels in; readFrame, like Asterisk's clients, ignores fields it does not know. */
const STAMP = 'bench_sent_at';

export async function startPacedServer() {
  // Whole recorded frames, so sizes and the reader's parsing work are those of real traffic.
  const frames = readRecording().frames.map((f) => f.text);
  let next = 0;
  const sockets = new Map();
  const arrived = new Map();
  const server = http.createServer((req, res) => res.writeHead(404).end());
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  server.on('upgrade', (req, socket, head) => {
    const app = new URL(req.url, 'http://x').searchParams.get('app') ?? '';
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.set(app, ws);
      arrived.get(app)?.();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));

  return {
    url: `http://127.0.0.1:${server.address().port}`,
    /** Resolves once the socket that registered `app` is open on this side. */
    accepted: (app) => (sockets.has(app) ? Promise.resolve() : new Promise((resolve) => arrived.set(app, resolve))),
    /**
     * Sends `count` events to `app`'s socket at `perSecond`: each timer tick sends the events that
     * are due by then (a tick comes every millisecond or so), stamping each as it goes. Resolves to
     * the rate achieved.
     */
    pace(app, count, perSecond) {
      const ws = sockets.get(app);
      const started = performance.now();
      let sent = 0;
      return new Promise((resolve) => {
        const tick = () => {
          const due = Math.min(count, Math.floor(((performance.now() - started) * perSecond) / 1000) + 1);
          for (; sent < due; sent++) ws.send(`{"${STAMP}":${performance.now()},${frames[next++ % frames.length].slice(1)}`);
          if (sent < count) setTimeout(tick, 1);
          else resolve(count / ((performance.now() - started) / 1000));
        };
        tick();
      });
    },
    close() {
      for (const ws of sockets.values()) ws.terminate();
      wss.close();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

/**
 * An app's events socket to `baseUrl` (the server, or the proxy in front of it) that notes each
 * event's latency: the receive time is taken first, then the frame is parsed as an app would.
 */
export async function pacedClient(baseUrl, app) {
  const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/ari/events?app=${app}`, { perMessageDeflate: false });
  let round;
  ws.on('message', (data) => {
    const receivedAt = performance.now();
    const sentAt = JSON.parse(data.toString('utf8'))[STAMP];
    if (!round) return;
    round.latencies.push(receivedAt - sentAt);
    if (round.latencies.length === round.count) {
      round.done(round.latencies);
      round = undefined;
    }
  });
  await new Promise((resolve, reject) => {
    ws.once('open', resolve);
    ws.once('error', reject);
  });
  return {
    /** Resolves to the latencies (ms) of the next `count` events. */
    expect(count) {
      return new Promise((done) => (round = { count, latencies: [], done }));
    },
    close: () => ws.close(),
  };
}
