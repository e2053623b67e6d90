// What plays and records where (src/model/stores/MediaStore.ts): from the Playback* and Recording*
// events, and gone with its target, a channel or a bridge, however that goes.
import assert from 'node:assert/strict';
import type { AriEvent, Bridge, Playback } from '../../src/ari/generated/ariTypes';
import { ModelHarness } from '../support/modelHarness';
import * as f from '../support/ariFixtures';

const playback = (id: string, target: string, state: Playback['state'] = 'playing'): Playback => ({ id, media_uri: 'sound:x', target_uri: target, language: 'en', state });
const started = (p: Playback): AriEvent => ({ type: 'PlaybackStarted', application: 'app', timestamp: f.stamp(), playback: p });
const bridge = (id: string): Bridge => ({ id, technology: 'simple_bridge', bridge_type: 'mixing', bridge_class: 'stasis', creator: 'Stasis', name: '', channels: [], creationtime: f.stamp(), video_mode: 'talker' });

describe('MediaStore', () => {
  it('keeps what plays under its target until it finishes', () => {
    const h = new ModelHarness({ owned: ['app'] }).apply(f.stasisStart('app', f.channel('c1')), started(playback('p1', 'channel:c1')));
    assert.deepEqual(h.model.playbacks.on('channel:c1').map((p) => p.id), ['p1']);
    h.apply({ type: 'PlaybackFinished', application: 'app', timestamp: f.stamp(), playback: playback('p1', 'channel:c1', 'done') });
    assert.deepEqual(h.model.playbacks.on('channel:c1'), []);
  });

  it('drops what was on a channel that went, a bridge destroyed, or a bridge a resync no longer lists', () => {
    const h = new ModelHarness({ owned: ['app'] }).apply(f.stasisStart('app', f.channel('c1')), started(playback('p1', 'channel:c1')), started(playback('p2', 'bridge:b1')), started(playback('p3', 'bridge:b2')));
    h.apply(f.destroyed('app', f.channel('c1')));
    assert.deepEqual(h.model.playbacks.on('channel:c1'), []);
    h.apply({ type: 'BridgeDestroyed', application: 'app', timestamp: f.stamp(), bridge: bridge('b1') });
    assert.deepEqual(h.model.playbacks.on('bridge:b1'), []);
    assert.equal(h.model.playbacks.on('bridge:b2').length, 1);
    h.resync({ applications: [], channels: [], bridges: [bridge('b3')], endpoints: [] });
    assert.deepEqual([...h.model.playbacks.all], []);
  });

  it('keeps live recordings by name, and their failure removes them', () => {
    const h = new ModelHarness({ owned: ['app'] }).apply(f.stasisStart('app', f.channel('c1')));
    const recording = { name: 'r/1', format: 'wav', target_uri: 'channel:c1', state: 'recording' as const };
    h.apply({ type: 'RecordingStarted', application: 'app', timestamp: f.stamp(), recording });
    assert.deepEqual(h.model.recordings.on('channel:c1').map((r) => r.name), ['r/1']);
    h.apply({ type: 'RecordingFailed', application: 'app', timestamp: f.stamp(), recording: { ...recording, state: 'failed', cause: 'Cannot record channel while in bridge' } });
    assert.deepEqual(h.model.recordings.on('channel:c1'), []);
  });
});
