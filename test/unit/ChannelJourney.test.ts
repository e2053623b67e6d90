import assert from 'node:assert/strict';
import { ChannelJourney } from '../../src/model/ChannelJourney';
import * as f from '../support/ariFixtures';
import { ModelHarness } from '../support/modelHarness';

const c1 = f.channel('c1');
const kinds = (h: ModelHarness) => h.journeys.of('c1').map((s) => s.kind);

describe('ChannelJourney', () => {
  it('records entered, move requested, moved with args, move failed, left and hung up, in order', () => {
    const h = new ModelHarness({ owned: ['ari-example1', 'ari-example2'] });
    h.apply(f.stasisStart('ari-example1', c1, ['a']));
    void h.move('c1', 'ari-example2', ['some', 'example', 'args']);
    h.apply(f.stasisEnd('ari-example1', c1), f.stasisStart('ari-example2', c1, ['some', 'example', 'args']));
    h.apply(f.moveFailed('ari-example2', c1, 'nowhere', ['z']), f.stasisEnd('ari-example2', c1), f.destroyed('ari-example2', c1, 16, 'Normal Clearing'));
    assert.deepEqual(kinds(h), ['entered', 'moveRequested', 'moved', 'moveFailed', 'left', 'hungUp']);
    const moved = h.journeys.of('c1')[2];
    assert.deepEqual(moved.kind === 'moved' && [moved.from, moved.to, moved.args], ['ari-example1', 'ari-example2', ['some', 'example', 'args']]);
    const failed = h.journeys.of('c1')[3];
    assert.deepEqual(failed.kind === 'moveFailed' && [failed.app, failed.destination, failed.args], ['ari-example2', 'nowhere', ['z']]);
    const hungUp = h.journeys.of('c1')[5];
    assert.deepEqual(hungUp.kind === 'hungUp' && [hungUp.cause, hungUp.causeText], [16, 'Normal Clearing']);
  });

  it('recognises a move whose StasisStart arrived before the StasisEnd', () => {
    const h = new ModelHarness().apply(f.stasisStart('a', c1), f.stasisStart('b', c1, ['x']), f.stasisEnd('a', c1));
    assert.deepEqual(h.stasisJourney('c1'), ['entered a', 'moved a → b [x]']);
  });

  it('a StasisEnd alone is a leave; the StasisStart that follows turns it into the move it was', () => {
    const h = new ModelHarness().apply(f.stasisStart('a', c1), f.stasisEnd('a', c1));
    assert.deepEqual(h.stasisJourney('c1'), ['entered a', 'left a']);
    h.apply(f.stasisStart('b', c1));
    assert.deepEqual(h.stasisJourney('c1'), ['entered a', 'moved a → b']);
  });

  it('records the hangup once although every subscribed app reports it', () => {
    const h = new ModelHarness().apply(f.stasisStart('b', c1), f.destroyed('a', c1), f.destroyed('b', c1));
    // Destroyed inside b: it left b then, whether b's StasisEnd comes before or after (another socket).
    assert.deepEqual(kinds(h), ['entered', 'hungUp', 'left']);
  });

  it('records a hangup from the hangup request, for channels that get no ChannelDestroyed', () => {
    const h = new ModelHarness().apply(f.stasisStart('a', c1), f.hangupRequest('a', c1, 16), f.stasisEnd('a', c1));
    assert.deepEqual(kinds(h), ['entered', 'hungUp', 'left']);
  });

  it('keeps no journey for a channel that never entered an app', () => {
    const h = new ModelHarness().apply(f.stateChange('a', c1), f.destroyed('a', c1));
    assert.deepEqual(h.journeys.of('c1'), []);
  });

  it('forgets the oldest journeys beyond its bound', () => {
    const j = new ChannelJourney(2);
    const h = new ModelHarness();
    h.normaliser.readEvent(f.stasisStart('a', f.channel('x')));
    for (const fact of h.facts) j.apply(fact);
    for (const id of ['y', 'z']) {
      h.facts.length = 0;
      h.normaliser.readEvent(f.stasisStart('a', f.channel(id)));
      for (const fact of h.facts) j.apply(fact);
    }
    assert.equal(j.size, 2);
    assert.deepEqual(j.of('x'), []);
    assert.equal(j.of('z').length, 1);
  });
});
