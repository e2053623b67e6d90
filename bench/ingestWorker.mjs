#!/usr/bin/env node
// One ingest client against the replay server, in a process of its own so that no client runs on
// a heap or JIT state another one left. Each pass connects (untimed), releases the stream, and
// times until the last event has been handled. Prints one JSON line: the timed passes.
//
//   node bench/ingestWorker.mjs <limit|pipeline|ariClient> [--url URL] [--warmup 1] [--passes 1] [--bundle FILE]
//
// Without --url it starts a replay server of its own; so a profile is one command:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/ingestWorker.mjs pipeline --passes 5
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { getJson, post } from './bareHttp.mjs';
import { bundleForNode, loadBundle } from './pipeline.mjs';
import { REPLAY_PASSWORD, REPLAY_USERNAME, spawnReplayServer } from './replayServer.mjs';

const SPEC_EVENTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../spec/ari/api-docs/events.json');
const PASS_TIMEOUT_MS = 120_000;

/**
 * Each client connects, calls `onEvent` once per event it has fully handled (or `onProblem` for
 * one it refused), and can be closed.
 */
const CLIENTS = {
  /** The floor of any Node client: ws delivers the frame, JSON.parse reads it. One socket per app, like the extension. */
  async limit({ url, apps, onEvent }) {
    const authorization = `Basic ${Buffer.from(`${REPLAY_USERNAME}:${REPLAY_PASSWORD}`).toString('base64')}`;
    const sockets = await Promise.all(
      apps.map((app) => {
        const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/ari/events?app=${app}`, { headers: { authorization }, perMessageDeflate: false });
        socket.on('message', (data) => onEvent(JSON.parse(data.toString('utf8'))));
        return new Promise((resolve, reject) => {
          socket.once('open', () => resolve(socket));
          socket.once('error', reject);
        });
      }),
    );
    return { close: async () => sockets.forEach((s) => s.close()) };
  },

  /** Our whole path: see bench/pipelineWiring.mjs. */
  async pipeline({ url, apps, onEvent, onProblem, createPipeline }) {
    const pipeline = createPipeline({ baseUrl: url, username: REPLAY_USERNAME, password: REPLAY_PASSWORD, apps, watch: false });
    await pipeline.session.connect();
    // Subscribed last, so every other listener of an event has run when it counts it.
    pipeline.session.onEvent(onEvent);
    pipeline.session.onProblem(onProblem);
    return { close: () => pipeline.dispose() };
  },

  /** ari-client 2.2.0, the classic Node library, with a listener for every event type. It opens one socket for all apps. */
  async ariClient({ url, apps, onEvent }) {
    // Loaded only here: it pulls in request and swagger-client, which the other clients do not need.
    const { default: ariClient } = await import('ari-client');
    const client = await ariClient.connect(url, REPLAY_USERNAME, REPLAY_PASSWORD);
    for (const type of eventTypes()) client.on(type, onEvent);
    await client.start(apps);
    return { close: async () => client.stop() };
  },
};

function eventTypes() {
  return JSON.parse(fs.readFileSync(SPEC_EVENTS, 'utf8')).models.Event.subTypes;
}

/** Connects, releases the stream, and times until `expected` events were handled. */
async function timePass(clientName, { url, apps, expected, createPipeline }) {
  let handled = 0;
  let problems = 0;
  let finishedAt = 0;
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  const onEvent = () => {
    if (++handled === expected) {
      finishedAt = performance.now();
      finish();
    }
  };
  // A refused frame is handled too (reported, then dropped); the result says how many there were.
  const onProblem = () => {
    problems++;
    onEvent();
  };
  const connection = await CLIENTS[clientName]({ url, apps, onEvent, onProblem, createPipeline });
  const startedAt = performance.now();
  const cpuAtStart = process.cpuUsage();
  const loopAtStart = performance.eventLoopUtilization();
  await post(`${url}/bench/release`);
  let timer;
  await Promise.race([
    finished,
    new Promise((_resolve, reject) => (timer = setTimeout(() => reject(new Error(`${clientName}: only ${handled} of ${expected} events within ${PASS_TIMEOUT_MS / 1000} s`)), PASS_TIMEOUT_MS))),
  ]).finally(() => clearTimeout(timer));
  // Near 1 when the client set the pace; lower means its main thread waited for the server.
  const busy = performance.eventLoopUtilization(loopAtStart).utilization;
  // CPU time of this process alone (the server runs in another): steadier than wall time on a shared machine.
  const cpu = process.cpuUsage(cpuAtStart);
  await connection.close();
  const seconds = (finishedAt - startedAt) / 1000;
  return { events: expected, seconds, eventsPerSec: expected / seconds, cpuMicrosPerEvent: (cpu.user + cpu.system) / expected, busy, problems };
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { url: { type: 'string' }, warmup: { type: 'string', default: '1' }, passes: { type: 'string', default: '1' }, bundle: { type: 'string' } },
  });
  const clientName = positionals[0];
  if (!CLIENTS[clientName]) throw new Error(`usage: ingestWorker.mjs <${Object.keys(CLIENTS).join('|')}> [options]`);
  const server = values.url ? undefined : await spawnReplayServer();
  const url = values.url ?? server.url;
  const bundle = clientName === 'pipeline' && !values.bundle ? await bundleForNode() : undefined;
  const createPipeline = clientName === 'pipeline' ? loadBundle(values.bundle ?? bundle.file) : undefined;
  try {
    const { frames, apps } = await getJson(`${url}/bench/info`);
    const context = { url, apps, expected: frames, createPipeline };
    for (let i = 0; i < Number(values.warmup); i++) await timePass(clientName, context);
    const passes = [];
    for (let i = 0; i < Number(values.passes); i++) passes.push(await timePass(clientName, context));
    console.log(JSON.stringify({ client: clientName, passes }));
  } finally {
    server?.stop();
    bundle?.remove();
  }
  // ari-client keeps reconnect timers and sockets it offers no way to end.
  process.exit(0);
}
