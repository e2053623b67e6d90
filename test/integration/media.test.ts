// Playbacks against the real Asterisk, through the commands: a sound picked from GET /sounds, shown
// on its channel while it plays and stopped; a sound that does not exist, which Asterisk accepts
// (201) and fails after; media on a bridge; and a channel hanging up under its playback. Each
// playback ends in one outcome, and the bad ones are reported at warn.
import assert from 'node:assert/strict';
import type { Bridge } from '../../src/ari/generated/ariTypes';
import type { MediaOutcome } from '../../src/model/media/MediaControl';
import { CommandHarness } from '../support/commandHarness';
import { until } from '../support/until';
import { sandboxEnv, type SandboxEnv } from './support/sandbox';
import { addSandboxServer, callInto, cleanUpSandbox } from './support/sandboxServer';
import { uniqueApp } from './support/sessions';

type Played = { playback: { id: string; target_uri: string }; outcome: Promise<MediaOutcome> };

describe('playbacks against the real Asterisk', () => {
  let env: SandboxEnv;
  let h: CommandHarness;
  before(async () => (env = await sandboxEnv()));
  beforeEach(() => (h = new CommandHarness()));
  afterEach(() => cleanUpSandbox(h));

  const connect = (app: string) => addSandboxServer(h, env, [app]);
  const session = (id: string) => h.manager.server(id)!.session!;
  const call = (serverId: string, app: string) => callInto(h, serverId, app, { callerId: '"Media" <300>' });

  it('Play Media: a sound picked from GET /sounds plays on the channel, shows there while it plays; Pause, Resume and Restart are taken; Stop Playback ends it "stopped"', async () => {
    const app = uniqueApp('pb-sound');
    const id = await connect(app);
    const channelId = await call(id, app);
    h.ui.answer('Sound…', 'demo-congrats');
    const played = await h.run<Played>('playMedia', { serverId: id, channelId });
    assert.ok(played?.ok, JSON.stringify(h.ui.shown));
    const sounds = h.ui.shown.filter((s) => s.kind === 'pick')[1];
    assert.ok(sounds.actions.includes('demo-congrats') && sounds.actions.includes('hello-world'), 'the sounds offered are Asterisk\'s own');
    assert.equal(played.value.playback.target_uri, `channel:${channelId}`);
    await until(() => session(id).model.playbacks.on(`channel:${channelId}`).some((p) => p.media_uri === 'sound:demo-congrats'), 'the playback on its channel (PlaybackStarted)');
    for (const command of ['pausePlayback', 'resumePlayback', 'restartPlayback']) assert.ok((await h.run(command, { serverId: id, channelId }))?.ok, `${command}: ${JSON.stringify(h.ui.shown.at(-1))}`);
    assert.ok((await h.run('stopPlayback', { serverId: id, channelId }))?.ok);
    assert.deepEqual(await played.value.outcome, { kind: 'stopped' });
    await until(() => session(id).model.playbacks.on(`channel:${channelId}`).length === 0, 'the playback gone from the channel');
    assert.equal(h.ui.shown.filter((s) => s.kind === 'warn').length, 0);
  });

  it('a sound that does not exist: Asterisk answers 201, then fails it; the failure is reported at warn', async () => {
    const app = uniqueApp('pb-missing');
    const id = await connect(app);
    const channelId = await call(id, app);
    const played = await h.run<Played>('playMedia', { serverId: id, channelId }, { media: ['sound:no-such-sound-anywhere'] });
    assert.ok(played?.ok, 'Asterisk took the request');
    assert.deepEqual(await played.value.outcome, { kind: 'failed' });
    const warning = await h.ui.waitFor('warn', /playback of sound:no-such-sound-anywhere on Local\/100@default-\S+ failed: Asterisk could not play it/);
    assert.match(warning.message, /no such sound in the channel's language/);
  });

  it('on a bridge, picked in the palette: a tone plays to everyone in it, shows on the bridge, and is stopped', async () => {
    const app = uniqueApp('pb-bridge');
    const id = await connect(app);
    const channelId = await call(id, app);
    const bridge = (await h.run<Bridge>('createBridge', { serverId: id, app }, { type: ['mixing'], name: 'tones' }))!;
    assert.ok(bridge.ok);
    assert.ok((await h.run('addToBridge', { serverId: id, bridgeId: bridge.value.id }, [channelId]))?.ok);
    await until(() => session(id).model.bridges.bridgeOf(channelId)?.id === bridge.value.id, 'the call in the bridge');
    // From the palette: the bridge picked among the channels and bridges, the media typed.
    h.ui.answer((items) => items.find((i) => i.detail === bridge.value.id), 'Media URI…', 'tone:ring');
    const played = await h.run<Played>('playMedia', { serverId: id });
    assert.ok(played?.ok, JSON.stringify(h.ui.shown));
    assert.equal(played.value.playback.target_uri, `bridge:${bridge.value.id}`);
    await until(() => session(id).model.playbacks.on(`bridge:${bridge.value.id}`).length === 1, 'the tone on the bridge');
    assert.ok((await h.run('stopPlayback', { serverId: id, bridgeId: bridge.value.id }))?.ok);
    assert.deepEqual(await played.value.outcome, { kind: 'stopped' });
  });

  it('the channel hangs up under its playback: it ended early, reported at warn', async () => {
    const app = uniqueApp('pb-gone');
    const id = await connect(app);
    const channelId = await call(id, app);
    const played = await h.run<Played>('playMedia', { serverId: id, channelId }, { media: ['sound:demo-congrats'] });
    assert.ok(played?.ok);
    await until(() => session(id).model.playbacks.on(`channel:${channelId}`).length === 1, 'playing');
    await session(id).rest.hangup(channelId);
    // Asterisk finishes it "failed", as a sound it cannot find: the hangup before it tells them apart.
    assert.deepEqual(await played.value.outcome, { kind: 'targetGone' });
    await h.ui.waitFor('warn', /ended early: the channel hung up before it finished/);
    await until(() => session(id).model.playbacks.on(`channel:${channelId}`).length === 0, 'no playback left on the gone channel');
  });

  it('typed media is checked before anything is sent', async () => {
    const app = uniqueApp('pb-typed');
    const id = await connect(app);
    const channelId = await call(id, app);
    h.ui.answer('Media URI…', 'hello-world');
    assert.equal(await h.run('playMedia', { serverId: id, channelId }), undefined, 'refused as typed, so nothing was played');
    assert.match(h.ui.last('error')!.message, /validation: "hello-world" is not a media URI: write sound:, tone:, digits:, number:, recording: or characters: and what to play, e\.g\. sound:hello-world\./);
    assert.equal(session(id).model.playbacks.on(`channel:${channelId}`).length, 0);
  });
});
