#!/usr/bin/env node
// Records the ARI event stream that bench/ingest.mjs replays: a real Asterisk (the sandbox) under
// sipp load, with this script acting as the Stasis apps. Calls enter an app, ring, are answered,
// get variables set, move between apps with arguments, sometimes to an app nobody registered
// (ApplicationMoveFailed), and hang up from either side; originated Local calls add Dial, DTMF,
// caller id, user events and a bridge. One more app, registered with subscribeAll, sees it all.
//
//   bash test/sandbox/sandbox.sh up
//   node bench/record.mjs [--events 60000]
//
// The sandbox is found through `sandbox.sh env`, so the STASIS_SANDBOX_* variables given to `up`
// apply here too. Writes bench/data/ari-events.ndjson.gz and bench/data/ari-events.meta.json.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import WebSocket from 'ws';
import { typeHistogram, writeRecording, FRAMES_FILE } from './recording.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SANDBOX = path.join(REPO, 'test/sandbox/sandbox.sh');

const { values: options } = parseArgs({ options: { events: { type: 'string', default: '60000' } } });
const targetFrames = Number(options.events);

const APPS = [
  { name: 'demo-ivr', subscribeAll: false }, // where the endpoint carol lands
  { name: 'ari-example1', subscribeAll: false }, // alice
  { name: 'ari-example2', subscribeAll: false }, // bob
  { name: 'bench-observer', subscribeAll: true }, // every channel, bridge and endpoint event
];
const UNREGISTERED_APP = 'ari-example3';

/** One round of traffic: sipp calls into each endpoint, and originated calls, side by side. */
const BATCH = { callsPerEndpoint: 60, callsPerSecond: 4, holdSeconds: 2, originates: 60 };
const CALLERS = { alice: 'Alice Bench', bob: 'Bob Bench', carol: 'Zoë Bench' };

const execFileAsync = promisify(execFile);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const say = (text) => console.log(`[record] ${text}`);

const env = await sandboxEnv();
const authorization = `Basic ${Buffer.from(`${env.ARI_USERNAME}:${env.ARI_PASSWORD}`).toString('base64')}`;
const restFailures = {};
const frames = [];
const framesByApp = {};
let misaddressed = 0;
let recording = true;
let callNumber = 0;
let originated = 0;

const info = await rest('GET', 'asterisk/info');
if (!info) throw new Error(`GET /asterisk/info failed on ${env.ARI_URL}`);
const leftover = (await rest('GET', 'channels')) ?? [];
if (leftover.length > 0) throw new Error(`${leftover.length} channel(s) already up on ${env.ARI_URL}: record on an idle sandbox.`);

const sockets = await Promise.all(APPS.map(openSocket));
say(`registered ${APPS.map((a) => a.name).join(', ')} on ${env.ARI_URL}; recording until ${targetFrames} frames`);
const started = Date.now();
const sippSummaries = [];
let batches = 0;
while (frames.length < targetFrames) {
  await runBatch();
  batches++;
  say(`batch ${batches}: ${frames.length} frames after ${Math.round((Date.now() - started) / 1000)} s`);
}
recording = false;
for (const socket of sockets) socket.close();

const histogram = typeHistogram(frames);
writeRecording(frames, {
  description: 'ARI events recorded by bench/record.mjs from the Asterisk sandbox under sipp load: one WebSocket frame per line, as received, in arrival order across the sockets. Each frame came from the socket of the app named in its "application" field (one app per socket).',
  recordedAt: new Date().toISOString(),
  asterisk: info.system.version,
  apps: APPS,
  frames: frames.length,
  framesByApp,
  framesWhoseApplicationIsNotTheirSocket: misaddressed,
  types: histogram,
  traffic: { batches, batch: BATCH, sipp: sippSummaries, originated, restFailures },
  asteriskInfo: info,
});
say(`wrote ${frames.length} frames to ${path.relative(REPO, FRAMES_FILE)} (${(fs.statSync(FRAMES_FILE).size / 1e6).toFixed(2)} MB)`);
console.table(histogram);

async function sandboxEnv() {
  const { stdout } = await execFileAsync('bash', [SANDBOX, 'env']).catch((error) => {
    throw new Error(`The sandbox is not running (${error.stderr?.trim() || error.message}). Start it first: bash test/sandbox/sandbox.sh up`);
  });
  return Object.fromEntries(stdout.trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)));
}

/** A REST call that never throws: races with hangups (404, 409) are part of real traffic, so they are counted, not fatal. */
async function rest(method, resource) {
  try {
    const response = await fetch(`${env.ARI_URL}/ari/${resource}`, { method, headers: { authorization } });
    const text = await response.text();
    if (response.status >= 300) {
      const key = `${method} ${resource.split(/[/?]/)[0]} ${response.status}`;
      restFailures[key] = (restFailures[key] ?? 0) + 1;
      return undefined;
    }
    return text ? JSON.parse(text) : {};
  } catch (error) {
    const key = `${method} ${resource.split(/[/?]/)[0]} ${error.cause?.code ?? error.message}`;
    restFailures[key] = (restFailures[key] ?? 0) + 1;
    return undefined;
  }
}

function openSocket({ name, subscribeAll }) {
  const url = `${env.ARI_URL.replace(/^http/, 'ws')}/ari/events?app=${name}&subscribeAll=${subscribeAll}`;
  const socket = new WebSocket(url, { headers: { authorization }, perMessageDeflate: false });
  socket.on('message', (data, isBinary) => {
    if (!recording || isBinary) return;
    const text = data.toString('utf8');
    if (text.includes('\n')) throw new Error('A frame contains a newline: set pretty=no in ari.conf, one frame must fit on one line.');
    frames.push(text);
    framesByApp[name] = (framesByApp[name] ?? 0) + 1;
    const event = JSON.parse(text);
    if (event.application !== name) misaddressed++;
    if (!subscribeAll) control(name, event);
  });
  socket.on('close', (code) => {
    if (recording) throw new Error(`The events socket of ${name} closed (code ${code}) while recording.`);
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

async function runBatch() {
  const sippDirs = await Promise.all(Object.keys(CALLERS).map(startSipp));
  for (let i = 0; i < BATCH.originates; i++) {
    const n = ++originated;
    // The other leg runs stasis-ari-example2's dialplan, so it enters ari-example2, where we answer it.
    void rest('POST', `channels?endpoint=${encodeURIComponent('Local/100@stasis-ari-example2')}&app=ari-example1&appArgs=originated,${n}&timeout=10`);
    await sleep(1000 / BATCH.callsPerSecond);
  }
  for (const dir of sippDirs) {
    while (!fs.existsSync(path.join(dir, 'exit-code'))) await sleep(200);
    sippSummaries.push(fs.readFileSync(path.join(dir, 'summary'), 'utf8').trim());
  }
  await waitUntilNoChannels();
}

async function startSipp(endpoint) {
  const { stdout } = await execFileAsync('bash', [
    SANDBOX, 'call', '--to', endpoint, '--count', String(BATCH.callsPerEndpoint), '--rate', String(BATCH.callsPerSecond),
    '--hold', String(BATCH.holdSeconds), '--caller-name', CALLERS[endpoint], '--ring-timeout', '10', '--background',
  ]);
  const dir = /^SIPP_DIR=(.*)$/m.exec(stdout)?.[1];
  if (!dir) throw new Error(`sandbox.sh call did not say where sipp writes: ${stdout}`);
  return dir;
}

/** Lets every call of a batch end; whatever is still up after 30 s is hung up, so batches never pile up. */
async function waitUntilNoChannels() {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const channels = (await rest('GET', 'channels')) ?? [];
    if (channels.length === 0) break;
    if (Date.now() > deadline) {
      say(`hanging up ${channels.length} channel(s) still up after 30 s`);
      await Promise.all(channels.map((c) => rest('DELETE', `channels/${c.id}`)));
    }
    await sleep(500);
  }
  await sleep(500); // the last events of the hangups
}

/** What each app does with the calls it gets: enough to produce every kind of event a real app sees. */
function control(app, event) {
  if (event.type === 'StasisStart') onStasisStart(app, event);
  if (event.type === 'ApplicationMoveFailed') onMoveFailed(app, event);
}

function onStasisStart(app, { channel, args }) {
  const id = channel.id;
  if (app === 'demo-ivr') {
    if (args[0] === 'originated') {
      later(200, () => hangup(id, 'normal'));
      return;
    }
    const n = ++callNumber;
    void setVariable(id, 'BENCH_CALL', String(n));
    void rest('POST', `channels/${id}/ring`);
    later(100, () => rest('POST', `channels/${id}/answer`));
    // Every fourth call first tries an app nobody registered: 204, then ApplicationMoveFailed.
    later(300, () => (n % 4 === 0 ? move(id, UNREGISTERED_APP, ['nobody', 'home']) : move(id, 'ari-example1', ['from-demo-ivr', `call-${n}`])));
  } else if (app === 'ari-example1') {
    if (args[0] === 'originated') {
      void exerciseOriginated(id, args[1]);
      return;
    }
    if (args.length === 0) {
      const n = ++callNumber;
      void rest('POST', `channels/${id}/answer`);
      later(300, () => move(id, 'ari-example2', ['from-example1', `call-${n}`]));
    } else {
      void rest('POST', `events/user/bench-passing?application=ari-example1&source=channel:${id}`);
      later(200, () => move(id, 'ari-example2', ['from-example1', ...args]));
    }
  } else if (app === 'ari-example2') {
    if (channel.name.startsWith('Local/') && channel.name.endsWith(';2')) {
      // Answering this leg brings the originated one into ari-example1; DTMF sent here arrives there.
      void rest('POST', `channels/${id}/answer`);
      later(150, () => rest('POST', `channels/${id}/dtmf?dtmf=1%23`));
      return;
    }
    const n = ++callNumber;
    void setVariable(id, 'BENCH_JOURNEY', args.join(',') || 'direct');
    if (args.length === 0) void rest('POST', `channels/${id}/answer`);
    // Half the calls end from ARI, with a cause; the others when sipp hangs up after its hold time.
    if (n % 2 === 0) later(400, () => hangup(id, n % 4 === 0 ? 'busy' : 'normal'));
  }
}

function onMoveFailed(app, { channel }) {
  if (app === 'demo-ivr') void move(channel.id, 'ari-example2', ['some', 'example', 'args']);
  if (app === 'ari-example1') void move(channel.id, 'demo-ivr', ['originated', 'back']);
}

async function exerciseOriginated(id, n) {
  await setVariable(id, 'CALLERID(name)', `Originated ${n}`);
  await rest('POST', `events/user/bench-originated?application=ari-example1&source=channel:${id}`);
  const bridge = await rest('POST', 'bridges?type=mixing');
  if (bridge) {
    await rest('POST', `bridges/${bridge.id}/addChannel?channel=${id}`);
    await sleep(600); // the DTMF sent to the other leg arrives meanwhile
    await rest('POST', `bridges/${bridge.id}/removeChannel?channel=${id}`);
    await rest('DELETE', `bridges/${bridge.id}`);
  }
  await move(id, UNREGISTERED_APP, ['x']);
}

function move(id, app, args) {
  return rest('POST', `channels/${id}/move?app=${app}&appArgs=${encodeURIComponent(args.join(','))}`);
}

function hangup(id, reason) {
  return rest('DELETE', `channels/${id}?reason=${reason}`);
}

function setVariable(id, name, value) {
  return rest('POST', `channels/${id}/variable?variable=${encodeURIComponent(name)}&value=${encodeURIComponent(value)}`);
}

function later(ms, action) {
  setTimeout(() => void action(), ms);
}
