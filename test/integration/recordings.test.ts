// Recordings against the real Asterisk, through the commands: a channel recorded, stopped, stored,
// played back and deleted; a bridged channel, which Asterisk accepts (201) and fails after; a
// bridge recorded and discarded. Each recording ends in one outcome, the failed one at warn.
import assert from 'node:assert/strict';
import type { Bridge, LiveRecording } from '../../src/ari/generated/ariTypes';
import type { MediaOutcome } from '../../src/model/media/MediaControl';
import { CommandHarness } from '../support/commandHarness';
import { until } from '../support/until';
import { sandboxEnv, type SandboxEnv } from './support/sandbox';
import { addSandboxServer, callInto, cleanUpSandbox } from './support/sandboxServer';
import { uniqueApp } from './support/sessions';

type Recorded = { recording: LiveRecording; outcome: Promise<MediaOutcome> };

describe('recordings against the real Asterisk', () => {
  let env: SandboxEnv;
  let h: CommandHarness;
  before(async () => (env = await sandboxEnv()));
  beforeEach(() => (h = new CommandHarness()));
  // What a failing run left in the sandbox's recordings folder goes too.
  afterEach(() =>
    cleanUpSandbox(h, async (s) => {
      for (const stored of await s.rest.call('recordings.listStored', {}).catch(() => [])) if (stored.name.startsWith('stasis-test/it-rec-')) await s.rest.call('recordings.deleteStored', { recordingName: stored.name }).catch(() => undefined);
    }),
  );

  /** A call into `app` whose far end talks (Local/300 plays a prompt: test/sandbox/config/extensions.conf), so a recording of it has sound. */
  async function talkingCall(app: string): Promise<{ serverId: string; channelId: string }> {
    const serverId = await addSandboxServer(h, env, [app]);
    return { serverId, channelId: await callInto(h, serverId, app, { endpoint: 'Local/300@default', callerId: '"Rec" <500>' }) };
  }
  const session = (id: string) => h.manager.server(id)!.session!;
  const recording = (name: string) => ({ name, format: 'wav', maxDurationSeconds: 0, beep: false, terminateOn: 'none' as const });

  it('Record a channel: shown on it while it records; Stop keeps it (done, with its length); it is stored, plays back, and is deleted', async () => {
    const app = uniqueApp('rec-ch');
    const { serverId, channelId } = await talkingCall(app);
    const name = `stasis-test/${app}`;
    const made = await h.run<Recorded>('record', { serverId, channelId }, recording(name));
    assert.ok(made?.ok, JSON.stringify(h.ui.shown));
    await until(() => session(serverId).model.recordings.on(`channel:${channelId}`).some((r) => r.name === name), 'recording on its channel (RecordingStarted)');
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    assert.ok((await h.run('stopRecording', { serverId, channelId }))?.ok);
    const outcome = await made.value.outcome;
    assert.equal(outcome.kind, 'done', JSON.stringify(outcome));
    assert.ok(outcome.kind === 'done' && (outcome.durationSeconds ?? 0) >= 1, `its length: ${JSON.stringify(outcome)}`);
    assert.ok((await session(serverId).rest.call('recordings.listStored', {})).some((r) => r.name === name), 'stored');
    h.ui.answer('Recording…', name);
    const played = await h.run<{ outcome: Promise<MediaOutcome> }>('playMedia', { serverId, channelId });
    assert.ok(played?.ok, JSON.stringify(h.ui.shown));
    assert.deepEqual(await played.value.outcome, { kind: 'done' }, 'the recording played back to its end');
    assert.ok((await h.run('deleteStoredRecording', { serverId }, name))?.ok);
    assert.ok(!(await session(serverId).rest.call('recordings.listStored', {})).some((r) => r.name === name), 'deleted');
  });

  it('a channel in a bridge: Asterisk answers 201, then fails it "Cannot record channel while in bridge"; reported at warn with what to do', async () => {
    const app = uniqueApp('rec-br');
    const { serverId, channelId } = await talkingCall(app);
    const bridge = await h.run<Bridge>('createBridge', { serverId, app }, { type: ['mixing'], name: 'recorded' });
    assert.ok(bridge?.ok);
    assert.ok((await h.run('addToBridge', { serverId, bridgeId: bridge.value.id }, [channelId]))?.ok);
    await until(() => session(serverId).model.bridges.bridgeOf(channelId)?.id === bridge.value.id, 'in the bridge');
    const made = await h.run<Recorded>('record', { serverId, channelId }, recording(`stasis-test/${app}`));
    assert.ok(made?.ok, 'Asterisk took the request');
    assert.deepEqual(await made.value.outcome, { kind: 'failed', cause: 'Cannot record channel while in bridge' });
    const warning = await h.ui.waitFor('warn', /failed: Cannot record channel while in bridge\. Record the bridge instead, or take the channel out of it first\./);
    assert.ok(warning);

    const whole = await h.run<Recorded>('record', { serverId, bridgeId: bridge.value.id }, recording(`stasis-test/${app}-bridge`));
    assert.ok(whole?.ok, JSON.stringify(h.ui.shown));
    await until(() => session(serverId).model.recordings.on(`bridge:${bridge.value.id}`).length === 1, 'the bridge recording');
    assert.ok((await h.run('discardRecording', { serverId, bridgeId: bridge.value.id }))?.ok);
    assert.deepEqual(await whole.value.outcome, { kind: 'discarded' });
    assert.ok(!(await session(serverId).rest.call('recordings.listStored', {})).some((r) => r.name === `stasis-test/${app}-bridge`), 'nothing kept');
  });

  it('a recording name that would leave the recordings folder is refused as typed', async () => {
    const { serverId, channelId } = await talkingCall(uniqueApp('rec-name'));
    h.ui.answer('../../etc/x');
    assert.equal(await h.run('record', { serverId, channelId }), undefined);
    assert.match(h.ui.last('error')!.message, /validation: Use letters, digits, "-", "_" and "\/" \(no "\.\."\)/);
    assert.equal(session(serverId).model.recordings.on(`channel:${channelId}`).length, 0);
  });
});
