import assert from 'node:assert/strict';
import { ChannelJourney } from '../../src/model/ChannelJourney';
import * as f from '../support/ariFixtures';

const c1 = f.channel('c1');
const kinds = (j: ChannelJourney) => j.of('c1').map((s) => s.kind);

describe('ChannelJourney', () => {
  it('records entered, moved with args, move failed and hung up, in order', () => {
    const j = new ChannelJourney();
    j.record(f.stasisStart('ari-example1', c1, ['a']));
    j.recordMoveRequest('c1', 'ari-example1', 'ari-example2', ['some', 'example', 'args'], f.stamp());
    j.record(f.stasisEnd('ari-example1', c1));
    j.record(f.stasisStart('ari-example2', c1, ['some', 'example', 'args']));
    j.record(f.moveFailed('ari-example2', c1, 'nowhere', ['z']));
    j.record(f.stasisEnd('ari-example2', c1));
    j.record(f.destroyed('ari-example2', c1, 16, 'Normal Clearing'));
    assert.deepEqual(kinds(j), ['entered', 'moveRequested', 'moved', 'moveFailed', 'left', 'hungUp']);
    const moved = j.of('c1')[2];
    assert.deepEqual(moved.kind === 'moved' && [moved.from, moved.to, moved.args], ['ari-example1', 'ari-example2', ['some', 'example', 'args']]);
    const failed = j.of('c1')[3];
    assert.deepEqual(failed.kind === 'moveFailed' && [failed.app, failed.destination, failed.args], ['ari-example2', 'nowhere', ['z']]);
  });

  it('recognises a move whose StasisStart arrived before the StasisEnd', () => {
    const j = new ChannelJourney();
    j.record(f.stasisStart('a', c1));
    j.record(f.stasisStart('b', c1, ['x']));
    j.record(f.stasisEnd('a', c1));
    assert.deepEqual(kinds(j), ['entered', 'moved']);
    const moved = j.of('c1')[1];
    assert.deepEqual(moved.kind === 'moved' && [moved.from, moved.to, moved.args], ['a', 'b', ['x']]);
  });

  it('records the hangup once although every subscribed app reports it', () => {
    const j = new ChannelJourney();
    j.record(f.stasisStart('b', c1));
    j.record(f.destroyed('a', c1));
    j.record(f.destroyed('b', c1));
    assert.deepEqual(kinds(j), ['entered', 'hungUp']);
  });

  it('records a hangup from the hangup request, for channels that get no ChannelDestroyed', () => {
    const j = new ChannelJourney();
    j.record(f.stasisStart('a', c1));
    j.record(f.hangupRequest('a', c1, 16));
    j.record(f.stasisEnd('a', c1));
    assert.deepEqual(kinds(j), ['entered', 'hungUp', 'left']);
  });

  it('forgets the oldest journeys beyond its bound', () => {
    const j = new ChannelJourney(2);
    for (const id of ['x', 'y', 'z']) j.record(f.stasisStart('a', f.channel(id)));
    assert.equal(j.size, 2);
    assert.deepEqual(j.of('x'), []);
    assert.equal(j.of('z').length, 1);
  });
});
