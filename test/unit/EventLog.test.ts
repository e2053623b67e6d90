import assert from 'node:assert/strict';
import { EventLog } from '../../src/model/EventLog';
import * as f from '../support/ariFixtures';

describe('EventLog', () => {
  it('gives increasing ids and finds events by id', () => {
    const log = new EventLog(10);
    const a = log.append('pbx', f.stasisStart('app', f.channel('c1')));
    const b = log.append('pbx', f.stasisEnd('app', f.channel('c1')));
    assert.equal(b.id, a.id + 1);
    assert.equal(log.get(a.id)?.event.type, 'StasisStart');
    assert.equal(log.size, 2);
  });

  it('keeps only the newest N events and never reuses an id', () => {
    const log = new EventLog(3);
    for (let i = 0; i < 7; i++) log.append('pbx', f.stateChange('app', f.channel(`c${i}`)));
    assert.equal(log.size, 3);
    assert.deepEqual(log.all().map((e) => e.id), [5, 6, 7]);
    assert.equal(log.get(4), undefined);
    assert.equal(log.firstId, 5);
  });

  it('finds events by channel, application and type, and no longer the evicted ones', () => {
    const log = new EventLog(4);
    log.append('pbx', f.stasisStart('a', f.channel('c1')));
    log.append('pbx', f.stasisStart('b', f.channel('c2')));
    log.append('pbx', f.stateChange('a', f.channel('c1')));
    log.append('pbx', f.stasisEnd('a', f.channel('c1')));
    assert.deepEqual(log.forChannel('c1').map((e) => e.event.type), ['StasisStart', 'ChannelStateChange', 'StasisEnd']);
    assert.equal(log.forApplication('b').length, 1);
    assert.equal(log.forType('StasisStart').length, 2);
    log.append('pbx', f.stateChange('b', f.channel('c2')));
    assert.deepEqual(log.forChannel('c1').map((e) => e.event.type), ['ChannelStateChange', 'StasisEnd']);
    assert.equal(log.forType('StasisStart').length, 1);
  });

  it('finds an event by every channel it names (Dial names caller and peer)', () => {
    const log = new EventLog(5);
    log.append('pbx', { type: 'Dial', application: 'a', timestamp: f.stamp(), caller: f.channel('c1'), peer: f.channel('c2'), dialstatus: 'ANSWER' });
    assert.equal(log.forChannel('c1').length, 1);
    assert.equal(log.forChannel('c2').length, 1);
  });

  it('stays correct over many wrap-arounds', () => {
    const log = new EventLog(100);
    for (let i = 0; i < 10_000; i++) log.append('pbx', f.stateChange(i % 2 ? 'a' : 'b', f.channel(`c${i % 7}`)));
    assert.equal(log.size, 100);
    const byApp = log.forApplication('a').length + log.forApplication('b').length;
    assert.equal(byApp, 100);
    const byChannel = Array.from({ length: 7 }, (_, i) => log.forChannel(`c${i}`).length).reduce((x, y) => x + y);
    assert.equal(byChannel, 100);
    assert.ok(log.forChannel('c3').every((e) => e.event.type === 'ChannelStateChange' && e.event.channel.id === 'c3'));
  });

  it('refuses a capacity that is not a positive integer', () => {
    assert.throws(() => new EventLog(0), /positive integer/);
  });
});
