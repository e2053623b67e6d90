#!/usr/bin/env node
// Live against the real Asterisk: a sipp burst into the sandbox (test/sandbox/sandbox.sh), with
// websocket_write_timeout left at Asterisk's default (100 ms), through the extension's event path
// (bench/pipelineWiring.mjs: ServerSession, the debug log and the tree). The bench is also the ARI
// app: each call entering ari-example1 is answered over REST and moved to ari-example2 with
// arguments by session.move (so the MoveTracker settles each move); there sipp hangs up after
// the hold. Measured during the burst:
//   disconnects   events links that closed or gave up (goal 0);
//   latency       from each event's Asterisk timestamp to the end of its model update: the
//                 session's onEvent, which fires after state, journeys, moves and the event log
//                 took it (goal p99 < 50 ms);
//   loop lag      event-loop delay beyond the 1 ms sampling interval (goal p99 < 20 ms).
//
//   node bench/live.mjs [--quick]
import { execFile, spawn } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { bundleForNode, loadBundle } from './pipeline.mjs';

const run = promisify(execFile);
const SANDBOX = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../test/sandbox/sandbox.sh');
// sipp calls alice, whose context is stasis-ari-example1.
const ENTRY_APP = 'ari-example1';
const NEXT_APP = 'ari-example2';
const MOVE_ARGS = ['bench', 'live'];
// The sandbox is shared: our calls are the ones with this caller name.
const CALLER_NAME = 'Bench Live';
const PLANS = {
  full: { rate: 50, seconds: 20, holdSeconds: 2 },
  quick: { rate: 20, seconds: 5, holdSeconds: 2 },
};
// A call we never answer is cancelled by sipp after this, and counts as failed, instead of ringing on.
const RING_TIMEOUT_SECONDS = 10;
// After sipp exits, how long the last hang-ups may take to reach the model.
const SETTLE_TIMEOUT_MS = 15_000;
// The histogram records whole sampling intervals: the lag is what exceeds the resolution.
const LAG_RESOLUTION_MS = 1;
const GOALS = { disconnects: 0, latencyP99Ms: 50, loopLagP99Ms: 20 };

/** Runs one burst; resolves to the numbers, ready for bench/results/latest.json. */
export async function measureLive({ quick = false } = {}) {
  const plan = quick ? PLANS.quick : PLANS.full;
  const calls = plan.rate * plan.seconds;
  const env = await sandboxEnv();
  const bundle = await bundleForNode();
  const pipeline = loadBundle(bundle.file)({ baseUrl: env.ARI_URL, username: env.ARI_USERNAME, password: env.ARI_PASSWORD, apps: [ENTRY_APP, NEXT_APP], watch: true });
  const { session } = pipeline;
  let sipp;
  try {
    await session.connect();
    const app = actAsApp(session);
    // The machine has two cores, shared with Asterisk and sipp: anything else running shows here.
    const loadBefore = os.loadavg()[0];
    sipp = placeCalls({ count: calls, rate: plan.rate, holdSeconds: plan.holdSeconds });
    // Launching sipp (a fork, then sandbox.sh's bash and node on the same two cores) stalls this
    // process for 20-40 ms before any call is placed. That is the bench's doing, not the
    // extension's: the burst is timed from its first call.
    await Promise.race([app.firstCall, sipp.done]);
    if (app.entered.size === 0) throw new Error(`No call reached ${ENTRY_APP}: ${(await sipp.done).summary}`);
    const lag = monitorEventLoopDelay({ resolution: LAG_RESOLUTION_MS });
    lag.enable();
    const started = performance.now();
    const ended = await sipp.done;
    const settled = await until(() => app.movesPending() === 0 && ourChannelsIn(session) === 0, SETTLE_TIMEOUT_MS);
    const seconds = (performance.now() - started) / 1000;
    lag.disable();
    app.stop();
    if (!settled) console.warn(`live: ${ourChannelsIn(session)} call(s) still in the model and ${app.movesPending()} move(s) pending ${SETTLE_TIMEOUT_MS / 1000} s after sipp ended.`);
    if (ended.code !== 0) console.warn(`live: sipp exited with ${ended.code}: ${ended.summary}`);
    if (app.moveOutcomes.moved < app.moves) console.warn(`live: move outcomes ${JSON.stringify(app.moveOutcomes)}`);
    const latencies = app.latencies.sort((a, b) => a - b);
    const processing = app.processing.sort((a, b) => a - b);
    return {
      disconnects: app.disconnects,
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      latencyMaxMs: latencies.at(-1),
      processingP99Ms: percentile(processing, 99),
      processingMaxMs: processing.at(-1),
      loopLagP50Ms: beyondResolution(lag.percentile(50)),
      loopLagP99Ms: beyondResolution(lag.percentile(99)),
      loopLagMaxMs: beyondResolution(lag.max),
      calls,
      callsEntered: app.entered.size,
      callsAnswered: app.answered,
      answerFailures: app.answerFailures,
      moves: app.moves,
      moveFailures: app.moves - app.moveOutcomes.moved,
      events: app.events,
      // A resync holds events back until REST has answered: it shows as latency.
      resyncs: app.resyncs,
      eventsPerSec: Math.round(app.events / seconds),
      seconds: Number(seconds.toFixed(1)),
      sippFailedCalls: ended.failed,
      sippExit: ended.code,
      loadBefore: Number(loadBefore.toFixed(2)),
    };
  } finally {
    if (sipp?.running()) sipp.stop();
    await hangUpOurCalls(session).catch((error) => console.warn(`live: could not hang up what is left: ${error.message}`));
    await pipeline.dispose();
    bundle.remove();
  }
}

/**
 * Subscribes last to the session's events, so every other listener (the log line, the tree's
 * change feed) has run when an event is timed; then does what the ARI app does with it.
 */
function actAsApp(session) {
  let firstCall;
  const app = {
    firstCall: new Promise((resolve) => (firstCall = resolve)),
    latencies: [],
    processing: [],
    events: 0,
    disconnects: 0,
    resyncs: 0,
    entered: new Set(),
    answered: 0,
    answerFailures: 0,
    moves: 0,
    moveOutcomes: { moved: 0, failed: 0, rejected: 0, timedOut: 0, unknown: 0 },
    movesPending: () => app.moves - Object.values(app.moveOutcomes).reduce((a, b) => a + b, 0),
  };
  const answerAndMove = async (channelId) => {
    try {
      await session.rest.answer(channelId);
      app.answered++;
    } catch {
      app.answerFailures++;
      return;
    }
    app.moves++;
    const { outcome } = session.move(channelId, NEXT_APP, MOVE_ARGS);
    app.moveOutcomes[(await outcome).outcome.kind]++;
  };
  const events = session.onEvent(({ event, receivedAt }) => {
    // Asterisk stamps each event with its wall clock at millisecond resolution; it runs on this
    // machine, so Date.now() reads the same clock. receivedAt (Date.now() when the session began
    // the event) splits the latency into Asterisk + socket + waiting for our loop, and our own work.
    const now = Date.now();
    app.latencies.push(now - Date.parse(event.timestamp));
    app.processing.push(now - receivedAt);
    app.events++;
    if (event.type === 'StasisStart' && event.application === ENTRY_APP && event.channel.caller.name === CALLER_NAME) {
      app.entered.add(event.channel.id);
      firstCall();
      void answerAndMove(event.channel.id);
    }
  });
  const links = session.onLinkStatus(({ status }) => {
    if (status.state === 'closed' || status.state === 'gaveUp') app.disconnects++;
  });
  // Counted from the first call: connecting ends with a resync of its own that may finish after connect().
  const resyncs = session.onResync(() => {
    if (app.entered.size > 0) app.resyncs++;
  });
  app.stop = () => {
    events.dispose();
    links.dispose();
    resyncs.dispose();
  };
  return app;
}

function ourChannelsIn(session) {
  return [ENTRY_APP, NEXT_APP].flatMap((a) => session.model.channels.of(a)).filter((c) => c.snapshot.caller.name === CALLER_NAME).length;
}

/** Whatever a failed run left up: hung up, so that the next run (or anyone else) starts clean. */
async function hangUpOurCalls(session) {
  const channels = await session.rest.call('channels.list', {});
  await Promise.allSettled(channels.filter((c) => c.caller.name === CALLER_NAME).map((c) => session.rest.hangup(c.id)));
}

/** Starts the sandbox unless it is up; a sandbox that is up but unhealthy is left alone (it is shared). */
export async function sandboxEnv() {
  const status = await run('bash', [SANDBOX, 'status']).then(() => 0, (error) => error.code);
  if (status === 4) throw new Error(`The sandbox Asterisk is running but ARI does not answer; see: bash ${SANDBOX} status`);
  if (status !== 0) await run('bash', [SANDBOX, 'up'], { maxBuffer: 16 * 1024 * 1024 });
  const { stdout } = await run('bash', [SANDBOX, 'env']);
  return Object.fromEntries(stdout.split('\n').map((line) => /^([A-Z_]+)=(.*)$/.exec(line.trim())).filter(Boolean).map((m) => [m[1], m[2]]));
}

/** sipp through `sandbox.sh call`; `done` resolves when it exits, with its summary line. */
function placeCalls({ count, rate, holdSeconds }) {
  const args = [SANDBOX, 'call', '--to', 'alice', '--count', String(count), '--rate', String(rate), '--hold', String(holdSeconds), '--timeout', String(RING_TIMEOUT_SECONDS), '--caller-name', CALLER_NAME];
  const child = spawn('bash', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let exited = false;
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const done = new Promise((resolve) =>
    child.on('close', (code) => {
      exited = true;
      // "call: N call(s) to alice: A answered (…), R rejected, F failed; sipp exit X"
      const summary = /^call: .*$/m.exec(output)?.[0] ?? output.trim().slice(-500);
      resolve({ code, summary, failed: Number(/(\d+) failed;/.exec(summary)?.[1] ?? NaN) });
    }),
  );
  // sandbox.sh passes SIGTERM on to sipp, which then cancels its calls.
  return { done, running: () => !exited, stop: () => child.kill('SIGTERM') };
}

async function until(condition, timeoutMs) {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return true;
}

/** Nearest rank; the samples are whole milliseconds. */
function percentile(sorted, p) {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

function beyondResolution(nanoseconds) {
  return Number(Math.max(0, nanoseconds / 1e6 - LAG_RESOLUTION_MS).toFixed(1));
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  const result = await measureLive({ quick: values.quick });
  console.table({
    disconnects: { value: result.disconnects, goal: `= ${GOALS.disconnects}` },
    'latency p50 (ms)': { value: result.latencyP50Ms },
    'latency p99 (ms)': { value: result.latencyP99Ms, goal: `< ${GOALS.latencyP99Ms}` },
    'latency max (ms)': { value: result.latencyMaxMs },
    '  in our code, p99 (ms)': { value: result.processingP99Ms },
    '  in our code, max (ms)': { value: result.processingMaxMs },
    'loop lag p99 (ms)': { value: result.loopLagP99Ms, goal: `< ${GOALS.loopLagP99Ms}` },
    'loop lag max (ms)': { value: result.loopLagMaxMs },
  });
  console.log(
    `${result.calls} calls (${result.callsEntered} entered, ${result.callsAnswered} answered, ${result.sippFailedCalls} failed in sipp), ` +
      `${result.moves} moves (${result.moveFailures} not moved), ${result.events} events in ${result.seconds} s, ${result.resyncs} resync(s); load average before: ${result.loadBefore}`,
  );
  const met = result.disconnects === GOALS.disconnects && result.latencyP99Ms < GOALS.latencyP99Ms && result.loopLagP99Ms < GOALS.loopLagP99Ms;
  console.log(`goals: ${met ? 'met' : 'NOT met'}`);
}
