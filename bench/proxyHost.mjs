// The trace proxy for bench/proxy.mjs, in a process of its own: in use it runs in the extension
// host, apart from both the user's app and Asterisk, so the bench keeps it off the event loop of
// the clients and servers it times. bench/proxy.mjs bundles this file with the real TypeScript of
// src/ (bench/pipeline.mjs) and forks the bundle; it is not run directly.
//
//   fork(bundle, ['traceFeed' | 'count', workerFile])   the reader (see below), and the bundle of src/proxy/proxyWorker.ts
//
// Messages from the parent, over the fork's IPC channel:
//   { id, op: 'start', target }  a new ProxyThread for that target; answered with { id, url }
//   { id, op: 'pipe', target }   a bare TCP relay to that target, no tap, no HTTP: the least any relay
//                                here costs (the bench's "limit"); answered with { id, url }
//   { id, op: 'stats' }          what the reader got so far; answered with { id, stats }
//   { id, op: 'cpu' }            this process's CPU time so far, all its threads; answered with { id, cpuMs }
//   { id, op: 'settle' }         answered once the reader has had nothing to read for SETTLED_MS: the
//                                trace's backlog of a pass read (or dropped) before the next is timed
// The proxies close and the process exits when the parent goes.
import net from 'node:net';
import { TraceFeed } from '../src/model/trace/TraceFeed';
import { ProxyThread } from '../src/proxy/ProxyThread';

const proxies = [];
const pipes = [];
const seen = { events: 0, problems: 0, exchanges: 0, listenerErrors: 0, gapsTold: 0 };
const SETTLED_MS = 300;
let lastRead = 0;

/**
 * traceFeed (the default): the session's own TraceFeed reads the records, as the extension wires
 * it, so every event frame is decoded and JSON-parsed (readFrame), every request matched to its
 * ARI operation and every exchange logged, on the thread that started the proxy, as in the extension host.
 * Only the model behind it is a counter: what the model does with an event is the session's
 * cost, which bench/ingest.mjs measures, and would be the same without a proxy.
 * count: records are only counted, to tell the proxy's own cost from its reader's.
 */
function makeReader(kind) {
  if (kind === 'count') {
    return (records) => {
      for (const record of records) if (record.kind === 'event') seen.events++;
    };
  }
  const feed = new TraceFeed({
    serverId: 'bench',
    serverName: 'bench',
    receive: () => seen.events++,
    frameProblem: () => seen.problems++,
    // No traced app here moves channels; these would be the session's MoveController and MoveTracker.
    moves: { tracedMove: () => ({ id: 0 }) },
    tracker: { reject: () => undefined, linkLost: () => undefined },
    normaliser: { appActivity: () => undefined },
    missed: () => seen.gapsTold++,
    onListenerError: () => seen.listenerErrors++,
  });
  feed.onExchange(() => seen.exchanges++);
  return (records) => feed.read(records);
}

const readRecords = makeReader(process.argv[2] ?? 'traceFeed');
const reader = (records) => {
  lastRead = performance.now();
  readRecords(records);
};

async function settled() {
  while (performance.now() - lastRead < SETTLED_MS) await new Promise((resolve) => setTimeout(resolve, 50));
}

async function answer(message) {
  if (message.op === 'start') {
    const proxy = new ProxyThread({ target: message.target, port: 0, reader, workerFile: process.argv[3] });
    proxies.push(proxy);
    return { url: await proxy.listen() };
  }
  if (message.op === 'pipe') {
    const target = new URL(message.target);
    const server = net.createServer({ noDelay: true }, (client) => {
      const upstream = net.connect({ host: target.hostname, port: Number(target.port), noDelay: true });
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    pipes.push(server);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    return { url: `http://127.0.0.1:${server.address().port}` };
  }
  // tapDropped: records the tap dropped because the reader fell behind (the traffic lost none).
  if (message.op === 'settle') return settled().then(() => ({}));
  if (message.op === 'cpu') {
    const { user, system } = process.cpuUsage();
    return { cpuMs: (user + system) / 1000 };
  }
  if (message.op === 'stats') return { stats: { ...seen, tapDropped: proxies.reduce((sum, p) => sum + p.gaps, 0) } };
  throw new Error(`unknown op ${message.op}`);
}

process.on('message', (message) => {
  answer(message).then(
    (result) => process.send({ id: message.id, ...result }),
    (error) => process.send({ id: message.id, error: error.message }),
  );
});
process.on('disconnect', () => {
  for (const pipe of pipes) pipe.close();
  Promise.all(proxies.map((p) => p.close())).finally(() => process.exit(0));
});
