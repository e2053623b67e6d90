// Signals and audio controls on a real channel, through the commands: DTMF sent and received,
// hold and unhold, mute, music on hold, channel variables. The test call is a Local channel into
// our app; its ;2 half runs the sandbox's dialplan (Answer, Wait), so what ;1 sends, ;2 receives.
import assert from 'node:assert/strict';
import { CommandHarness } from '../support/commandHarness';
import { until } from '../support/until';
import { placeCall, sandboxEnv, type SandboxEnv } from './support/sandbox';
import { addSandboxServer, callInto, cleanUpSandbox } from './support/sandboxServer';
import { uniqueApp } from './support/sessions';

describe('channel controls against the real Asterisk', () => {
  let env: SandboxEnv;
  let h: CommandHarness;
  before(async () => (env = await sandboxEnv()));
  beforeEach(() => (h = new CommandHarness()));
  afterEach(() => cleanUpSandbox(h));

  async function callWithHalf(app: string): Promise<{ serverId: string; channelId: string; half: () => string | undefined }> {
    const serverId = await addSandboxServer(h, env, [app]);
    const session = () => h.manager.server(serverId)!.session!;
    const channelId = await callInto(h, serverId, app, { callerId: '"Control" <400>' });
    const name = session().model.channels.get(channelId)!.snapshot.name;
    // The watcher hears every channel: the ;2 half, in the dialplan, is known too.
    const half = () => session().model.channels.named(name.replace(/;1$/, ';2'))?.id;
    await until(half, 'the ;2 half known');
    return { serverId, channelId, half };
  }
  const channel = (serverId: string, id: string) => h.manager.server(serverId)!.session!.model.channels.get(id);

  it('Send DTMF: checked as typed; sent from ;1, ;2 receives it and the model keeps its last digits', async () => {
    const { serverId, channelId, half } = await callWithHalf(uniqueApp('ctl-dtmf'));
    h.ui.answer('12x');
    assert.equal(await h.run('sendDtmf', { serverId, channelId }), undefined);
    assert.match(h.ui.last('error')!.message, /validation: "12x" is not DTMF: use the digits 0-9, A-D, \* and #, and a comma for a pause\./);
    assert.ok((await h.run('sendDtmf', { serverId, channelId }, '12#'))?.ok);
    await until(() => channel(serverId, half()!)?.dtmf === '12#', () => `DTMF received on ;2: "${channel(serverId, half()!)?.dtmf}"`);
  });

  it('Hold and Unhold are taken; holding a channel raises no ChannelHold (only its own side holding does: docs/ari-behaviour.md#channel-signals)', async () => {
    const { serverId, channelId } = await callWithHalf(uniqueApp('ctl-hold'));
    const session = h.manager.server(serverId)!.session!;
    const holds: string[] = [];
    session.onEvent((logged) => /Hold/.test(logged.event.type) && holds.push(logged.event.type));
    assert.ok((await h.run('holdChannel', { serverId, channelId }))?.ok);
    assert.ok((await h.run('unholdChannel', { serverId, channelId }))?.ok);
    // A ChannelHold would follow its 204 within milliseconds; none comes in a second.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    assert.deepEqual(holds, []);
    assert.equal(channel(serverId, channelId)?.onHold, false);
  });

  it('Mute (a direction picked from the spec), Unmute, Music on Hold, and channel variables set and read back', async () => {
    const { serverId, channelId } = await callWithHalf(uniqueApp('ctl-audio'));
    h.ui.answer('in');
    const muted = await h.run('muteChannel', { serverId, channelId });
    assert.deepEqual(muted, { ok: true, value: 'in' });
    assert.deepEqual(h.ui.shown.filter((s) => s.kind === 'pick').pop()!.actions, ['both', 'in', 'out']);
    assert.ok((await h.run('unmuteChannel', { serverId, channelId }, 'in'))?.ok);
    assert.ok((await h.run('startMoh', { serverId, channelId }, ''))?.ok);
    assert.ok((await h.run('stopMoh', { serverId, channelId }))?.ok);
    assert.ok((await h.run('setVariable', { serverId, channelId }, { variable: 'STASIS_TEST', value: 'a b,c' }))?.ok);
    h.ui.answer('STASIS_TOLD', 'told', 'Yes');
    assert.ok((await h.run('setVariable', { serverId, channelId }))?.ok, JSON.stringify(h.ui.shown));
    await until(() => channel(serverId, channelId)?.variables.get('STASIS_TOLD') === 'told', 'the variable set with report_events told in a ChannelVarset');
    assert.deepEqual(await h.run('getVariable', { serverId, channelId }, 'STASIS_TEST'), { ok: true, value: 'a b,c' });
    assert.match(h.ui.last('info')!.message, /^STASIS_TEST = "a b,c"$/);
    const missing = await h.run('getVariable', { serverId, channelId }, 'NO_SUCH_VARIABLE_HERE');
    assert.equal(missing?.ok, false, 'Asterisk answers 404 for a variable that is not set');
    assert.match(h.ui.last('error')!.message, /not found|does not exist/i);
  });

  it('Snoop into our app: a Snoop/ channel that enters it; one that neither spies nor whispers is refused before Asterisk is asked', async () => {
    const app = uniqueApp('ctl-snoop');
    const { serverId, channelId } = await callWithHalf(app);
    const refused = await h.run('snoopChannel', { serverId, channelId }, { app, spy: 'none', whisper: 'none' });
    assert.equal(refused?.ok, false);
    assert.match(h.ui.last('error')!.message, /neither spies nor whispers does nothing/);
    h.ui.answer(app, 'both', 'none');
    const snoop = await h.run<{ id: string; name: string }>('snoopChannel', { serverId, channelId });
    assert.ok(snoop?.ok, JSON.stringify(h.ui.shown));
    assert.match(snoop.value.name, /^Snoop\//);
    await until(() => channel(serverId, snoop.value.id)?.stasisApp === app, 'the snoop channel in the app (StasisStart)');
  });

  it('Redirect: a Local channel cannot go to a PJSIP endpoint, and Asterisk says why (422); an endpoint not written tech/resource is refused as typed', async () => {
    const { serverId, channelId } = await callWithHalf(uniqueApp('ctl-redirect'));
    h.ui.answer('bob');
    assert.equal(await h.run('redirectChannel', { serverId, channelId }), undefined);
    assert.match(h.ui.last('error')!.message, /validation: Write it as tech\/resource, e\.g\. PJSIP\/bob\./);
    const failed = await h.run('redirectChannel', { serverId, channelId }, 'PJSIP/bob');
    assert.equal(failed?.ok, false);
    assert.match(h.ui.last('error')!.message, /Endpoint technology 'PJSIP' does not match channel technology 'Local'/);
  });

  it('Dial: a channel made with POST /channels/create waits in Stasis, Down, until it is dialled; then it is Up', async () => {
    const app = uniqueApp('ctl-dial');
    const { serverId } = await callWithHalf(app);
    const session = h.manager.server(serverId)!.session!;
    const created = await session.rest.call('channels.create', { endpoint: 'Local/100@default', app });
    await until(() => channel(serverId, created.id)?.stasisApp === app, 'the created channel in the app');
    assert.equal(channel(serverId, created.id)?.snapshot.state, 'Down');
    assert.ok((await h.run('dialChannel', { serverId, channelId: created.id }, 10))?.ok);
    await until(() => channel(serverId, created.id)?.snapshot.state === 'Up', () => `dialled and answered: ${channel(serverId, created.id)?.snapshot.state}`);
  });

  it('a SIP phone\'s DTMF (sandbox call --dtmf) shows on its channel, each digit once', async function () {
    this.timeout(60_000);
    const serverId = await addSandboxServer(h, env, ['ari-example1']);
    const session = () => h.manager.server(serverId)!.session!;
    const call = placeCall({ to: 'alice', hold: 6, timeout: 30, dtmf: '12#' });
    try {
      const channelId = await until(() => session().model.channels.of('ari-example1').find((c) => c.snapshot.name.startsWith('PJSIP/alice-'))?.id, 'the SIP call in ari-example1', 20_000);
      assert.ok((await h.run('answerChannel', { serverId, channelId }))?.ok);
      await until(() => channel(serverId, channelId)?.dtmf === '12#', () => `the digits on the call: "${channel(serverId, channelId)?.dtmf}"`, 20_000);
    } finally {
      call.process.kill();
      await call.done;
    }
  });
});
