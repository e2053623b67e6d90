// MediaControl (src/model/media/MediaControl.ts): each playback we start ends in one outcome, read
// from its facts; what the real Asterisk does is in test/integration/media.test.ts.
import assert from 'node:assert/strict';
import { Emitter } from '../../src/ari/Emitter';
import type { Playback } from '../../src/ari/generated/ariTypes';
import type { Fact } from '../../src/model/facts/Fact';
import { MediaControl } from '../../src/model/media/MediaControl';
import * as f from '../support/ariFixtures';
import { FakeClock } from '../support/FakeClock';

const playback = (id: string, state: Playback['state'], target = 'channel:c1'): Playback => ({ id, media_uri: 'sound:x', target_uri: target, language: 'en', state });

function wired(answer: Playback) {
  const facts = new Emitter<Fact>();
  const clock = new FakeClock();
  const calls: string[] = [];
  const rest = {
    call: async (id: string) => {
      calls.push(id);
      return answer;
    },
  };
  return { facts, clock, calls, media: new MediaControl(rest as never, facts.event, clock, 10_000) };
}

describe('MediaControl', () => {
  it('a playback that plays to its end is done; one Asterisk cannot play is failed', async () => {
    const { facts, media } = wired(playback('p1', 'queued'));
    const { outcome } = await media.play({ channelId: 'c1' }, ['sound:x']);
    facts.fire({ kind: 'playback', playback: playback('p1', 'playing'), phase: 'started' });
    facts.fire({ kind: 'playback', playback: playback('p1', 'done'), phase: 'finished' });
    assert.deepEqual(await outcome, { kind: 'done' });
    const second = wired(playback('p2', 'playing'));
    const failing = await second.media.play({ bridgeId: 'b1' }, ['sound:nope']);
    second.facts.fire({ kind: 'playback', playback: playback('p2', 'failed'), phase: 'finished' });
    assert.deepEqual(await failing.outcome, { kind: 'failed' });
    assert.deepEqual(second.calls, ['bridges.play']);
  });

  it('still queued after the wait: never started (a start in time keeps it going)', async () => {
    const { clock, media } = wired(playback('p1', 'queued'));
    const { outcome } = await media.play({ channelId: 'c1' }, ['sound:x']);
    clock.advance(10_000);
    assert.deepEqual(await outcome, { kind: 'neverStarted', waitedMs: 10_000 });
    const again = wired(playback('p2', 'queued'));
    const started = await again.media.play({ channelId: 'c1' }, ['sound:x']);
    again.facts.fire({ kind: 'playback', playback: playback('p2', 'playing'), phase: 'started' });
    again.clock.advance(60_000);
    again.facts.fire({ kind: 'playback', playback: playback('p2', 'done'), phase: 'finished' });
    assert.deepEqual(await started.outcome, { kind: 'done' });
  });

  it('started before its POST was answered (which said queued): it is not reported as never started', async () => {
    const { facts, clock, media } = wired(playback('p1', 'queued'));
    facts.fire({ kind: 'playback', playback: playback('p1', 'playing'), phase: 'started' });
    const { outcome } = await media.play({ channelId: 'c1' }, ['sound:x']);
    clock.advance(60_000);
    facts.fire({ kind: 'playback', playback: playback('p1', 'done'), phase: 'finished' });
    assert.deepEqual(await outcome, { kind: 'done' });
  });

  it('a recording named as an old one that ended: the old end does not settle the new one', async () => {
    const recording = (state: 'queued' | 'done') => ({ name: 'x', format: 'wav', target_uri: 'channel:c1', state });
    const { facts, clock, media } = wired(recording('queued') as never);
    facts.fire({ kind: 'recording', recording: recording('done'), phase: 'finished' });
    clock.advance(1_000);
    let settled: unknown;
    const { outcome } = await media.record({ channelId: 'c1' }, { name: 'x', format: 'wav' });
    void outcome.then((o) => (settled = o));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(settled, undefined, 'still going');
    facts.fire({ kind: 'recording', recording: { ...recording('done'), duration: 3 }, phase: 'finished' });
    assert.deepEqual(await outcome, { kind: 'done', durationSeconds: 3 });
  });

  it('finished before its POST was answered: the outcome is still its own', async () => {
    const { facts, media } = wired(playback('p1', 'playing'));
    facts.fire({ kind: 'playback', playback: playback('p1', 'failed'), phase: 'finished' });
    const { outcome } = await media.play({ channelId: 'c1' }, ['sound:x']);
    assert.deepEqual(await outcome, { kind: 'failed' });
  });

  it('stopped by us is stopped (Asterisk says done); a failure after its channel hung up, or the channel gone, is targetGone', async () => {
    const { facts, media } = wired(playback('p1', 'playing'));
    const stopped = await media.play({ channelId: 'c1' }, ['sound:x']);
    await media.stop({ playbackId: 'p1' });
    facts.fire({ kind: 'playback', playback: playback('p1', 'done'), phase: 'finished' });
    assert.deepEqual(await stopped.outcome, { kind: 'stopped' });

    const cut = wired(playback('p2', 'playing'));
    const first = await cut.media.play({ channelId: 'c1' }, ['sound:x']);
    cut.facts.fire({ kind: 'hungUp', channel: f.channel('c1'), cause: 16, causeText: 'Normal Clearing', soft: undefined, destroyed: false, at: f.stamp() });
    cut.facts.fire({ kind: 'playback', playback: playback('p2', 'failed'), phase: 'finished' });
    assert.deepEqual(await first.outcome, { kind: 'targetGone' });

    const gone = wired(playback('p3', 'playing'));
    const third = await gone.media.play({ channelId: 'c1' }, ['sound:x']);
    gone.facts.fire({ kind: 'channelGone', channelId: 'c1', reason: 'destroyed' });
    assert.deepEqual(await third.outcome, { kind: 'targetGone' });
  });
});
