#!/usr/bin/env node
// `npm run bench`: every benchmark in turn, a table of the numbers against their goals, and
// bench/results/latest.json. `npm run bench -- --quick` runs shorter versions (under 2 minutes).
// Benchmarks time things; tests never do.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureIngest } from './ingest.mjs';
import { measureInspector } from './inspectorPage.mjs';
import { measureLive } from './live.mjs';
import { measureProxy, PROXY_GOALS } from './proxy.mjs';
import { measureStartup } from './startup.mjs';
import { measureTree } from './tree.mjs';

const BENCH = path.dirname(fileURLToPath(import.meta.url));
const quick = process.argv.includes('--quick');
const started = Date.now();
const step = async (name, measure) => {
  const t = Date.now();
  console.log(`[bench] ${name}…`);
  const result = await measure();
  console.log(`[bench] ${name}: done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  return result;
};

const ingest = await step('ingest (replayed recording: limit, pipeline, ari-client)', () => measureIngest({ quick }));
const live = await step('live (sipp burst into the real Asterisk sandbox)', () => measureLive({ quick }));
const proxy = await step('proxy (trace proxy vs direct: REST to the sandbox, paced and replayed events)', () => measureProxy({ quick }));
const tree = await step('tree (5,000 channels in 500 bridges; 1,000 events/s)', () => measureTree({ quick }));
// The heap is measured in a process of its own, with a GC it can call.
const memory = await step('memory (EventLog)', () => JSON.parse(execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', `import { measureMemory } from ${JSON.stringify(path.join(BENCH, 'memory.mjs'))}; console.log(JSON.stringify(await measureMemory()));`], { encoding: 'utf8' })));
const startup = await step('startup (bundle, activation in code-server)', () => measureStartup());
const inspector = await step('inspector (page script in Chromium, 10,000 and 100,000 events)', () => measureInspector());

const results = {
  machine: { cores: os.cpus().length, node: process.version, cpu: os.cpus()[0]?.model ?? 'unknown', memoryBytes: os.totalmem(), quick },
  ingest,
  live,
  proxy,
  tree,
  startup,
  memory,
  inspector: { filter10kMs: inspector.filter10kMs, filter100kMs: inspector.filter100kMs, byEvents: inspector.byEvents },
  secondsTaken: Math.round((Date.now() - started) / 1000),
};
fs.mkdirSync(path.join(BENCH, 'results'), { recursive: true });
// A quick run must not replace the full run's numbers, which the README quotes.
const resultsFile = `results/latest${quick ? '-quick' : ''}.json`;
fs.writeFileSync(path.join(BENCH, resultsFile), `${JSON.stringify(results, null, 2)}\n`);

const goals = [
  ['ingest: pipeline / limit', ingest.pipelineEventsPerSec / ingest.limitEventsPerSec, '≥ 0.6', (v) => v >= 0.6],
  ['ingest: pipeline / ari-client', ingest.pipelineEventsPerSec / ingest.ariClientEventsPerSec, '≥ 2', (v) => v >= 2],
  ['live: disconnects', live.disconnects, '0', (v) => v === 0],
  ['live: latency p99 (ms)', live.latencyP99Ms, '< 50', (v) => v < 50],
  ['live: event-loop lag p99 (ms)', live.loopLagP99Ms, '< 20', (v) => v < 20],
  ['proxy: REST ping added p50 (ms)', proxy.rest.addedP50Ms, `≤ ${PROXY_GOALS.restAddedP50Ms}`, (v) => v <= PROXY_GOALS.restAddedP50Ms],
  ['proxy: REST ping added p99 (ms)', proxy.rest.addedP99Ms, `≤ ${PROXY_GOALS.restAddedP99Ms}`, (v) => v <= PROXY_GOALS.restAddedP99Ms],
  ['proxy: event latency added p99, 1,000/s (ms)', proxy.events.addedP99Ms, `≤ ${PROXY_GOALS.eventAddedP99Ms}`, (v) => v <= PROXY_GOALS.eventAddedP99Ms],
  ['proxy: replay throughput / direct, an app that parses', proxy.replay.ratio, `≥ ${PROXY_GOALS.replayRatio}`, (v) => v >= PROXY_GOALS.replayRatio],
  ['proxy: replay throughput / direct, a client that only counts', proxy.replayCounting.ratio, '(measured)', () => true],
  ['proxy: its CPU per event replayed (µs)', proxy.replay.cpuUsPerEvent.proxied, '(measured)', () => true],
  ['tree: getChildren, 5,000 channels in 500 bridges (ms)', tree.getChildrenMs, '< 10', (v) => v < 10],
  ['tree: refresh fires per second', tree.refreshFiresPerSec, '≤ 10', (v) => v <= 10],
  ['startup: bundle, both files (bytes, minified)', startup.bundleBytes, '≤ 307,200', (v) => v <= 300 * 1024],
  ['startup: activation bundle (bytes, minified)', startup.activationBundleBytes, '(measured)', () => true],
  ['startup: activation in VS Code (ms)', startup.activateMs, '(measured)', () => true],
  ['startup: activation / an empty extension, same run', startup.activateMs / startup.emptyExtensionActivateMs, '≤ 1.5', (v) => v <= 1.5],
  ['memory: bytes per 10,000 events', memory.bytesPer10kEvents, '(measured)', () => true],
  ['inspector: text filter, 100,000 events (ms)', inspector.filter100kMs, '< 50', (v) => v < 50],
];
console.table(goals.map(([what, value, goal, met]) => ({ what, value: Number.isInteger(value) ? value : Number(value.toFixed(2)), goal, met: met(value) ? 'yes' : 'NO' })));
console.log(`[bench] ${quick ? 'quick run, ' : ''}${results.secondsTaken} s; written to bench/${resultsFile}`);
