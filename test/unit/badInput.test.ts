// Bad input, case by case: each case goes through the code a user's input takes —
// the validators the Add/Edit Server, Register Application and Move prompts run, the REST client
// and the events socket against a fake Asterisk — and checks the message (what was wrong, what
// to do) and that the model is left as it was.
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { splitAppArgs, splitOriginateArgs } from '../../src/ari/appArgs';
import { appListProblem, appNameProblem, splitAppNames } from '../../src/ari/appName';
import { baseUrlProblem } from '../../src/ari/AriBaseUrl';
import { AriConfigError } from '../../src/ari/AriConfigError';
import { AriError } from '../../src/ari/AriError';
import { MAX_REQUEST_LINE_BYTES } from '../../src/ari/AriRestClient';
import { usernameProblem } from '../../src/ari/basicAuth';
import type { Channel } from '../../src/ari/generated/ariTypes';
import { describeEvent } from '../../src/model/describeEvent';
import { ServerSession, type SessionProblem } from '../../src/model/session/ServerSession';
import * as f from '../support/ariFixtures';
import { FakeAsterisk, json } from '../support/FakeAsterisk';
import { until } from '../support/until';

interface Harness {
  fake: FakeAsterisk;
  session: ServerSession;
  problems: SessionProblem[];
}

const open: Harness[] = [];

async function connected(options: { apps?: string[]; channels?: Channel[]; host?: string; prefix?: string; url?: (fake: FakeAsterisk) => string; username?: string; password?: string } = {}): Promise<Harness> {
  const h = await harness(options);
  await h.session.connect();
  return h;
}

async function harness(options: { apps?: string[]; channels?: Channel[]; host?: string; prefix?: string; url?: (fake: FakeAsterisk) => string; username?: string; password?: string } = {}): Promise<Harness> {
  const fake = await FakeAsterisk.start({ host: options.host, prefix: options.prefix });
  const apps = options.apps ?? ['app'];
  fake.channels = options.channels ?? [];
  fake.applications = apps.map((app, i) => f.application(app, i === 0 ? fake.channels.map((c) => c.id) : []));
  const session = new ServerSession({
    config: { name: 'pbx1', baseUrl: options.url?.(fake) ?? fake.url, username: options.username ?? 'asterisk', password: options.password ?? 's3cret' },
    apps,
    events: { backoff: { initialMs: 20, maxMs: 40, jitter: 0 } },
    resyncRetryMs: 60_000,
  });
  const problems: SessionProblem[] = [];
  session.onProblem((p) => problems.push(p));
  const h = { fake, session, problems };
  open.push(h);
  return h;
}

/** What the tree and the inspector are built from: apps, their channels, and the event log. */
function picture(session: ServerSession): string {
  return JSON.stringify({
    apps: session.model.applications.all.map((a) => ({ name: a.name, owned: session.ownership.isOwned(a.name), channels: session.model.channels.of(a.name).map((c) => c.id) })),
    channels: [...session.model.channels.all].map((c) => [c.id, c.stasisApp, c.args, [...c.variables]]),
    logged: session.log.size,
  });
}

function configError(message: RegExp): (e: unknown) => boolean {
  return (e) => e instanceof AriConfigError && message.test(e.message);
}

const basicUser = (header: string | undefined) => Buffer.from((header ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');

describe('Bad input catalogue', () => {
  afterEach(async () => {
    for (const h of open.splice(0)) {
      await h.session.dispose();
      await h.fake.close();
    }
  });

  describe('server URLs', () => {
    it('server URL without a scheme (127.0.0.1:8088): refused by the prompt and by the session, says to write http://127.0.0.1:8088', () => {
      assert.match(baseUrlProblem('127.0.0.1:8088')!, /has no scheme\. Write it as http:\/\/127\.0\.0\.1:8088 \(or https:\/\//);
      assert.throws(() => new ServerSession({ config: { name: 'pbx1', baseUrl: '127.0.0.1:8088', username: 'u', password: 'p' }, apps: [] }), configError(/no scheme/));
    });

    it('ws:// or wss:// URL (the events URL pasted): refused, names the http(s):// address to enter instead, never repeats the api_key', () => {
      const ws = baseUrlProblem('ws://127.0.0.1:8088/ari/events?app=a&api_key=asterisk:s3cret')!;
      assert.match(ws, /WebSocket URL \(ws:\/\/\)\. Enter the HTTP address it belongs to instead: http:\/\/127\.0\.0\.1:8088\. The events socket is derived from it/);
      assert.ok(!ws.includes('s3cret'), ws);
      assert.match(baseUrlProblem('wss://pbx.example:8089/asterisk/ari/events')!, /instead: https:\/\/pbx\.example:8089\/asterisk\./);
    });

    it('server URL with a trailing slash: accepted; REST and the events socket go to /ari/… with no double or trailing slash (Asterisk 404s those)', async () => {
      const { fake, session } = await connected({ url: (fake) => `${fake.url}/` });
      assert.equal(session.status.state, 'connected');
      assert.deepEqual([...new Set(fake.requests.map((r) => r.url.split('?')[0]))].sort(), ['/ari/applications', '/ari/asterisk/info', '/ari/channels', '/ari/events']);
    });

    it('server URL with the http.conf prefix (http://host:port/asterisk): accepted; REST and the events socket both go under /asterisk/ari/', async () => {
      const { fake, session } = await connected({ prefix: '/asterisk' });
      assert.equal(session.status.state, 'connected');
      assert.ok(fake.requests.length >= 4);
      assert.ok(fake.requests.every((r) => r.url.startsWith('/asterisk/ari/')), JSON.stringify(fake.requests));
    });

    it('server URL without the http.conf prefix Asterisk needs: its HTML 404 page → connect refused, says to check the URL and its path prefix; nothing left connected', async () => {
      const h = await harness({ prefix: '/asterisk', url: (fake) => fake.url.replace(/\/asterisk$/, '') });
      await assert.rejects(h.session.connect(), (e: Error) => e instanceof AriError && /pbx1 has no ARI at this address \(HTTP 404\)\. Check the server URL and its path prefix/.test(e.message));
      assert.equal(h.session.status.state, 'failed');
      assert.equal(h.fake.sockets.size, 0);
      assert.deepEqual(h.session.model.applications.all, []);
    });

    it('server URL with an IPv6 literal (http://[::1]:port): accepted; REST and the events socket reach [::1]', async () => {
      const { fake, session } = await connected({ host: '::1', channels: [f.channel('c1')] });
      assert.match(fake.url, /^http:\/\/\[::1\]:\d+$/);
      assert.equal(session.status.state, 'connected');
      assert.equal(session.model.channels.get('c1')?.stasisApp, 'app');
      assert.ok(fake.sockets.has('app'));
    });

    it('IPv6 address without brackets (http://::1:8088): refused, says to put it in brackets', () => {
      assert.match(baseUrlProblem('http://::1:8088')!, /not a valid URL\..*An IPv6 address goes in brackets: http:\/\/\[::1\]:8088\./);
    });

    it('server URL with a space inside: refused, says to remove it; spaces around it are trimmed and the URL works', async () => {
      assert.match(baseUrlProblem('http://127.0.0.1: 8088')!, /contains spaces\. Remove them/);
      const { session } = await connected({ url: (fake) => `  ${fake.url}\t` });
      assert.equal(session.status.state, 'connected');
    });

    it('server URL with user:password@: refused, says they are asked for separately; no message repeats the password, even with a space in the URL', () => {
      const message = baseUrlProblem('http://asterisk:s3cret@127.0.0.1:8088')!;
      assert.match(message, /contains credentials\. Remove them from the URL: the username and password are asked for separately/);
      const spaced = baseUrlProblem('http://asterisk:s3cret@127.0.0.1: 8088')!;
      assert.match(spaced, /contains spaces/);
      const others = ['asterisk:s3cret@127.0.0.1: 8088', 'asterisk:s3cret@127.0.0.1:99999', 'http://asterisk:pa/s3cret@127.0.0.1: 8088', 'asterisk:s3cret@127.0.0.1:8088'].map((u) => baseUrlProblem(u)!);
      assert.ok(others.every(Boolean), 'each is refused');
      assert.ok(!others[1].includes('IPv6'), `no IPv6 hint for a port out of range: ${others[1]}`);
      for (const m of [message, spaced, ...others]) assert.ok(!m.includes('s3cret'), m);
    });

    it('server URL with ?api_key=user:pass: refused, gives the URL without it, says credentials are asked for separately, never repeats them', () => {
      const message = baseUrlProblem('http://127.0.0.1:8088/ari?api_key=asterisk:s3cret')!;
      assert.match(message, /has a query or fragment\. Enter only scheme, host, port and optional path prefix: http:\/\/127\.0\.0\.1:8088\. Leave out api_key/);
      assert.ok(!message.includes('s3cret'), message);
    });
  });

  describe('credentials', () => {
    it('user name with ":": refused by the prompt and by the session before anything is sent, says to use a user without ":"', async () => {
      assert.match(usernameProblem('ari:user')!, /contains ':', which HTTP Basic authentication cannot carry.*Use an ARI user whose name has no ':'/);
      const fake = await FakeAsterisk.start();
      try {
        assert.throws(() => new ServerSession({ config: { name: 'pbx1', baseUrl: fake.url, username: 'ari:user', password: 'p' }, apps: ['app'] }), configError(/contains ':'/));
        assert.equal(fake.requests.length, 0);
      } finally {
        await fake.close();
      }
    });

    it('empty user name: refused, says to enter the user of a type=user section of ari.conf', () => {
      assert.match(usernameProblem('  ')!, /username is empty\. Enter the user name of a \[user\] section with type=user in ari\.conf/);
    });

    it('password with ":": sent intact in the Basic header (Asterisk splits at the first ":") on REST and on the events socket', async () => {
      const { fake, session } = await connected({ password: 'pa:ss:word' });
      assert.equal(session.status.state, 'connected');
      for (const r of fake.requests) assert.equal(basicUser(r.authorization), 'asterisk:pa:ss:word', r.url);
    });

    it('non-ASCII user name and password (zoë / pässwörd): sent as UTF-8, the bytes Asterisk compares with ari.conf, on REST and on the events socket', async () => {
      const { fake, session } = await connected({ username: 'zoë', password: 'pässwörd' });
      assert.equal(session.status.state, 'connected');
      assert.ok(fake.requests.some((r) => r.url.startsWith('/ari/events')));
      for (const r of fake.requests) assert.equal(basicUser(r.authorization), 'zoë:pässwörd', r.url);
    });

    it('wrong password: Asterisk\'s 401 → connect refused, says to check the ARI user and the stored password, never repeats it', async () => {
      const h = await harness({ password: 'wr0ng-pw' });
      h.fake.routes.set('GET /ari/asterisk/info', json(401, { message: 'Authentication required' }));
      await assert.rejects(h.session.connect(), (e: Error) => e instanceof AriError && /pbx1 rejected the username or password \(Asterisk: "Authentication required"\)\. Check the ARI user in ari\.conf and the password stored for this server/.test(e.message) && !e.message.includes('wr0ng-pw'));
      assert.equal(h.session.status.state, 'failed');
      assert.equal(h.fake.sockets.size, 0);
    });
  });

  describe('application names', () => {
    it('empty application name: refused by Register Application, says to enter a name; no socket opened', async () => {
      const { fake, session } = await connected({ apps: [] });
      assert.match(appNameProblem('')!, /application name is empty\. Enter a name such as ari-example1/);
      await assert.rejects(session.registerApp(' '), configError(/empty/));
      assert.equal(fake.requestsTo('GET', '/ari/events').length, 0);
    });

    it('application name with a comma: refused (Asterisk would read two apps), says to remove it; nothing registered', async () => {
      const { fake, session } = await connected({ apps: [] });
      await assert.rejects(session.registerApp('billing,sales'), configError(/"billing,sales" contains a comma; Asterisk reads commas as separators between app names\. Remove it/));
      assert.equal(fake.requestsTo('GET', '/ari/events').length, 0);
      assert.deepEqual(session.ownership.owned, []);
    });

    it('application name longer than 73 bytes: refused, says to shorten it; exactly 73 is registered', async () => {
      const { fake, session } = await connected({ apps: [] });
      await assert.rejects(session.registerApp('a'.repeat(74)), configError(/74 bytes long; Asterisk accepts at most 73 .*Shorten it/));
      assert.equal(fake.requestsTo('GET', '/ari/events').length, 0);
      await session.registerApp('a'.repeat(73));
      assert.deepEqual(session.ownership.owned, ['a'.repeat(73)]);
    });

    it('application name with spaces: refused by the Add Server app list and by Register Application, says which characters to use', async () => {
      assert.match(appListProblem('ari-example1, my app')!, /"my app" contains white space.*Use letters, digits, '-' or '_'/);
      const { session } = await connected({ apps: [] });
      await assert.rejects(session.registerApp('my app'), configError(/white space/));
    });

    it('non-ASCII application name (zoë): registered, percent-encoded in the events URL; 37 × "é" (74 bytes) refused, counting bytes as Asterisk does', async () => {
      const { fake, session } = await connected({ apps: [] });
      await session.registerApp('zoë');
      assert.ok(fake.requestsTo('GET', '/ari/events').some((r) => r.url === '/ari/events?app=zo%C3%AB'));
      assert.ok(fake.sockets.has('zoë'));
      assert.equal(session.ownership.isOwned('zoë'), true);
      assert.ok(session.model.applications.get('zoë'));
      assert.match(appNameProblem('é'.repeat(37))!, /74 bytes long \(letters outside ASCII take 2 to 4 bytes each\); Asterisk accepts at most 73/);
    });

    it('app list with empty items ("a,, b ,"): the empty ones are dropped, the rest kept as typed', () => {
      assert.deepEqual(splitAppNames('a,, b ,'), ['a', 'b']);
      assert.equal(appListProblem('a,, b ,'), undefined);
    });
  });

  describe('move and originate arguments', () => {
    it('move argument with a comma: refused before anything is sent or tracked, says to give it as separate arguments', async () => {
      const { fake, session } = await connected({ channels: [f.channel('c1')] });
      assert.throws(() => session.move('c1', 'dest', ['a,b']), configError(/"a,b" contains a comma; Asterisk splits arguments on commas\. Give it as separate arguments/));
      assert.equal(fake.requestsTo('POST', '/ari/channels/c1/move').length, 0);
      assert.equal(session.moves.pendingCount, 0);
      assert.deepEqual(session.journeys.of('c1'), []);
    });

    it('move arguments typed with empty items ("a,,b,"): the prompt drops them, as Asterisk would, and the move sends appArgs=a,b', async () => {
      const { fake, session } = await connected({ channels: [f.channel('c1')] });
      session.move('c1', 'dest', splitAppArgs('a,,b,'));
      await until(() => fake.requestsTo('POST', '/ari/channels/c1/move').length === 1, 'the move request', 3_000);
      const sent = new URL(fake.requestsTo('POST', '/ari/channels/c1/move')[0].url, 'http://x').searchParams;
      assert.equal(sent.get('appArgs'), 'a,b');
    });

    it('empty move argument given directly (["a","","b"]): refused, says Asterisk would deliver 2 arguments, not 3; nothing sent or tracked', async () => {
      const { fake, session } = await connected({ channels: [f.channel('c1')] });
      assert.throws(() => session.move('c1', 'dest', ['a', '', 'b']), configError(/One app argument is empty; Asterisk drops empty arguments of a move, so the app would get 2 arguments, not 3\. Remove it or give it a value/));
      assert.equal(fake.requestsTo('POST', '/ari/channels/c1/move').length, 0);
      assert.equal(session.moves.pendingCount, 0);
    });

    it('move argument with quotes (say "hi"): sent verbatim, since a move splits only on commas; its StasisStart settles the move as moved with it', async () => {
      const { fake, session } = await connected({ apps: ['src', 'dest'], channels: [f.channel('c1')] });
      const { outcome } = session.move('c1', 'dest', ['say "hi"']);
      await until(() => fake.requestsTo('POST', '/ari/channels/c1/move').length === 1, 'the move request', 3_000);
      assert.equal(new URL(fake.requestsTo('POST', '/ari/channels/c1/move')[0].url, 'http://x').searchParams.get('appArgs'), 'say "hi"');
      fake.send('src', f.stasisEnd('src', f.channel('c1')));
      fake.send('dest', f.stasisStart('dest', f.channel('c1'), ['say "hi"']));
      assert.deepEqual((await outcome).outcome, { kind: 'moved', args: ['say "hi"'] });
      assert.deepEqual(session.model.channels.get('c1')?.args, ['say "hi"']);
    });

    it('originate argument with quotes, a backslash or an unclosed "(": refused (Stasis() would strip or merge them), names the character; a balanced "f(x)" is sent', async () => {
      const { fake, session } = await connected();
      fake.routes.set('POST /ari/channels', json(200, f.channel('o1')));
      const originate = (appArgs: string[]) => session.rest.originate({ endpoint: 'Local/100@default', app: 'app', appArgs });
      await assert.rejects(originate(['say "hi"']), configError(/"say \\"hi\\"" contains "; .*Stasis\(\), which removes quotes\. Remove it/));
      await assert.rejects(originate(['C:\\calls']), configError(/contains \\; .*removes backslashes/));
      await assert.rejects(originate(['f(x', 'y']), configError(/"f\(x" opens a "\(" it does not close; .*merge the arguments after it into this one/));
      assert.equal(fake.requestsTo('POST', '/ari/channels').length, 0);
      await originate(['f(x)', 'y']);
      assert.equal(new URL(fake.requestsTo('POST', '/ari/channels')[0].url, 'http://x').searchParams.get('appArgs'), 'f(x),y');
    });

    it('originate arguments typed with an empty item ("a,,b"): kept as three, as Stasis() will deliver them (a move would drop it)', async () => {
      assert.deepEqual(splitOriginateArgs('a,,b'), ['a', '', 'b']);
      assert.deepEqual(splitOriginateArgs(''), []);
      const { fake, session } = await connected();
      fake.routes.set('POST /ari/channels', json(200, f.channel('o1')));
      await session.rest.originate({ endpoint: 'Local/100@default', app: 'app', appArgs: splitOriginateArgs('a,,b') });
      assert.equal(new URL(fake.requestsTo('POST', '/ari/channels')[0].url, 'http://x').searchParams.get('appArgs'), 'a,,b');
    });

    it(`very long move argument: refused once the request line would pass the ${MAX_REQUEST_LINE_BYTES} bytes Asterisk accepts (it answers 400 beyond), says what to shorten; one byte less is sent intact`, async () => {
      const { fake, session } = await connected({ channels: [f.channel('c1')] });
      const longest = MAX_REQUEST_LINE_BYTES - Buffer.byteLength('POST /ari/channels/c1/move?app=dest&appArgs= HTTP/1.1\r\n');
      assert.throws(
        () => session.move('c1', 'dest', ['x'.repeat(longest + 1)]),
        configError(/move channel "c1" to "dest" was not sent: its request line would be 4096 bytes, and Asterisk refuses request lines longer than 4095 bytes \(HTTP 400\)\. Shorten "appArgs" \(\d+ bytes in the URL\)/),
      );
      assert.equal(session.moves.pendingCount, 0);
      assert.equal(fake.requestsTo('POST', '/ari/channels/c1/move').length, 0);
      session.move('c1', 'dest', ['x'.repeat(longest)]);
      await until(() => fake.requestsTo('POST', '/ari/channels/c1/move').length === 1, 'the move request', 3_000);
      assert.equal(new URL(fake.requestsTo('POST', '/ari/channels/c1/move')[0].url, 'http://x').searchParams.get('appArgs')?.length, longest);
    });
  });

  describe('frames on the events socket', () => {
    it('frame that is not JSON: ignored and logged as not JSON with its start; nothing changes; the next event applies', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      const before = picture(session);
      fake.send('app', '{"type":"StasisStart", oops');
      fake.send('app', f.varset('app', f.channel('c1'), 'AFTER', '1'));
      await until(() => session.model.channels.get('c1')?.variables.get('AFTER') === '1', 'the next event', 3_000);
      assert.match(problems[0].message, /^Ignored a frame from pbx1 that is not JSON \(.*\); nothing was changed\..*check that the server URL reaches Asterisk/);
      assert.equal(problems[0].detail, '{"type":"StasisStart", oops');
      assert.equal(problems.length, 1);
      assert.equal(session.log.size, JSON.parse(before).logged + 1, 'only the good event is in the log');
    });

    it('JSON frame without a "type": ignored and logged as not an ARI event; the model is unchanged; the next event applies', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      const before = picture(session);
      fake.send('app', JSON.stringify({ application: 'app', channel: f.channel('c1', { state: 'Up' }) }));
      await until(() => problems.length === 1, 'the problem', 3_000);
      assert.match(problems[0].message, /not an ARI event \(a frame without a string "type"\); nothing was changed/);
      assert.equal(picture(session), before);
      fake.send('app', f.stateChange('app', f.channel('c1', { state: 'Up' })));
      await until(() => session.model.channels.get('c1')?.snapshot.state === 'Up', 'the next event', 3_000);
    });

    it('unknown event type: ignored and logged naming the type, once per type (a newer Asterisk may send it on every call); the model is unchanged', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      const before = picture(session);
      for (let i = 0; i < 3; i++) fake.send('app', JSON.stringify({ type: 'ChannelTeleported', application: 'app', timestamp: f.stamp(), channel: f.channel('c1', { state: 'Up' }) }));
      fake.send('app', JSON.stringify({ type: 'ChannelBeamed', application: 'app', timestamp: f.stamp(), channel: f.channel('c1', { state: 'Up' }) }));
      fake.send('app', f.varset('app', f.channel('c1'), 'AFTER', '1'));
      await until(() => session.model.channels.get('c1')?.variables.get('AFTER') === '1', 'the next event', 3_000);
      assert.deepEqual(problems.map((p) => /unknown event type "(\w+)"/.exec(p.message)?.[1]), ['ChannelTeleported', 'ChannelBeamed']);
      assert.match(problems[0].message, /^Ignored a frame from pbx1: unknown event type "ChannelTeleported" \(Stasis Explorer knows the events of ARI \d+\.\d+\.\d+; a newer Asterisk may send more\); nothing was changed, and further ones of this type are ignored without a message\.$/);
      assert.notEqual(session.model.channels.get('c1')?.snapshot.state, 'Up', 'the unknown events changed the channel');
      assert.equal(session.log.size, JSON.parse(before).logged + 1, 'only the known event was logged');
    });

    it('known event type with a body Asterisk never sends (StasisStart without "args"): refused whole and logged; the channel is not half added; the model is read again from REST', async () => {
      const { fake, session, problems } = await connected();
      const before = picture(session);
      let resyncs = 0;
      session.onResync(() => resyncs++);
      const withoutArgs: Record<string, unknown> = { ...f.stasisStart('app', f.channel('half')) };
      delete withoutArgs.args;
      fake.send('app', JSON.stringify(withoutArgs));
      fake.send('app', f.stasisStart('app', f.channel('whole'), ['ok']));
      await until(() => session.model.channels.get('whole') !== undefined, 'the next event', 3_000);
      assert.match(problems[0].message, /^Could not process a StasisStart event from pbx1: its "args" is not a list of strings\. It was ignored, and the model is read again from REST\.$/);
      await until(() => resyncs === 1, 'the resync', 3_000);
      assert.match(problems[0].detail!, /"type":"StasisStart"/);
      assert.equal(session.model.channels.get('half'), undefined);
      assert.deepEqual(session.journeys.of('half'), []);
      assert.equal(session.log.size, JSON.parse(before).logged + 1);
    });

    it('10 MB event (a ChannelVarset holding 10 MB): applied without dropping the link or stalling the host for a second; its log line is clipped', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      const value = 'x'.repeat(10 * 1024 * 1024);
      const frame = JSON.stringify(f.varset('app', f.channel('c1'), 'BIG', value));
      const stalls = monitorEventLoopDelay({ resolution: 10 });
      stalls.enable();
      fake.send('app', frame);
      await until(() => session.model.channels.get('c1')?.variables.get('BIG')?.length === value.length, 'the 10 MB event', 4_000);
      stalls.disable();
      assert.ok(stalls.max / 1e6 < 1_000, `the event loop stalled ${Math.round(stalls.max / 1e6)} ms`);
      fake.send('app', f.varset('app', f.channel('c1'), 'AFTER', '1'));
      await until(() => session.model.channels.get('c1')?.variables.get('AFTER') === '1', 'the next event', 3_000);
      assert.equal(session.status.state, 'connected');
      assert.deepEqual(problems, []);
      const line = describeEvent(session.log.all().find((e) => e.event.type === 'ChannelVarset')!.event);
      assert.ok(line.length < 1_000, `a ${line.length}-character log line`);
      assert.match(line, /"BIG"="x{100,}… \(10485762 characters\)$/);
    });

    it('10 MB frame that is not JSON: ignored, logged with only its first 200 characters; the link stays up and the model unchanged', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      const before = picture(session);
      fake.send('app', `{"type":"ChannelVarset","value":"${'x'.repeat(10 * 1024 * 1024)}`);
      await until(() => problems.length === 1, 'the problem', 4_000);
      assert.match(problems[0].message, /not JSON/);
      assert.equal(problems[0].detail!.length, 200);
      assert.ok(problems[0].message.length < 1_000, `a ${problems[0].message.length}-character message`);
      assert.equal(picture(session), before);
      assert.equal(session.status.state, 'connected');
    });

    it('Asterisk\'s own {"error","message"} frame: ignored, and the log passes on what Asterisk said', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      const before = picture(session);
      fake.send('app', JSON.stringify({ error: 'InvalidMessage', message: 'Message was not valid JSON' }));
      await until(() => problems.length === 1, 'the problem', 3_000);
      assert.match(problems[0].message, /not an ARI event \(Asterisk said InvalidMessage: Message was not valid JSON\)/);
      assert.equal(picture(session), before);
    });

    it('frame above the 16 MB cap: not parsed, logged with its size; the link stays up and the next event applies', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      const huge = JSON.stringify(f.varset('app', f.channel('c1'), 'HUGE', 'x'.repeat(17 * 1024 * 1024)));
      fake.send('app', huge);
      fake.send('app', f.varset('app', f.channel('c1'), 'AFTER', '1'));
      await until(() => session.model.channels.get('c1')?.variables.get('AFTER') === '1', 'the next event', 3_000);
      assert.equal(session.model.channels.get('c1')?.variables.has('HUGE'), false);
      assert.match(problems[0]?.message ?? '', /Ignored a frame of 17\.0 MB, above the 16 MB limit .*The model is read again from REST instead/);
      assert.equal(session.status.state, 'connected');
    });

    it('binary frame (Asterisk sends only text): ignored and logged; the model is unchanged and the next text event applies', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      fake.send('app', Buffer.from(JSON.stringify(f.varset('app', f.channel('c1'), 'BINARY', '1'))));
      fake.send('app', f.varset('app', f.channel('c1'), 'TEXT', '1'));
      await until(() => session.model.channels.get('c1')?.variables.get('TEXT') === '1', 'the text event', 3_000);
      assert.equal(session.model.channels.get('c1')?.variables.has('BINARY'), false);
      assert.match(problems[0]?.message ?? '', /Ignored a binary frame of \d+ bytes .*ARI events are text/);
    });

    it('text frame that is not valid UTF-8: the socket library drops the link, the reason is logged; it reconnects, resyncs, and later events apply', async () => {
      const { fake, session } = await connected({ channels: [f.channel('c1')] });
      const reasons: string[] = [];
      session.onLinkStatus(({ status }) => {
        if (status.state === 'closed') reasons.push(status.reason);
      });
      const first = fake.sockets.get('app');
      const frame = Buffer.from(JSON.stringify(f.varset('app', f.channel('c1'), 'BAD', 'Z')));
      frame[frame.lastIndexOf('Z')] = 0xff;
      fake.sendText('app', frame);
      await until(() => fake.sockets.get('app') !== undefined && fake.sockets.get('app') !== first && session.status.state === 'connected', 'the reconnect', 3_000);
      assert.match(reasons.join(' | '), /invalid UTF-8/);
      await until(() => fake.requestsTo('GET', '/ari/channels').length === 2, 'the resync after the reconnect', 3_000);
      fake.send('app', f.varset('app', f.channel('c1'), 'AFTER', '1'));
      await until(() => session.model.channels.get('c1')?.variables.get('AFTER') === '1', 'the next event', 3_000);
      assert.equal(session.model.channels.get('c1')?.variables.has('BAD'), false);
    });
  });

  describe('REST answers', () => {
    it('HTML page instead of JSON (a proxy\'s login page) on connect: refused, says a proxy may be in the way; the session is failed, no socket opened', async () => {
      const h = await harness();
      h.fake.routes.set('GET /ari/asterisk/info', (res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>Please log in</body></html>');
      });
      await assert.rejects(h.session.connect(), (e: Error) => e instanceof AriError && e.kind === 'nonJson' && /sent an HTML page \(HTTP 200\) instead of ARI JSON\. A proxy may be in the way, or the URL does not point at Asterisk's HTTP server/.test(e.message));
      assert.equal(h.session.status.state, 'failed');
      assert.equal(h.fake.sockets.size, 0);
    });

    it('empty 200 answer where JSON is due (GET /channels): refused as "an empty answer", not taken as no channels; the model keeps what it had', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      fake.routes.set('GET /ari/channels', (res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end();
      });
      const before = picture(session);
      await session.resync();
      assert.equal(problems[0].message, 'Resync with pbx1 failed; retrying.');
      assert.match(problems[0].detail!, /List channels on pbx1 failed: 127\.0\.0\.1:\d+ sent an empty answer \(HTTP 200\) instead of ARI JSON/);
      assert.equal(picture(session), before);
    });

    it('empty 502 from a proxy in front of Asterisk: refused, says the Asterisk behind it is down, not that Asterisk answered', async () => {
      const h = await harness();
      h.fake.routes.set('GET /ari/asterisk/info', (res) => {
        res.writeHead(502);
        res.end();
      });
      await assert.rejects(h.session.connect(), (e: Error) => e instanceof AriError && e.status === 502 && /a proxy in front of pbx1 answered HTTP 502: the Asterisk behind it is down or does not answer\. Check Asterisk, or point the server URL at Asterisk itself/.test(e.message));
    });

    it('move of a channel that no longer exists (404 "Channel not found"): the move ends rejected, saying it is gone, and the stale channel leaves the model; others stay', async () => {
      const { fake, session } = await connected({ channels: [f.channel('c1'), f.channel('c2')] });
      // c1 hung up while its last events were lost: only REST still knows.
      fake.channels = [f.channel('c2')];
      fake.applications = [f.application('app', ['c2'])];
      const settled = await session.move('c1', 'dest').outcome;
      assert.equal(settled.outcome.kind, 'rejected');
      const error = settled.outcome.kind === 'rejected' ? settled.outcome.error : undefined;
      assert.ok(error instanceof AriError && error.status === 404);
      assert.match(error.message, /Move channel "c1" to "dest" failed: channel "c1" no longer exists on pbx1: it hung up or never existed \(Asterisk: "Channel not found"\)\. Refresh the view if it still lists it\./);
      await until(() => session.model.channels.get('c1') === undefined, 'the stale channel dropped', 3_000);
      assert.equal(session.model.channels.get('c2')?.stasisApp, 'app');
    });

    it('hang up of a channel that no longer exists: the 404 is explained, and the model drops the channel', async () => {
      const { fake, session } = await connected({ channels: [f.channel('c1')] });
      fake.channels = [];
      fake.applications = [f.application('app', [])];
      await assert.rejects(session.rest.hangup('c1', 'normal'), (e: Error) => e instanceof AriError && /hang up channel "c1" failed: channel "c1" no longer exists on pbx1/i.test(e.message));
      await until(() => session.model.channels.get('c1') === undefined, 'the stale channel dropped', 3_000);
      assert.deepEqual(session.model.channels.of('app'), []);
    });
  });
});
