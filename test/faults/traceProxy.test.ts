// Faults around the trace proxy (src/proxy/ProxyThread.ts, as the extension runs it): either side of it going away, a frame far
// larger than any real event, and a burst of calls. The proxy must pass on every end at once, and
// every byte, in order, while its tap reads copies.
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as path from 'node:path';
import { ProxyThread } from '../../src/proxy/ProxyThread';
import { shapesByLeg } from '../integration/support/eventShapes';
import { sandboxEnv, type SandboxEnv } from '../integration/support/sandbox';
import { uniqueApp } from '../integration/support/sessions';
import { TraceLog } from '../integration/support/TraceLog';
import { WsRestApp } from '../integration/support/WsRestApp';
import { FakeAsterisk } from '../support/FakeAsterisk';
import { until } from '../support/until';
import { hangUpAll, originateAll, type CallPattern } from './support/callPattern';
import { FaultProxy } from './support/FaultProxy';

const basic = (env: Pick<SandboxEnv, 'username' | 'password'>) => `Basic ${Buffer.from(`${env.username}:${env.password}`).toString('base64')}`;

/** Whether the socket has closed by now (without waiting). */
async function hasClosed(app: WsRestApp): Promise<boolean> {
  return Promise.race([app.closed.then(() => true), new Promise<boolean>((r) => setImmediate(() => r(false)))]);
}

/** The index of the first frame that differs (or is missing), for a message that can be read. */
function firstDifference(a: readonly Buffer[], b: readonly Buffer[]): string {
  const i = a.findIndex((f, n) => !b[n] || !f.equals(b[n]));
  return i < 0 ? (a.length === b.length ? 'none' : `lengths ${a.length} and ${b.length}`) : `frame ${i} of ${a.length}: ${a[i].toString('utf8').slice(0, 120)} | ${b[i]?.toString('utf8').slice(0, 120)}`;
}

describe('Faults: the trace proxy between a user\'s app and Asterisk', function () {
  this.timeout(60_000);
  const cleanups: (() => Promise<unknown>)[] = [];
  async function startProxy(target: string, trace: TraceLog): Promise<{ proxy: ProxyThread; url: string }> {
    const proxy = new ProxyThread({ target, port: 0, reader: trace.reader });
    cleanups.push(() => proxy.close());
    return { proxy, url: await proxy.listen() };
  }
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  for (const [how, stop] of [
    ['stops (its connections end)', (fault: FaultProxy) => fault.close()],
    ['drops its connections (reset)', (fault: FaultProxy) => Promise.resolve(fault.cut())],
  ] as const) {
    it(`Asterisk ${how} while the app is connected through the proxy: the app sees its socket close within 2 s, the trace says Asterisk went`, async () => {
      const env = await sandboxEnv();
      // A fault proxy stands in for Asterisk's end of the connections: the shared sandbox keeps running.
      const fault = await FaultProxy.start(env.url);
      cleanups.push(() => fault.close());
      const trace = new TraceLog();
      const { url } = await startProxy(fault.url, trace);
      const app = await WsRestApp.start(url, [uniqueApp('gone')], env);
      cleanups.push(() => app.close());
      await until(() => trace.sockets().some((s) => s.state === 'opened'), 'the socket traced as open');

      const stoppedAt = Date.now();
      await stop(fault);
      const closed = await Promise.race([app.closed, new Promise<undefined>((r) => setTimeout(() => r(undefined), 5_000))]);
      assert.ok(closed, 'the app\'s socket did not close within 5 s: it hangs');
      const ms = closed.at - stoppedAt;
      assert.ok(ms < 2_000, `the app saw the close ${ms} ms after Asterisk went`);
      await until(() => trace.sockets().some((s) => s.state === 'closed'), 'the close traced');
      assert.match(trace.sockets().find((s) => s.state === 'closed')!.reason ?? '', /^Asterisk closed the connection/);
      console.log(`      the app saw the close after ${ms} ms (code ${closed.code})`);
    });
  }

  it('with Asterisk gone, the app\'s REST gets a 502 that names where Asterisk was, and its socket a 502 refusal', async () => {
    const env = await sandboxEnv();
    const fault = await FaultProxy.start(env.url);
    const target = fault.url;
    await fault.close();
    const trace = new TraceLog();
    const { url } = await startProxy(target, trace);
    const answer = await fetch(`${url}/ari/asterisk/ping`, { headers: { Authorization: basic(env) } });
    assert.equal(answer.status, 502);
    const { message } = (await answer.json()) as { message: string };
    assert.ok(message.includes(`could not reach Asterisk at ${target} (ECONNREFUSED)`), message);
    await assert.rejects(WsRestApp.start(url, [uniqueApp('gone')], env), /502/);
    await until(() => trace.sockets().some((s) => s.state === 'refused'), 'the refusal traced');
  });

  it('the app killed (SIGKILL) with its socket open: Asterisk lets its app go within 1 s', async () => {
    const env = await sandboxEnv();
    const trace = new TraceLog();
    const { url } = await startProxy(env.url, trace);
    const app = uniqueApp('killed');
    const child = fork(path.join(__dirname, 'support/killableApp.js'), [], { env: { ...process.env, KILLABLE_APP: JSON.stringify({ url, app, authorization: basic(env) }) }, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    cleanups.push(async () => child.kill('SIGKILL'));
    const said = await new Promise<unknown>((resolve) => child.once('message', resolve));
    assert.equal(said, 'open');
    const listed = () => fetch(`${env.url}/ari/applications/${app}`, { headers: { Authorization: basic(env) } }).then((r) => r.status);
    assert.equal(await listed(), 200, 'Asterisk has the app');

    const killedAt = Date.now();
    child.kill('SIGKILL');
    // Asterisk drops an app with no channels as soon as its socket closes (docs/ari-behaviour.md#socket-close).
    await until(async () => (await listed()) === 404, 'Asterisk no longer has the app', 5_000);
    const ms = Date.now() - killedAt;
    assert.ok(ms < 1_000, `Asterisk still had the app ${ms} ms after the kill`);
    await until(() => trace.sockets().some((s) => s.state === 'closed'), 'the close traced');
    assert.match(trace.sockets().find((s) => s.state === 'closed')!.reason ?? '', /^the app closed the connection/);
    console.log(`      Asterisk let the app go ${ms} ms after the kill`);
  });

  it('a reader that falls behind never slows the app: the tap drops and counts, and every frame still reaches the app in order', async () => {
    const fake = await FakeAsterisk.start();
    cleanups.push(() => fake.close());
    const trace = new TraceLog();
    // A small tap, so that a reader that reads nothing (a full terminal pauses it) overflows it soon.
    const proxy = new ProxyThread({ target: fake.url, port: 0, reader: trace.reader, tap: { maxRecords: 500 } });
    cleanups.push(() => proxy.close());
    const url = await proxy.listen();
    const app = await WsRestApp.start(url, ['slow'], { username: 'u', password: 'p' });
    cleanups.push(() => app.close());
    await until(() => fake.sockets.has('slow'), 'the fake has the socket');
    await until(() => trace.socketOf('slow') !== undefined, 'the socket traced');
    proxy.pause();
    const total = 20_000;
    for (let n = 0; n < total; n++) fake.send('slow', { type: 'ChannelUserevent', application: 'slow', timestamp: '2026-12-01T10:00:00.000+0000', eventname: String(n), userevent: {} } as never);
    await until(() => app.frames.length === total, () => `the app has ${app.frames.length} of ${total} frames`, 30_000);
    assert.deepEqual(app.frames.map((f) => (JSON.parse(f.toString('utf8')) as { eventname: string }).eventname), Array.from({ length: total }, (_, n) => String(n)), 'every frame, in order');
    proxy.resume();
    const dropped = () => trace.gaps().reduce((sum, g) => sum + (g.kind === 'gap' ? g.dropped : 0), 0);
    const socketId = trace.socketOf('slow')!;
    await until(() => trace.frames(socketId).length + dropped() === total, () => `traced ${trace.frames(socketId).length} + dropped ${dropped()} of ${total}`, 10_000);
    assert.ok(dropped() > 0, 'the tap dropped what its reader could not take');
    const traced = trace.frames(socketId).map((f) => Number((JSON.parse(f.toString('utf8')) as { eventname: string }).eventname));
    assert.ok(traced.every((n, i) => i === 0 || n > traced[i - 1]), 'what was traced is in order');
    assert.equal(await hasClosed(app), false);
  });

  it("the thread that started the proxy busy for 1.5 s (a busy extension host): the app's REST and events go on meanwhile; the trace catches up after", async () => {
    const env = await sandboxEnv();
    const trace = new TraceLog();
    const { url } = await startProxy(env.url, trace);
    const app = uniqueApp('busy');
    const calls = 5;
    const child = fork(path.join(__dirname, 'support/busyHostApp.js'), [], { env: { ...process.env, BUSY_HOST_APP: JSON.stringify({ url, app, authorization: basic(env), calls }) }, stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
    cleanups.push(async () => {
      child.kill('SIGKILL');
      for (let n = 0; n < calls; n++) await fetch(`${env.url}/ari/channels/${app}-${n}`, { method: 'DELETE', headers: { Authorization: basic(env) } });
    });
    const said = await new Promise<{ type: string }>((resolve) => child.once('message', resolve));
    assert.equal(said.type, 'open');
    child.send({ type: 'go' });
    const blockedFrom = Date.now();
    while (Date.now() - blockedFrom < 1_500); // this thread does nothing else meanwhile, as a busy extension host
    const blockedUntil = Date.now();
    child.send({ type: 'report' });
    const report = await new Promise<{ received: number[]; answered: number[] }>((resolve) => child.on('message', (m: { type: string }) => m.type === 'report' && resolve(m as never)));
    const during = (times: number[]) => times.filter((t) => t >= blockedFrom && t <= blockedUntil).length;
    assert.equal(during(report.answered), calls, `every originate answered while this thread was busy: ${JSON.stringify(report.answered)}`);
    assert.ok(during(report.received) >= calls, `the calls' events reached the app while this thread was busy: ${during(report.received)} of ${report.received.length}`);
    const socketId = await until(() => trace.socketOf(app), 'the socket traced');
    await until(() => trace.frames(socketId).length + trace.gaps().reduce((sum, g) => sum + (g.kind === 'gap' ? g.dropped : 0), 0) >= report.received.length, 'the trace caught up', 10_000);
    console.log(`      while this thread was busy: ${during(report.answered)} originates answered, ${during(report.received)} events received by the app`);
  });

  it('a 10 MB event passes intact, and the tap reads it whole; the socket goes on after it', async () => {
    const fake = await FakeAsterisk.start();
    cleanups.push(() => fake.close());
    const trace = new TraceLog();
    const { proxy, url } = await startProxy(fake.url, trace);
    const app = await WsRestApp.start(url, ['big'], { username: 'u', password: 'p' });
    cleanups.push(() => app.close());
    await until(() => fake.sockets.has('big'), 'the fake has the socket');
    // Random text, so that a lost, doubled or shifted chunk anywhere changes the bytes.
    const blob = randomBytes(7_900_000).toString('base64');
    const big = Buffer.from(JSON.stringify({ type: 'ChannelUserevent', application: 'big', timestamp: '2026-12-01T10:00:00.000+0000', eventname: 'big', userevent: { blob } }));
    assert.ok(big.length > 10 * 1024 * 1024, `${big.length} bytes`);
    const small = Buffer.from(JSON.stringify({ type: 'ChannelUserevent', application: 'big', timestamp: '2026-12-01T10:00:00.001+0000', eventname: 'after', userevent: {} }));
    fake.sendText('big', big);
    fake.sendText('big', small);
    await until(() => app.frames.length === 2, () => `the app has ${app.frames.length} of 2 frames`, 30_000);
    assert.ok(app.frames[0].equals(big), 'the app got the 10 MB frame byte for byte');
    assert.ok(app.frames[1].equals(small));
    const socketId = trace.socketOf('big')!;
    await until(() => trace.frames(socketId).length === 2, 'the tap delivered both', 10_000);
    const [tapped] = trace.frames(socketId);
    assert.equal(tapped.length, big.length);
    assert.ok(tapped.equals(big), 'the tap\'s record holds the same bytes');
    assert.equal(proxy.gaps, 0);
    assert.equal(await hasClosed(app), false);
  });

  it('200 calls at 50/s through the proxy: no disconnect, every frame passed and traced in order, the same events as an equal app connected directly', async function () {
    this.timeout(90_000);
    const env = await sandboxEnv();
    const trace = new TraceLog();
    const { proxy, url } = await startProxy(env.url, trace);
    const CALLS = 200;
    const tracedApp = uniqueApp('load-traced');
    const directApp = uniqueApp('load-direct');
    // Two equal apps with equal calls: one through the proxy (its originates too), one straight to Asterisk.
    const patterns: CallPattern[] = [
      { app: tracedApp, baseUrl: url, prefix: `tpl-t-${process.pid}-` },
      { app: directApp, baseUrl: env.url, prefix: `tpl-d-${process.pid}-` },
    ];
    const traced = await WsRestApp.start(url, [tracedApp], env);
    const direct = await WsRestApp.start(env.url, [directApp], env);
    cleanups.push(() => traced.close(), () => direct.close(), () => hangUpAll(env, patterns, CALLS));
    const count = (app: WsRestApp, type: string) => app.events.filter((e) => e.type === type).length;

    const started = Date.now();
    const originated = await originateAll(env, patterns, CALLS, 50);
    assert.deepEqual(originated.map((s) => s.filter((x) => x !== 200)), [[], []], 'every originate answered 200');
    await until(() => count(traced, 'StasisStart') === CALLS && count(direct, 'StasisStart') === CALLS, () => `StasisStart: traced ${count(traced, 'StasisStart')}, direct ${count(direct, 'StasisStart')} of ${CALLS}`, 30_000);
    const enteredMs = Date.now() - started;
    // Hung up only once every call's second leg waits in the dialplan (Answer() takes 500 ms), so
    // that equal calls have lived through equal steps in both apps when they end.
    const waiting = (app: WsRestApp) => app.events.filter((e) => e.type === 'ChannelDialplan' && e.dialplan_app === 'Wait').length;
    await until(() => waiting(traced) === CALLS && waiting(direct) === CALLS, () => `legs waiting: traced ${waiting(traced)}, direct ${waiting(direct)} of ${CALLS}`, 10_000);
    const hungUp = await hangUpAll(env, patterns, CALLS);
    assert.deepEqual(hungUp.map((s) => s.filter((x) => x !== 204)), [[], []], 'every hangup answered 204');
    // Each call ends with both legs' ChannelDestroyed (the originate subscribed both to the app).
    await until(() => count(traced, 'ChannelDestroyed') === 2 * CALLS && count(direct, 'ChannelDestroyed') === 2 * CALLS, () => `ChannelDestroyed: traced ${count(traced, 'ChannelDestroyed')}, direct ${count(direct, 'ChannelDestroyed')} of ${2 * CALLS}`, 30_000);
    const socketId = trace.socketOf(tracedApp)!;
    await until(() => trace.frames(socketId).length >= traced.frames.length, 'the tap delivered every frame', 10_000).catch(() => undefined);

    assert.equal(await hasClosed(traced), false, 'the traced app\'s socket stayed open');
    assert.equal(await hasClosed(direct), false, 'the direct app\'s socket stayed open');
    assert.deepEqual(trace.sockets(socketId).map((s) => s.state), ['opened']);
    assert.equal(firstDifference(traced.frames, trace.frames(socketId)), 'none', 'the tap\'s events are the app\'s frames, byte for byte, in order');
    assert.deepEqual(trace.gaps(), []);
    assert.equal(proxy.gaps, 0);
    // Per app and leg, the sequence is Asterisk's own (eventShapes.ts): equal calls, equal sequences.
    const roleOf = (pattern: CallPattern) => (name: string) => (name === pattern.app ? '{app}' : name.replace(pattern.prefix, '{call}'));
    const [ours, theirs] = [shapesByLeg(traced.events, roleOf(patterns[0])), shapesByLeg(direct.events, roleOf(patterns[1]))];
    const differing = Object.keys({ ...ours, ...theirs }).filter((k) => JSON.stringify(ours[k]) !== JSON.stringify(theirs[k]));
    assert.deepEqual(differing.slice(0, 5).map((k) => [k, ours[k], theirs[k]]), [], `${differing.length} legs differ`);
    assert.equal(traced.events.length, direct.events.length);
    const rest = trace.rest('http');
    assert.deepEqual([rest.filter((r) => r.method === 'POST').length, rest.filter((r) => r.method === 'DELETE').length], [CALLS, CALLS], 'every originate and hangup traced');
    console.log(`      ${CALLS} calls each: all in after ${enteredMs} ms; ${traced.frames.length} frames through the proxy, ${direct.events.length} direct; ${trace.batches.length} tap batches`);
  });
});
