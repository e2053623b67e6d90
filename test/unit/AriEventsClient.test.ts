// The events client against a local WebSocket server, for what a real Asterisk cannot be made to
// do on demand (a link that stops answering pings, frames that are not JSON). The real socket is
// exercised in test/integration.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { AriEventsClient, type EventsLinkStatus, type FrameProblem } from '../../src/ari/AriEventsClient';
import type { AriEvent } from '../../src/ari/generated/ariTypes';
import * as f from '../support/ariFixtures';

interface Harness {
  server: WebSocketServer;
  url: string;
  sockets: WebSocket[];
  requests: { url: string; authorization?: string }[];
}

async function harness(options: { autoPong?: boolean; reject?: number } = {}): Promise<Harness> {
  const server = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    autoPong: options.autoPong ?? true,
    verifyClient: options.reject ? (_info, done) => done(false, options.reject) : undefined,
  });
  await new Promise((r) => server.once('listening', r));
  const h: Harness = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets: [], requests: [] };
  server.on('connection', (socket, req) => {
    h.sockets.push(socket);
    h.requests.push({ url: req.url!, authorization: req.headers.authorization });
  });
  return h;
}

function client(h: Harness, extra: Partial<ConstructorParameters<typeof AriEventsClient>[1]> = {}) {
  const c = new AriEventsClient({ name: 'pbx1', baseUrl: h.url, username: 'asterisk', password: 'pw' }, { apps: ['a', 'b'], backoff: { initialMs: 20, maxMs: 50, jitter: 0 }, ...extra });
  const statuses: EventsLinkStatus[] = [];
  const events: AriEvent[] = [];
  const problems: FrameProblem[] = [];
  c.onStatus((s) => statuses.push(s));
  c.onEvent((e) => events.push(e));
  c.onFrameProblem((p) => problems.push(p));
  return { c, statuses, events, problems };
}

async function until(condition: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function close(h: Harness, c: AriEventsClient): Promise<void> {
  c.stop();
  for (const s of h.sockets) s.terminate();
  await new Promise((r) => h.server.close(r));
}

describe('AriEventsClient', () => {
  it('connects with the app list and the auth header, then dispatches typed events', async () => {
    const h = await harness();
    const { c, statuses, events } = client(h);
    c.start();
    await until(() => c.isOpen);
    assert.equal(h.requests[0].url, '/ari/events?app=a,b');
    assert.equal(h.requests[0].authorization, `Basic ${Buffer.from('asterisk:pw').toString('base64')}`);
    h.sockets[0].send(JSON.stringify(f.stasisStart('a', f.channel('c1'), ['x'])));
    await until(() => events.length === 1);
    const event = events[0];
    assert.equal(event.type === 'StasisStart' && event.args[0], 'x');
    assert.deepEqual(statuses.map((s) => s.state), ['connecting', 'open']);
    await close(h, c);
  });

  it('reports frames that are not JSON, have no type, or an unknown type, and keeps reading', async () => {
    const h = await harness();
    const { c, events, problems } = client(h);
    c.start();
    await until(() => c.isOpen);
    for (const frame of ['not json{', '{"no":"type"}', '[1,2]', '{"type":"FutureEvent","application":"a"}']) h.sockets[0].send(frame);
    h.sockets[0].send(JSON.stringify(f.stateChange('a', f.channel('c1'))));
    await until(() => events.length === 1);
    assert.deepEqual(problems.map((p) => p.problem), ['notJson', 'notAnEvent', 'notAnEvent', 'unknownType']);
    assert.equal(c.isOpen, true);
    await close(h, c);
  });

  it('stops claiming an app on ApplicationReplaced and reconnects without it', async () => {
    const h = await harness();
    const { c } = client(h);
    const replaced: string[] = [];
    c.onAppReplaced((app) => replaced.push(app));
    c.start();
    await until(() => c.isOpen);
    h.sockets[0].send(JSON.stringify(f.replaced('a')));
    await until(() => replaced.length === 1);
    assert.deepEqual(c.applications, ['b']);
    h.sockets[0].terminate();
    await until(() => h.requests.length === 2);
    assert.equal(h.requests[1].url, '/ari/events?app=b');
    await close(h, c);
  });

  it('treats a missing pong as a dead link and reconnects', async () => {
    const h = await harness({ autoPong: false });
    const { c, statuses } = client(h, { pingIntervalMs: 30, pongTimeoutMs: 50 });
    c.start();
    await until(() => statuses.some((s) => s.state === 'closed'));
    const closed = statuses.find((s) => s.state === 'closed');
    assert.match(closed?.state === 'closed' ? closed.reason : '', /no pong within 0\.05 s/);
    await until(() => h.requests.length >= 2);
    await close(h, c);
  });

  it('starts its backoff over once a connection has stayed up long enough', async () => {
    const h = await harness();
    const { c, statuses } = client(h, { stableAfterMs: 150 });
    c.start();
    for (let i = 1; i <= 2; i++) {
      await until(() => h.sockets.length === i && c.isOpen);
      h.sockets[i - 1].terminate();
    }
    await until(() => h.sockets.length === 3 && c.isOpen);
    await new Promise((r) => setTimeout(r, 250));
    h.sockets[2].terminate();
    await until(() => h.sockets.length === 4 && c.isOpen);
    const delays = statuses.flatMap((s) => (s.state === 'retrying' ? [s.inMs] : []));
    assert.deepEqual(delays, [20, 40, 20]);
    await close(h, c);
  });

  it('reconnects with growing delays up to the cap after the server drops it', async () => {
    const h = await harness();
    const { c, statuses } = client(h, { stableAfterMs: 100_000 });
    c.start();
    for (let i = 1; i <= 3; i++) {
      await until(() => h.sockets.length === i && c.isOpen);
      h.sockets[i - 1].terminate();
    }
    await until(() => h.sockets.length === 4 && c.isOpen);
    const delays = statuses.flatMap((s) => (s.state === 'retrying' ? [s.inMs] : []));
    assert.deepEqual(delays, [20, 40, 50]);
    await close(h, c);
  });

  it('gives up at once on 401, saying to check the credentials', async () => {
    const h = await harness({ reject: 401 });
    const { c, statuses } = client(h);
    c.start();
    await until(() => statuses.some((s) => s.state === 'gaveUp'));
    const gaveUp = statuses.find((s) => s.state === 'gaveUp');
    assert.match(gaveUp?.state === 'gaveUp' ? gaveUp.reason : '', /username or password/);
    await close(h, c);
  });

  it('after it has been connected, retries a 404 or 500 handshake (Asterisk restarting) instead of giving up', async () => {
    let refuse: number | undefined;
    const server = new WebSocketServer({ port: 0, host: '127.0.0.1', verifyClient: (_info, done) => (refuse ? done(false, refuse) : done(true)) });
    await new Promise((r) => server.once('listening', r));
    const h: Harness = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, sockets: [], requests: [] };
    server.on('connection', (socket, req) => {
      h.sockets.push(socket);
      h.requests.push({ url: req.url! });
    });
    const { c, statuses } = client(h);
    c.start();
    await until(() => c.isOpen);
    refuse = 404;
    h.sockets[0].terminate();
    await until(() => statuses.filter((s) => s.state === 'retrying').length >= 2);
    refuse = 500;
    await until(() => statuses.filter((s) => s.state === 'retrying').length >= 3);
    refuse = undefined;
    await until(() => h.sockets.length === 2 && c.isOpen);
    assert.ok(!statuses.some((s) => s.state === 'gaveUp'));
    await close(h, c);
  });

  it('keeps retrying while Asterisk answers 503', async () => {
    const h = await harness({ reject: 503 });
    const { c, statuses } = client(h);
    c.start();
    await until(() => statuses.filter((s) => s.state === 'retrying').length >= 2);
    const closed = statuses.find((s) => s.state === 'closed');
    assert.match(closed?.state === 'closed' ? closed.reason : '', /still starting/);
    await close(h, c);
  });
});
