// The ARI console against the real sandbox: its catalogue read from the server, a sample of
// operations across all eleven resources sent from its request model (over HTTP, then the same
// over the events WebSocket), the events a move caused linked, and a read-only user's session.
import assert from 'node:assert/strict';
import type { ServerSession } from '../../src/model/session/ServerSession';
import { loadServerCatalogue } from '../../src/ari/spec/loadAriCatalogue';
import { consoleServerOf } from '../../src/console/consoleServerOf';
import { ConsoleController } from '../../src/console/ConsoleController';
import { ConsoleHistory } from '../../src/console/ConsoleHistory';
import type { FormInputs } from '../../src/console/OperationForm';
import type { AnswerView, ConsoleHostMessage } from '../../src/console/protocol';
import { until } from '../support/until';
import { sandboxEnv } from './support/sandbox';
import { closeSessions, sandboxSession, uniqueApp } from './support/sessions';
import * as path from 'node:path';

const SPEC = path.resolve(__dirname, '../../../spec/ari/api-docs');

class ConsoleOn {
  readonly posted: ConsoleHostMessage[] = [];
  readonly controller: ConsoleController;

  constructor(readonly session: ServerSession, username: string) {
    const storage = new Map<string, unknown>();
    this.controller = new ConsoleController(
      consoleServerOf(session, username),
      loadServerCatalogue(session.rest, SPEC),
      new ConsoleHistory({ get: (k) => storage.get(k), update: async (k, v) => void storage.set(k, v) }, session.id),
      { post: (m) => void this.posted.push(m), confirm: async () => true, copy: async () => undefined, saveHttp: async () => undefined, openInspector: () => undefined },
      () => [],
    );
  }

  /** Sends as the page would and resolves with the answer (failing the test with the reason if none came). */
  async send(operationId: string, inputs: FormInputs, via: 'http' | 'websocket' = 'http'): Promise<AnswerView> {
    const before = this.posted.length;
    await this.controller.receive({ type: 'send', operationId, inputs, via });
    const after = this.posted.slice(before);
    const answer = after.find((m): m is Extract<ConsoleHostMessage, { type: 'answer' }> => m.type === 'answer');
    assert.ok(answer, `${operationId}: ${JSON.stringify(after.find((m) => m.type === 'failed'))}`);
    return answer.answer;
  }

  caused(key: number): string[] {
    return this.posted.flatMap((m) => (m.type === 'caused' && m.caused.key === key ? [`${m.caused.type}:${m.caused.application}`] : []));
  }
}

/** A sample across the eleven resources; each check reads the answer Asterisk gave. */
async function sample(c: ConsoleOn, app: string, via: 'http' | 'websocket'): Promise<Record<string, number>> {
  const tag = `${via}-${process.pid}`;
  const statuses: Record<string, number> = {};
  const send = async (id: string, inputs: FormInputs) => {
    const answer = await c.send(id, inputs, via);
    statuses[id] = answer.status;
    return answer;
  };
  assert.equal(((await send('asterisk.getInfo', { only: ['build', 'system'] })).body as { system?: { version?: string } }).system?.version?.split('+')[0], '22.10.1');
  await send('asterisk.setGlobalVar', { variable: `CONSOLE_${via.toUpperCase()}`, value: tag });
  assert.deepEqual((await send('asterisk.getGlobalVar', { variable: `CONSOLE_${via.toUpperCase()}` })).body, { value: tag });
  assert.equal(((await send('applications.get', { applicationName: app })).body as { name: string }).name, app);
  const bridge = (await send('bridges.create', { type: 'mixing', name: `console-${tag}` })).body as { id: string; name: string };
  assert.equal(bridge.name, `console-${tag}`);
  assert.equal((await send('bridges.destroy', { bridgeId: bridge.id })).status, 204);
  assert.ok(Array.isArray((await send('endpoints.listByTech', { tech: 'PJSIP' })).body));
  assert.ok(Array.isArray((await send('channels.list', {})).body));
  assert.ok(Array.isArray((await send('recordings.listStored', {})).body));
  assert.ok(((await send('sounds.list', {})).body as unknown[]).length > 0);
  const gone = await send('playbacks.get', { playbackId: `no-such-${tag}` });
  assert.equal(gone.status, 404);
  assert.equal(gone.explanation?.specReason, 'The playback cannot be found');
  assert.equal((await send('deviceStates.update', { deviceName: `Stasis:console-${tag}`, deviceState: 'BUSY' })).status, 204);
  assert.deepEqual(((await send('deviceStates.get', { deviceName: `Stasis:console-${tag}` })).body as { state: string }).state, 'BUSY');
  assert.equal((await send('deviceStates.delete', { deviceName: `Stasis:console-${tag}` })).status, 204);
  // Debian builds no res_mwi_external, so no res_ari_mailboxes: the spec lists the resource, Asterisk serves none of it.
  const mailbox = await send('mailboxes.update', { mailboxName: `console-${tag}`, oldMessages: '2', newMessages: '3' });
  assert.equal(mailbox.status, 404);
  assert.match(mailbox.explanation?.explanation ?? '', /^sandbox has no handler for PUT \/ari\/mailboxes\/\{mailboxName\} \(Asterisk: "Resource not found"\): its spec lists the operation, but res_ari_mailboxes \(which needs res_mwi_external/);
  assert.equal((await send('mailboxes.list', {})).status, 404);
  assert.equal((await send('events.userEvent', { eventName: 'consoleTest', application: app, variables: '{"k":"v"}' })).status, 204);
  const bad = await send('channels.answer', { channelId: `no-such-${tag}` });
  assert.equal(bad.status, 404);
  assert.equal(bad.explanation?.specReason, 'Channel not found');
  assert.match(bad.explanation?.explanation ?? '', /no longer exists on sandbox/);
  return statuses;
}

describe('ARI console against the sandbox', function () {
  this.timeout(60_000);
  afterEach(closeSessions);

  it('reads the server\'s own spec and sends a sample of every resource, over HTTP and over the events WebSocket alike', async () => {
    const env = await sandboxEnv();
    const app = uniqueApp('console');
    const session = await sandboxSession([app], { watch: false });
    await session.connect();
    const c = new ConsoleOn(session, env.username);
    await c.controller.start();
    const catalogue = c.posted.find((m): m is Extract<ConsoleHostMessage, { type: 'catalogue' }> => m.type === 'catalogue')!.catalogue;
    assert.equal(catalogue.source, 'server');
    assert.equal(catalogue.operations.length, 109);
    assert.deepEqual([...new Set(catalogue.operations.map((op) => op.resource))].sort(), ['applications', 'asterisk', 'bridges', 'channels', 'deviceStates', 'endpoints', 'events', 'mailboxes', 'playbacks', 'recordings', 'sounds']);
    const server = c.posted.filter((m): m is Extract<ConsoleHostMessage, { type: 'server' }> => m.type === 'server').at(-1)!.server;
    assert.equal(server.readOnly, false);
    assert.equal(server.overWebSocket.possible, true);
    const overHttp = await sample(c, app, 'http');
    const overSocket = await sample(c, app, 'websocket');
    assert.equal(Object.keys(overHttp).length, 18);
    assert.deepEqual(overSocket, overHttp);
  });

  it('moves a real call and links the StasisEnd and StasisStart it caused', async () => {
    const env = await sandboxEnv();
    const [from, to] = [uniqueApp('console-from'), uniqueApp('console-to')];
    const session = await sandboxSession([from, to], { watch: false });
    await session.connect();
    const c = new ConsoleOn(session, env.username);
    await c.controller.start();
    const channel = (await c.send('channels.originate', { endpoint: 'Local/100@default', app: from })).body as { id: string };
    await until(() => session.model.channels.get(channel.id)?.stasisApp === from, 'the call in the first app');
    const moved = await c.send('channels.move', { channelId: channel.id, app: to, appArgs: 'a,b' });
    assert.equal(moved.status, 204);
    await until(() => c.caused(moved.key).includes(`StasisStart:${to}`), 'the StasisStart linked');
    // Each app has a socket of its own, and Asterisk gives no order across sockets: either may come first.
    assert.deepEqual(c.caused(moved.key).slice(0, 2).sort(), [`StasisEnd:${from}`, `StasisStart:${to}`]);
    const hangup = await c.send('channels.hangup', { channelId: channel.id });
    assert.equal(hangup.status, 204);
  });

  it('with a read-only ARI user: knows it before sending, sends no write, and a GET still answers', async () => {
    const env = await sandboxEnv();
    const session = await sandboxSession([], { watch: false, config: { name: 'sandbox', baseUrl: env.url, username: env.viewerUsername, password: env.viewerPassword } });
    await session.connect();
    const c = new ConsoleOn(session, env.viewerUsername);
    await c.controller.start();
    assert.equal(c.posted.filter((m): m is Extract<ConsoleHostMessage, { type: 'server' }> => m.type === 'server').at(-1)!.server.readOnly, true);
    await c.controller.receive({ type: 'send', operationId: 'asterisk.setGlobalVar', inputs: { variable: 'X', value: '1' }, via: 'http' });
    assert.match(c.posted.filter((m) => m.type === 'failed').at(-1)?.type === 'failed' ? (c.posted.filter((m) => m.type === 'failed').at(-1) as { message: string }).message : '', /^Not sent: the ARI user "viewer" on sandbox is read-only/);
    assert.equal((await c.send('asterisk.ping', {})).status, 200);
    // What Asterisk itself says to that user's write, as the console explains it when it could not know first.
    const answer = await session.rest.send({ method: 'POST', resource: 'asterisk/variable', query: new URLSearchParams({ variable: 'X', value: '1' }) }, 'set X');
    assert.equal(answer.status, 403);
    assert.match(answer.text, /Write access denied/);
  });
});
