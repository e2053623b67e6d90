// What a channel signals, kept on it by the ChannelStore: DTMF digits (one per event, though our
// app and the watcher each get a copy), hold from its own side, talking.
import assert from 'node:assert/strict';
import type { AriEvent } from '../../src/ari/generated/ariTypes';
import { ModelHarness } from '../support/modelHarness';
import * as f from '../support/ariFixtures';

const dtmf = (app: string, digit: string, timestamp: string): AriEvent => ({ type: 'ChannelDtmfReceived', application: app, timestamp, digit, duration_ms: 100, channel: f.channel('c1') });

describe('channel signals', () => {
  it('DTMF digits are kept in order, the last twelve, each once though two sockets tell it', () => {
    const h = new ModelHarness({ owned: ['app'] }).apply(f.stasisStart('app', f.channel('c1')));
    h.apply(dtmf('app', '1', '2026-12-01T10:00:00.100+0000'));
    h.watched(dtmf('watcher', '1', '2026-12-01T10:00:00.100+0000'));
    h.apply(dtmf('app', '1', '2026-12-01T10:00:00.300+0000'));
    assert.equal(h.model.channels.get('c1')?.dtmf, '11', 'the same digit pressed again is another event');
    // Copies in any order (two of our apps and the watcher each get one).
    h.apply(dtmf('app', '7', '2026-12-01T10:00:00.500+0000'), dtmf('app', '8', '2026-12-01T10:00:00.600+0000'));
    h.watched(dtmf('watcher', '7', '2026-12-01T10:00:00.500+0000'), dtmf('watcher', '8', '2026-12-01T10:00:00.600+0000'));
    assert.equal(h.model.channels.get('c1')?.dtmf, '1178');
    for (let i = 0; i < 12; i++) h.apply(dtmf('app', String(i % 10), `2026-12-01T10:00:01.${String(i).padStart(3, '0')}+0000`));
    assert.equal(h.model.channels.get('c1')?.dtmf, '012345678901');
  });

  it("hold and talking follow their events, ours or the watcher's", () => {
    const h = new ModelHarness({ owned: ['app'] }).apply(f.stasisStart('app', f.channel('c1')));
    const ev = (type: string): AriEvent => ({ type, application: 'app', timestamp: f.stamp(), channel: f.channel('c1') }) as AriEvent;
    h.apply(ev('ChannelHold'));
    assert.equal(h.model.channels.get('c1')?.onHold, true);
    h.watched(ev('ChannelUnhold'));
    assert.equal(h.model.channels.get('c1')?.onHold, false);
    h.apply(ev('ChannelTalkingStarted'));
    assert.equal(h.model.channels.get('c1')?.talking, true);
    h.apply(ev('ChannelTalkingFinished'));
    assert.equal(h.model.channels.get('c1')?.talking, false);
  });
});
