// ServerSession against a small fake Asterisk (HTTP + events WebSocket on one port), for the races
// a real Asterisk cannot be made to produce on demand: an event while the resync is in flight, a
// disconnect in the middle of one, a socket that never opens. The real thing is in test/integration.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Application, Channel } from '../../src/ari/generated/ariTypes';
import { ServerSession } from '../../src/model/ServerSession';
import * as f from '../support/ariFixtures';

interface FakeAsterisk {
  url: string;
  sockets: WebSocket[];
  applications: Application[];
  channels: Channel[];
  /** Holds GET /applications until released. */
  holdApplications: Promise<void> | undefined;
  refuseEvents: number | undefined;
  close(): Promise<void>;
}

async function fakeAsterisk(): Promise<FakeAsterisk> {
  const fake = { sockets: [] as WebSocket[], applications: [] as Application[], channels: [] as Channel[], holdApplications: undefined as Promise<void> | undefined, refuseEvents: undefined as number | undefined } as FakeAsterisk;
  const server = http.createServer(async (req, res) => {
    const send = (body: unknown) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/ari/asterisk/info') return send({ system: { version: '22.10.1', entity_id: 'fake' } });
    if (req.url === '/ari/applications') {
      const snapshot = structuredClone(fake.applications);
      await fake.holdApplications;
      return send(snapshot);
    }
    if (req.url === '/ari/channels') return send(fake.channels);
    res.writeHead(404);
    res.end();
  });
  const wss = new WebSocketServer({ server, verifyClient: (_info, done) => (fake.refuseEvents ? done(false, fake.refuseEvents) : done(true)) });
  wss.on('connection', (socket) => fake.sockets.push(socket));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.close = async () => {
    for (const s of fake.sockets) s.terminate();
    wss.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  };
  return fake;
}

function session(fake: FakeAsterisk, apps = ['app'], extra: Partial<ConstructorParameters<typeof ServerSession>[0]> = {}): ServerSession {
  return new ServerSession({ config: { name: 'fake', baseUrl: fake.url, username: 'u', password: 'p' }, apps, events: { backoff: { initialMs: 20, maxMs: 40, jitter: 0 } }, ...extra });
}

async function until(condition: () => boolean, ms = 3_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('ServerSession (fake Asterisk)', () => {
  let fake: FakeAsterisk;
  beforeEach(async () => (fake = await fakeAsterisk()));
  afterEach(() => fake.close());

  it('applies an event that arrived during the resync on top of the snapshot, not before it', async () => {
    let release!: () => void;
    fake.holdApplications = new Promise((r) => (release = r));
    fake.applications = [f.application('app', [])];
    const s = session(fake);
    const connected = s.connect();
    await until(() => fake.sockets.length === 1);
    await new Promise((r) => setTimeout(r, 20));
    fake.sockets[0].send(JSON.stringify(f.stasisStart('app', f.channel('late'), ['x'])));
    await new Promise((r) => setTimeout(r, 20));
    assert.equal(s.state.channel('late'), undefined, 'held back until the snapshot is in');
    fake.channels = [f.channel('late')];
    release();
    await connected;
    assert.equal(s.state.channel('late')?.stasisApp, 'app');
    assert.deepEqual(s.state.channel('late')?.args, ['x']);
    await s.dispose();
  });

  it('a disconnect during a resync leaves nothing behind when the resync answers', async () => {
    fake.applications = [f.application('app', ['c1'])];
    fake.channels = [f.channel('c1')];
    const s = session(fake);
    await s.connect();
    let release!: () => void;
    fake.holdApplications = new Promise((r) => (release = r));
    const resync = s.resync();
    await new Promise((r) => setTimeout(r, 20));
    await s.disconnect();
    release();
    await resync;
    assert.equal(s.state.applications.length, 0);
    assert.equal(s.status.state, 'disconnected');
    await s.dispose();
  });

  it('connect() gives up after its deadline while the socket keeps getting 503, and can be retried', async () => {
    fake.refuseEvents = 503;
    const s = session(fake, ['app'], { connectTimeoutMs: 300 });
    await assert.rejects(s.connect(), /did not open within 0\.3 s \(last: Asterisk is still starting/);
    assert.equal(s.status.state, 'failed');
    fake.refuseEvents = undefined;
    await s.connect();
    assert.equal(s.status.state, 'connected');
    await s.dispose();
  });

  it('a fatal handshake (401) rejects connect() and leaves the session failed, not connected', async () => {
    fake.refuseEvents = 401;
    const s = session(fake);
    await assert.rejects(s.connect(), /username or password/);
    assert.equal(s.status.state, 'failed');
    assert.deepEqual(s.ownedApps, []);
    await s.dispose();
  });

  it('a malformed event is reported as a problem and the stream goes on', async () => {
    fake.applications = [f.application('app', [])];
    const s = session(fake);
    const problems: string[] = [];
    s.onProblem((p) => problems.push(p.message));
    await s.connect();
    fake.sockets[0].send(JSON.stringify({ type: 'StasisStart', application: 'app', timestamp: 'x', args: [] }));
    fake.sockets[0].send(JSON.stringify(f.stasisStart('app', f.channel('ok'))));
    await until(() => s.state.channel('ok') !== undefined);
    assert.match(problems.join(' '), /Could not process a StasisStart event/);
    await s.dispose();
  });

  it('refuses an invalid app name before connecting', () => {
    assert.throws(() => session(fake, ['a'.repeat(80)]), /at most 73/);
  });
});
