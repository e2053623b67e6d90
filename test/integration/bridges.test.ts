// Bridges against the real Asterisk, through the commands as the palette and the tree run them
// (test/support/commandHarness.ts): made for one of our apps, channels in and out, destroyed, and
// every failure Asterisk gives on the way explained. After each step the model equals GET /bridges.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { Bridge } from '../../src/ari/generated/ariTypes';
import { CommandHarness } from '../support/commandHarness';
import { until } from '../support/until';
import { placeCall, SANDBOX, sandboxEnv, type SandboxEnv } from './support/sandbox';
import { addSandboxServer, callInto, cleanUpSandbox } from './support/sandboxServer';
import { uniqueApp } from './support/sessions';

describe('bridges against the real Asterisk', () => {
  let env: SandboxEnv;
  let h: CommandHarness;
  const made: string[] = [];
  before(async () => (env = await sandboxEnv()));
  beforeEach(() => (h = new CommandHarness()));
  // Bridges made here whose app is gone too (a destroyed one answers 404: ignored).
  afterEach(() => cleanUpSandbox(h, async (s) => {
    for (const id of made.splice(0)) await s.bridges.destroy(id).catch(() => undefined);
  }));

  const connect = (apps: string[]) => addSandboxServer(h, env, apps);
  const session = (id: string) => h.manager.server(id)!.session!;
  const originateInto = (serverId: string, app: string) => callInto(h, serverId, app);

  async function createFor(serverId: string, app: string, name: string): Promise<Bridge> {
    const created = await h.run<Bridge>('createBridge', { serverId, app }, { type: ['mixing'], name });
    assert.ok(created?.ok, JSON.stringify(h.ui.shown));
    made.push(created.value.id);
    return created.value;
  }

  /** The model's bridges (and the bridge each channel is in) are what Asterisk lists. */
  async function modelMatchesAsterisk(serverId: string, bridgeId: string): Promise<void> {
    const s = session(serverId);
    await until(async () => {
      const listed = (await s.rest.call('bridges.list', {})).find((b) => b.id === bridgeId);
      const known = s.model.bridges.get(bridgeId);
      if (!listed) return known === undefined;
      return known !== undefined && [...known.channels].sort().join() === [...listed.channels].sort().join() && listed.channels.every((c) => s.model.bridges.bridgeOf(c)?.id === bridgeId);
    }, `the model's bridge ${bridgeId} equal to GET /bridges`);
  }

  it('Create Bridge: made for our app, which Asterisk then lists as subscribed to it, and shown under it at once', async () => {
    const app = uniqueApp('br-make');
    const id = await connect([app]);
    const bridge = await createFor(id, app, 'support');
    assert.equal(bridge.bridge_type, 'mixing');
    assert.equal(bridge.creator, 'Stasis', 'every ARI bridge says Stasis made it');
    assert.deepEqual([...session(id).model.bridges.idsOf(app)], [bridge.id], 'under the app before any event');
    const listed = await session(id).rest.call('applications.get', { applicationName: app });
    assert.deepEqual(listed.bridge_ids, [bridge.id], "Asterisk subscribed the app: it is in the app's bridge_ids");
    assert.match(h.ui.last('info')!.message, /Created mixing bridge support for it-br-make-/);
    await modelMatchesAsterisk(id, bridge.id);
  });

  it('Create Bridge for an app that is not ours, or holding with mixing, is refused before Asterisk is asked', async () => {
    const app = uniqueApp('br-ours');
    const id = await connect([app]);
    const theirs = await h.run('createBridge', { serverId: id, app: 'someone-else' }, { type: ['mixing'], name: 'x' });
    assert.equal(theirs?.ok, false);
    assert.match(h.ui.last('error')!.message, /"someone-else" is another client's app/);
    const both = await h.run('createBridge', { serverId: id, app }, { type: ['holding', 'mixing'], name: 'x' });
    assert.equal(both?.ok, false);
    assert.match(h.ui.last('error')!.message, /cannot be both holding and mixing/);
    assert.equal(session(id).model.bridges.idsOf(app).size, 0);
  });

  it('holding with mixing, asked of Asterisk itself: its 500 blames the id, and is explained by the type', async () => {
    const id = await connect([]);
    const failure = await session(id).rest.call('bridges.create', { type: 'holding,mixing' }).then(() => undefined, (e: Error) => e);
    assert.ok(failure, 'Asterisk made no such bridge');
    assert.match(failure.message, /HTTP 500|could not make a bridge of that type/);
    assert.match(failure.message, /Unable to create bridge\. Possible duplicate bridge id/);
    assert.match(failure.message, /holding and mixing cannot go together/);
  });

  it('Add to Bridge from the bridge (picking two calls), Remove from Bridge, Destroy Bridge: the model follows GET /bridges at each step', async () => {
    const app = uniqueApp('br-calls');
    const id = await connect([app]);
    const [a, b] = [await originateInto(id, app), await originateInto(id, app)];
    const bridge = await createFor(id, app, 'two calls');
    const names = [a, b].map((c) => session(id).model.channels.get(c)!.snapshot.name);
    h.ui.answer(names);
    const added = await h.run<string[]>('addToBridge', { serverId: id, app, bridgeId: bridge.id });
    assert.ok(added?.ok, JSON.stringify(h.ui.shown));
    assert.deepEqual([...added.value].sort(), [a, b].sort());
    await until(() => session(id).model.bridges.get(bridge.id)?.channels.length === 2, 'both calls in the bridge (ChannelEnteredBridge)');
    await modelMatchesAsterisk(id, bridge.id);

    assert.ok((await h.run('removeFromBridge', { serverId: id, channelId: a }))?.ok);
    await until(() => session(id).model.bridges.bridgeOf(a) === undefined, 'the first call out of the bridge');
    await modelMatchesAsterisk(id, bridge.id);
    const notIn = await h.run('removeFromBridge', { serverId: id, bridgeId: bridge.id, channelId: a });
    assert.equal(notIn?.ok, false);
    assert.match(h.ui.last('error')!.message, /the channel is not in bridge "[^"]+" \(Asterisk: "Channel not in this bridge"\): it is in another bridge, or in none/);

    assert.ok((await h.run('startBridgeMoh', { serverId: id, bridgeId: bridge.id }, ''))?.ok, 'music on hold on the bridge');
    assert.ok((await h.run('stopBridgeMoh', { serverId: id, bridgeId: bridge.id }))?.ok);
    h.ui.answer('Destroy');
    assert.ok((await h.run('destroyBridge', { serverId: id, bridgeId: bridge.id }))?.ok);
    assert.ok(h.ui.last('warn')!.modal, 'a bridge with a channel in it is destroyed only when confirmed');
    await until(() => session(id).model.bridges.get(bridge.id) === undefined, 'the bridge gone from the model (BridgeDestroyed)');
    await modelMatchesAsterisk(id, bridge.id);
    assert.equal(session(id).model.bridges.bridgeOf(b), undefined);
    assert.equal(session(id).model.channels.get(b)?.stasisApp, app, 'its channel left it and stays in Stasis');

    const again = await session(id).bridges.destroy(bridge.id).then(() => undefined, (e: Error) => e);
    assert.match(again?.message ?? '', /does not exist on sandbox \(any more\).*Bridge not found/);
  });

  it('Add to Bridge from a channel (picking the bridge); a channel that hung up: 400 "Channel not found", explained', async () => {
    const app = uniqueApp('br-gone');
    const id = await connect([app]);
    const channelId = await originateInto(id, app);
    const bridge = await createFor(id, app, 'one call');
    h.ui.answer((items) => items.find((i) => i.detail === bridge.id));
    assert.ok((await h.run('addToBridge', { serverId: id, app, channelId }))?.ok, JSON.stringify(h.ui.shown));
    await until(() => session(id).model.bridges.bridgeOf(channelId)?.id === bridge.id, 'the call in the bridge');

    const other = await originateInto(id, app);
    await session(id).rest.hangup(other);
    await until(() => !session(id).model.channels.get(other), 'the second call gone');
    const failure = await h.run('addToBridge', { serverId: id, bridgeId: bridge.id }, [other]);
    assert.equal(failure?.ok, false);
    assert.match(h.ui.last('error')!.message, /a channel named in the request does not exist on sandbox: it hung up, or the id is wrong \(Asterisk: "Channel not found"\)/);
    await modelMatchesAsterisk(id, bridge.id);
  });

  it("dave calls erin through an app: dave's call lands in ari-pair, the app dials PJSIP/erin (sipp answers), and Add to Bridge joins them", async function () {
    this.timeout(60_000);
    const id = await connect(['ari-pair']);
    const answering = spawnSync('bash', [SANDBOX, 'answer', '--as', 'erin'], { encoding: 'utf8' });
    assert.equal(answering.status, 0, answering.stderr);
    const uas = Number(/SIPP_PID=(\d+)/.exec(answering.stdout)?.[1]);
    const call = placeCall({ to: 'dave', hold: 20, timeout: 30 });
    let erinId: string | undefined;
    try {
      const daveId = await until(() => session(id).model.channels.of('ari-pair').find((c) => c.snapshot.name.startsWith('PJSIP/dave-'))?.id, "dave's call in ari-pair", 20_000);
      assert.ok((await h.run('answerChannel', { serverId: id, channelId: daveId }))?.ok);
      const erin = await h.run<string>('originate', { serverId: id }, { endpoint: 'PJSIP/erin', app: 'ari-pair', args: [], callerId: '"Dave" <4001>' });
      assert.ok(erin?.ok, JSON.stringify(h.ui.shown));
      erinId = erin.value;
      await until(() => session(id).model.channels.get(erin.value)?.stasisApp === 'ari-pair', 'erin answered, in ari-pair', 20_000);
      const bridge = await createFor(id, 'ari-pair', 'dave and erin');
      assert.ok((await h.run('addToBridge', { serverId: id, bridgeId: bridge.id }, [daveId, erin.value]))?.ok);
      await until(() => session(id).model.bridges.get(bridge.id)?.channels.length === 2, 'both in the bridge');
      await modelMatchesAsterisk(id, bridge.id);
      assert.deepEqual([...session(id).model.channels.ofEndpoint('PJSIP/erin')], [erin.value], "erin's endpoint has the call");
    } finally {
      // Both calls hung up from Asterisk while both sipps still answer: a sipp killed first would
      // leave Asterisk sending its BYE to erin's port for half a minute, and the next run's
      // answering sipp would take that BYE for its one call.
      if (erinId) await session(id).rest.hangup(erinId).catch(() => undefined);
      for (const c of session(id).model.channels.of('ari-pair')) await session(id).rest.hangup(c.id).catch(() => undefined);
      await Promise.race([call.done, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      call.process.kill();
      if (!(await until(() => !isAlive(uas), 'the answering sipp done with its call', 5_000).then(() => true, () => false)) && isAlive(uas)) process.kill(uas);
    }
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
