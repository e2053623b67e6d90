#!/usr/bin/env node
// Event ingest: ARI events per second through three clients, each fed the same recorded stream
// (bench/data, see bench/record.mjs) by bench/replayServer.mjs as fast as it reads:
//   limit      a bare ws client that only JSON.parses each frame, the ceiling for a Node client;
//   pipeline   the extension's own path, from the socket to the log line and the tree refresh
//              (bench/pipelineWiring.mjs);
//   ariClient  ari-client 2.2.0 with a listener for every event type.
// Rounds interleave the clients in a rotating order; every run is a fresh process (warm-up passes,
// then timed ones) and the server has a process of its own. Reported: the median of each client's
// timed passes. Goals: pipeline ≥ 0.6 × limit and ≥ 2 × ariClient.
//
//   node bench/ingest.mjs [--quick]
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { bundleForNode } from './pipeline.mjs';
import { spawnReplayServer } from './replayServer.mjs';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'ingestWorker.mjs');
const CLIENTS = ['limit', 'pipeline', 'ariClient'];
// Throughput on this kind of machine still climbs for a few passes after the first and varies by
// ±30 % from one pass to the next, hence warm-up passes and many timed ones. --quick times fewer
// passes, but warms up as much (after one warm-up pass the pipeline and the bare client were still
// 15–25 % below their later passes) and keeps the whole stream: only
// past the first 10,000 events does the event log evict, as it does in steady use.
const PLANS = {
  full: { rounds: 5, warmup: 2, passes: 3 },
  quick: { rounds: 3, warmup: 2, passes: 1 },
};

/** Measures all three clients; resolves to the medians, ready for bench/results/latest.json. */
export async function measureIngest({ quick = false } = {}) {
  const plan = quick ? PLANS.quick : PLANS.full;
  const bundle = await bundleForNode();
  const server = await spawnReplayServer();
  try {
    const rates = Object.fromEntries(CLIENTS.map((c) => [c, []]));
    const limitBusy = [];
    let events = 0;
    for (let round = 0; round < plan.rounds; round++) {
      // Rotated, so that no client always runs right after the same other one.
      for (const client of [...CLIENTS.slice(round % CLIENTS.length), ...CLIENTS.slice(0, round % CLIENTS.length)]) {
        for (const pass of await runWorker(client, server.url, bundle.file, plan)) {
          if (pass.problems > 0) throw new Error(`${client}: ${pass.problems} frame(s) were refused; the recording and the code disagree.`);
          events = pass.events;
          rates[client].push(pass.eventsPerSec);
          if (client === 'limit') limitBusy.push(pass.busy);
        }
      }
    }
    // The limit means something only if the bare client, not the server, was the bottleneck.
    if (median(limitBusy) < 0.9) console.warn(`ingest: the limit client was busy only ${Math.round(median(limitBusy) * 100)} % of the time: the replay server set the pace.`);
    return {
      limitEventsPerSec: Math.round(median(rates.limit)),
      pipelineEventsPerSec: Math.round(median(rates.pipeline)),
      ariClientEventsPerSec: Math.round(median(rates.ariClient)),
      events,
      rounds: plan.rounds,
    };
  } finally {
    server.stop();
    bundle.remove();
  }
}

function runWorker(client, url, bundleFile, plan) {
  const args = [WORKER, client, '--url', url, '--bundle', bundleFile, '--warmup', String(plan.warmup), '--passes', String(plan.passes)];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`${client} worker failed: ${stderr.trim() || error.message}`));
      // ari-client prints swagger deprecation notices on stdout; the result is the last line.
      resolve(JSON.parse(stdout.trim().split('\n').pop()).passes);
    });
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const result = await measureIngest({ quick: values.quick });
  console.table({
    limit: { 'events/s': result.limitEventsPerSec },
    pipeline: { 'events/s': result.pipelineEventsPerSec },
    ariClient: { 'events/s': result.ariClientEventsPerSec },
  });
  const vsLimit = result.pipelineEventsPerSec / result.limitEventsPerSec;
  const vsAriClient = result.pipelineEventsPerSec / result.ariClientEventsPerSec;
  console.log(`${result.events} events a pass; medians over ${result.rounds} rounds`);
  console.log(`pipeline / limit     = ${vsLimit.toFixed(2)} (goal ≥ 0.6: ${vsLimit >= 0.6 ? 'met' : 'NOT met'})`);
  console.log(`pipeline / ariClient = ${vsAriClient.toFixed(2)} (goal ≥ 2: ${vsAriClient >= 2 ? 'met' : 'NOT met'})`);
}
