#!/usr/bin/env node
// The trace proxy (src/proxy/AriProxy.ts) against a direct connection, in the same run: every part
// alternates direct and proxied rounds, so that the shared machine's drift lands on both sides.
// The proxy runs in a process of its own (bench/proxyHost.mjs, bundled from src/), on its own
// thread there (src/proxy/ProxyThread.ts), as it runs in the extension host apart from the app and Asterisk, and its reader is the session's own
// TraceFeed (every event JSON-parsed, every exchange logged) with a counter for the model behind
// it. Measured:
//   rest     keep-alive GET /ari/asterisk/ping to the real Asterisk sandbox, one at a time, in
//            alternating blocks; goal: added p50 ≤ 0.5 ms, added p99 ≤ 1 ms;
//   events   recorded events at 1,000/s from bench/pacedServer.mjs, stamped as sent and timed as
//            received in this process, in alternating 1 s rounds; goal: added p99 ≤ 1 ms;
//   replay   the whole recording (bench/replayServer.mjs, its own process) as fast as a ws client
//            reads it, one socket per app, alternating passes, with two clients: one that parses
//            each event (JSON.parse, the least a user's app does with one: every ARI library does
//            it first), for the goal: ≥ 0.9 × direct; and one that only counts, the harshest case,
//            reported beside it. The proxy's process's CPU time per event is reported too: the
//            two cores here are all busy during a pass, so what the relay spends is taken from the
//            app and the replay server, and a counting client shows exactly that.
// REST and replay also run through a bare TCP relay in the proxy's process (no HTTP, no tap): the
// least any relay costs on this machine, to tell the proxy's own cost from the extra hop's.
// "Added" is proxied minus direct, percentile by percentile.
//
//   node bench/proxy.mjs [--quick] [--reader traceFeed|count]   (count: the proxy's own cost, no parsing)
import { fork } from 'node:child_process';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { sandboxEnv } from './live.mjs';
import { getJson, post } from './bareHttp.mjs';
import { pacedClient, startPacedServer } from './pacedServer.mjs';
import { bundleForNode } from './pipeline.mjs';
import { REPLAY_PASSWORD, REPLAY_USERNAME, spawnReplayServer } from './replayServer.mjs';

export const PROXY_GOALS = { restAddedP50Ms: 0.5, restAddedP99Ms: 1, eventAddedP99Ms: 1, replayRatio: 0.9 };
const EVENTS_PER_SEC = 1_000;
// rest: requests per side, in blocks of `restBlock`; events: 1 s rounds per side; replay: timed passes per side.
// Every part first runs one untimed round of each side: the first requests and passes through
// either path are slower (JIT, fresh sockets), and would count against whichever side went first.
const PLANS = {
  full: { restPerSide: 2_000, restBlock: 100, eventRounds: 10, replayPasses: 8 },
  quick: { restPerSide: 500, restBlock: 50, eventRounds: 3, replayPasses: 4 },
};
/** What the replay's client does with each frame: the goal's (a user's app) and the harshest case. */
const CLIENTS = { parsing: (data) => JSON.parse(data), counting: () => undefined };
const REPLAY_PASS_TIMEOUT_MS = 60_000;

/**
 * Measures all three parts; resolves to the numbers, ready for bench/results/latest.json.
 * `reader`: 'traceFeed' (the session's TraceFeed, as in use) or 'count' (the proxy's own cost alone); see bench/proxyHost.mjs.
 */
export async function measureProxy({ quick = false, reader = 'traceFeed' } = {}) {
  const plan = quick ? PLANS.quick : PLANS.full;
  const env = await sandboxEnv();
  const bundle = await bundleForNode('proxyHost.mjs');
  // The proxy's own thread (src/proxy/ProxyThread.ts), as dist/proxyWorker.js is beside the extension's core.
  const worker = await bundleForNode('../src/proxy/proxyWorker.ts');
  const host = startProxyHost(bundle.file, reader, worker.file);
  try {
    // Two cores, shared with Asterisk and whatever else runs: a high load shows in the p99s.
    const loadBefore = os.loadavg()[0];
    const rest = await measureRest(host, env, plan);
    const events = await measureEvents(host, plan);
    const replay = await measureReplay(host, plan, CLIENTS.parsing);
    const replayCounting = await measureReplay(host, plan, CLIENTS.counting);
    const stats = await host.stats();
    // Every proxied event and exchange, the untimed rounds' included, should have reached the reader.
    const eventsExpected = (plan.eventRounds + 1) * EVENTS_PER_SEC + 2 * (plan.replayPasses + 1) * replay.events;
    const exchangesExpected = reader === 'traceFeed' ? plan.restPerSide + plan.restBlock : 0;
    const read = { reader, events: stats.events, eventsExpected, exchanges: stats.exchanges, exchangesExpected, tapDropped: stats.tapDropped, problems: stats.problems + stats.listenerErrors };
    return { rest, events, replay, replayCounting, read, loadBefore: round(loadBefore, 2) };
  } finally {
    host.stop();
    bundle.remove();
    worker.remove();
  }
}

async function measureRest(host, env, plan) {
  const authorization = basic(env.ARI_USERNAME, env.ARI_PASSWORD);
  const sides = { direct: pinger(env.ARI_URL, authorization), pipe: pinger(await host.pipe(env.ARI_URL), authorization), proxied: pinger(await host.start(env.ARI_URL), authorization) };
  try {
    for (const side of Object.values(sides)) await side.run(plan.restBlock);
    const times = { direct: [], pipe: [], proxied: [] };
    for (let block = 0; block < plan.restPerSide / plan.restBlock; block++) {
      for (const side of rotation(block)) times[side].push(...(await sides[side].run(plan.restBlock)));
    }
    return { ...compare(times.direct, times.proxied), pipe: compare(times.direct, times.pipe), requestsPerSide: plan.restPerSide, connections: { direct: sides.direct.connections(), pipe: sides.pipe.connections(), proxied: sides.proxied.connections() } };
  } finally {
    for (const side of Object.values(sides)) side.close();
  }
}

/** Sequential pings over one kept-alive connection; `run(n)` resolves to their times (ms). */
function pinger(baseUrl, authorization) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const url = new URL('/ari/asterisk/ping', baseUrl);
  let fresh = 0;
  const once = () =>
    new Promise((resolve, reject) => {
      const started = performance.now();
      const req = http.get(url, { agent, headers: { authorization } }, (res) => {
        res.resume();
        res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - started) : reject(new Error(`ping through ${baseUrl}: HTTP ${res.statusCode}`))));
      });
      req.on('socket', () => (fresh += req.reusedSocket ? 0 : 1));
      req.on('error', reject);
    });
  return {
    async run(count) {
      const times = [];
      for (let i = 0; i < count; i++) times.push(await once());
      return times;
    },
    /** Connections opened: 1 unless Asterisk (or the proxy) closed the kept-alive one. */
    connections: () => fresh,
    close: () => agent.destroy(),
  };
}

async function measureEvents(host, plan) {
  const server = await startPacedServer();
  const clients = {};
  try {
    clients.direct = await pacedClient(server.url, 'direct');
    clients.proxied = await pacedClient(await host.start(server.url), 'proxied');
    await Promise.all([server.accepted('direct'), server.accepted('proxied')]);
    const latencies = { direct: [], proxied: [] };
    const rates = [];
    for (let r = -1; r < plan.eventRounds; r++) {
      for (const side of r % 2 ? ['proxied', 'direct'] : ['direct', 'proxied']) {
        const received = clients[side].expect(EVENTS_PER_SEC);
        const rate = await server.pace(side, EVENTS_PER_SEC, EVENTS_PER_SEC);
        const times = await withTimeout(received, 10_000, `${side}: a paced round did not arrive`);
        if (r < 0) continue;
        latencies[side].push(...times);
        rates.push(rate);
      }
    }
    return { ...compare(latencies.direct, latencies.proxied), eventsPerSide: plan.eventRounds * EVENTS_PER_SEC, ratePerSec: Math.round(median(rates)) };
  } finally {
    for (const client of Object.values(clients)) client.close();
    await server.close();
  }
}

async function measureReplay(host, plan, onFrame) {
  const server = await spawnReplayServer();
  try {
    const urls = { direct: server.url, pipe: await host.pipe(server.url), proxied: await host.start(server.url) };
    const { frames, apps } = await getJson(`${server.url}/bench/info`);
    const rates = { direct: [], pipe: [], proxied: [] };
    const cpuMs = { pipe: [], proxied: [] };
    for (let pass = -1; pass < plan.replayPasses; pass++) {
      for (const side of rotation(pass + 1)) {
        await host.settle();
        const cpuBefore = await host.cpuMs();
        const rate = await replayPass(urls[side], server.url, apps, frames, onFrame);
        if (pass < 0) continue;
        rates[side].push(rate);
        if (side !== 'direct') cpuMs[side].push((await host.cpuMs()) - cpuBefore);
      }
    }
    const [direct, pipe, proxied] = [median(rates.direct), median(rates.pipe), median(rates.proxied)];
    // The proxy's process, all its threads, over a pass (its closing included), its reader's
    // backlog left for after the pass (the reader's budget: docs/trace-proxy.md#thread): µs per event.
    const cpuPerEvent = (side) => round((median(cpuMs[side]) * 1000) / frames, 2);
    return { directEventsPerSec: Math.round(direct), pipeEventsPerSec: Math.round(pipe), proxiedEventsPerSec: Math.round(proxied), ratio: round(proxied / direct, 3), pipeRatio: round(pipe / direct, 3), cpuUsPerEvent: { pipe: cpuPerEvent('pipe'), proxied: cpuPerEvent('proxied') }, events: frames, passesPerSide: plan.replayPasses, spread: { direct: spread(rates.direct), pipe: spread(rates.pipe), proxied: spread(rates.proxied) } };
  } finally {
    server.stop();
  }
}

/**
 * One socket per recorded app through `url`; the stream is released on the server itself, then
 * timed to its last frame. `onFrame`: what the client does with each (CLIENTS).
 */
async function replayPass(url, serverUrl, apps, frames, onFrame) {
  const headers = { authorization: basic(REPLAY_USERNAME, REPLAY_PASSWORD) };
  let count = 0;
  let finish;
  const finished = new Promise((resolve) => (finish = resolve));
  const read = (data) => {
    onFrame(data);
    if (++count === frames) finish(performance.now());
  };
  const sockets = await Promise.all(
    apps.map((app) => {
      const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ari/events?app=${app}`, { headers, perMessageDeflate: false });
      ws.on('message', read);
      return new Promise((resolve, reject) => {
        ws.once('open', () => resolve(ws));
        ws.once('error', reject);
      });
    }),
  );
  const started = performance.now();
  await post(`${serverUrl}/bench/release`);
  const finishedAt = await withTimeout(finished, REPLAY_PASS_TIMEOUT_MS, `only ${count} of ${frames} frames through ${url}`);
  // Closed before the next pass, so that no relay of this one is still winding down during it.
  await Promise.all(sockets.map((ws) => new Promise((resolve) => (ws.once('close', resolve), ws.close()))));
  return frames / ((finishedAt - started) / 1000);
}

/** The proxy process; `start(target)` resolves to a new proxy's URL. */
function startProxyHost(bundleFile, reader, workerFile) {
  const child = fork(bundleFile, [reader, workerFile], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map();
  let nextId = 1;
  child.on('message', (message) => {
    const { resolve, reject } = waiting.get(message.id);
    waiting.delete(message.id);
    if (message.error) reject(new Error(`proxy host: ${message.error}`));
    else resolve(message);
  });
  child.on('exit', (code) => {
    for (const { reject } of waiting.values()) reject(new Error(`The proxy host exited (${code}).`));
  });
  const ask = (message) => new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    child.send({ id, ...message });
  });
  return {
    start: async (target) => (await ask({ op: 'start', target })).url,
    pipe: async (target) => (await ask({ op: 'pipe', target })).url,
    stats: async () => (await ask({ op: 'stats' })).stats,
    cpuMs: async () => (await ask({ op: 'cpu' })).cpuMs,
    settle: () => ask({ op: 'settle' }),
    stop: () => child.connected && child.disconnect(),
  };
}

/** The order of the sides in round `n`: each goes first, second and last in turn, so drift lands on all three. */
function rotation(n) {
  const sides = ['direct', 'pipe', 'proxied'];
  return [...sides.slice(n % 3), ...sides.slice(0, n % 3)];
}

/** Each side's p50 and p99 (ms), and what the proxy added to each. */
function compare(direct, proxied) {
  const d = [...direct].sort((a, b) => a - b);
  const p = [...proxied].sort((a, b) => a - b);
  const [dP50, dP99, pP50, pP99] = [percentile(d, 50), percentile(d, 99), percentile(p, 50), percentile(p, 99)];
  return { directP50Ms: round(dP50), directP99Ms: round(dP99), proxiedP50Ms: round(pP50), proxiedP99Ms: round(pP99), addedP50Ms: round(pP50 - dP50), addedP99Ms: round(pP99 - dP99), directMaxMs: round(d.at(-1)), proxiedMaxMs: round(p.at(-1)) };
}

/** Nearest rank. */
function percentile(sorted, p) {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function median(values) {
  return percentile([...values].sort((a, b) => a - b), 50);
}

/** Slowest and fastest pass, events/s: how far one pass strays on this machine. */
function spread(values) {
  return [Math.round(Math.min(...values)), Math.round(Math.max(...values))];
}

const round = (n, digits = 3) => Number(n.toFixed(digits));
const basic = (user, password) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([promise, new Promise((_resolve, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]).finally(() => clearTimeout(timer));
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, reader: { type: 'string', default: 'traceFeed' } } });
  const result = await measureProxy({ quick: values.quick, reader: values.reader });
  const { rest, events, replay, replayCounting, read } = result;
  const row = (r) => ({ 'direct p50': r.directP50Ms, 'direct p99': r.directP99Ms, 'proxied p50': r.proxiedP50Ms, 'proxied p99': r.proxiedP99Ms, 'added p50': r.addedP50Ms, 'added p99': r.addedP99Ms });
  console.table({ 'rest ping (ms)': row(rest), 'rest ping, bare pipe (ms)': row(rest.pipe), 'event latency (ms)': row(events) });
  const replayRow = (r) => ({ direct: r.directEventsPerSec, 'bare pipe': r.pipeEventsPerSec, proxied: r.proxiedEventsPerSec, 'pipe / direct': r.pipeRatio, 'proxied / direct': r.ratio, 'pipe CPU µs/event': r.cpuUsPerEvent.pipe, 'proxy CPU µs/event': r.cpuUsPerEvent.proxied });
  console.table({ 'replay, parsing client (events/s)': replayRow(replay), 'replay, counting client (events/s)': replayRow(replayCounting) });
  console.log(`rest: ${rest.requestsPerSide} requests a side, connections opened ${JSON.stringify(rest.connections)}; events: ${events.eventsPerSide} a side at ${events.ratePerSec}/s; replay: ${replay.events} events a pass, ${replay.passesPerSide} passes a side, slowest/fastest ${JSON.stringify(replay.spread)} (counting: ${JSON.stringify(replayCounting.spread)})`);
  console.log(`reader (${read.reader}): ${read.events} of ${read.eventsExpected} events and ${read.exchanges} of ${read.exchangesExpected} exchanges read, ${read.tapDropped} records dropped by the tap, ${read.problems} problems; load average before: ${result.loadBefore}`);
  const goals = [
    ['rest added p50', rest.addedP50Ms, `≤ ${PROXY_GOALS.restAddedP50Ms} ms`, rest.addedP50Ms <= PROXY_GOALS.restAddedP50Ms],
    ['rest added p99', rest.addedP99Ms, `≤ ${PROXY_GOALS.restAddedP99Ms} ms`, rest.addedP99Ms <= PROXY_GOALS.restAddedP99Ms],
    ['event added p99', events.addedP99Ms, `≤ ${PROXY_GOALS.eventAddedP99Ms} ms`, events.addedP99Ms <= PROXY_GOALS.eventAddedP99Ms],
    ['replay proxied / direct, parsing client', replay.ratio, `≥ ${PROXY_GOALS.replayRatio}`, replay.ratio >= PROXY_GOALS.replayRatio],
  ];
  for (const [what, value, goal, met] of goals) console.log(`${what} = ${value} (goal ${goal}: ${met ? 'met' : 'NOT met'})`);
}
