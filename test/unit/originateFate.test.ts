import assert from 'node:assert/strict';
import type { AriEvent, Channel, ChannelDialplan } from '../../src/ari/generated/ariTypes';
import { originateFate } from '../../src/model/channels/originateFate';
import * as f from '../support/ariFixtures';
import { ModelHarness } from '../support/modelHarness';

const WATCHER = 'stasis-explorer-watch-0a1b2c3d';

/** The model as the session feeds it, with its facts told as the session's onFact tells them. */
function setup() {
  const h = new ModelHarness({ owned: ['ours'] });
  const session = { model: h.model, clock: h.clock, onFact: h.factFeed.event };
  const feed = (fromWatcher: boolean, ...events: AriEvent[]) => {
    for (const event of events) {
      if (fromWatcher) h.watched(event);
      else h.apply(event);
    }
  };
  return { h, session, feed };
}

const inStasisOf = (ch: Channel, data: string): Channel => ({ ...ch, dialplan: { ...ch.dialplan, app_name: 'Stasis', app_data: data } });
const dialplan = (ch: Channel, data: string): ChannelDialplan => ({ type: 'ChannelDialplan', application: WATCHER, timestamp: f.stamp(), asterisk_id: 'x', channel: inStasisOf(ch, data), dialplan_app: 'Stasis', dialplan_app_data: data });

describe('originateFate: what became of an originated call', () => {
  it('entered: its StasisStart in our app', async () => {
    const { session, feed } = setup();
    const fate = originateFate(session, 'c1', 'ours', 5_000);
    feed(false, f.stasisStart('ours', inStasisOf(f.channel('c1'), 'ours')));
    assert.deepEqual(await fate, { kind: 'entered', app: 'ours' });
  });

  it('failedToEnter: the watcher saw it start Stasis(theirs), fail, and go — not "entered" from the dialplan alone', async () => {
    const { session, feed } = setup();
    const ch = f.channel('c1', { dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' } });
    const fate = originateFate(session, 'c1', 'theirs', 5_000);
    feed(true, { type: 'ChannelCreated', application: WATCHER, timestamp: f.stamp(), asterisk_id: 'x', channel: ch }, dialplan(ch, 'theirs'), f.varset(WATCHER, inStasisOf(ch, 'theirs'), 'STASISSTATUS', 'FAILED'), f.destroyed(WATCHER, inStasisOf(ch, 'theirs'), 16));
    assert.deepEqual(await fate, { kind: 'failedToEnter', app: 'theirs' });
  });

  it('another client\'s app: a listing that lists the call counts only once the call stayed in a moment; a FAILED meanwhile wins', async () => {
    const { h, session, feed } = setup();
    const one = f.channel('c1', { dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' } });
    const fate = originateFate(session, 'c1', 'theirs', 5_000);
    feed(true, { type: 'ChannelCreated', application: WATCHER, timestamp: f.stamp(), asterisk_id: 'x', channel: one }, dialplan(one, 'theirs'));
    h.listing([f.application('theirs', ['c1'])]);
    feed(true, f.varset(WATCHER, inStasisOf(one, 'theirs'), 'STASISSTATUS', 'FAILED'));
    assert.deepEqual(await fate, { kind: 'failedToEnter', app: 'theirs' });

    const two = f.channel('c2', { dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' } });
    const entered = originateFate(session, 'c2', 'theirs', 5_000);
    feed(true, { type: 'ChannelCreated', application: WATCHER, timestamp: f.stamp(), asterisk_id: 'x', channel: two }, dialplan(two, 'theirs'));
    h.listing([f.application('theirs', ['c2'])]);
    h.clock.advance(500);
    assert.deepEqual(await entered, { kind: 'entered', app: 'theirs' });
  });

  it('hungUp: destroyed before entering, with the cause', async () => {
    const { session, feed } = setup();
    const fate = originateFate(session, 'c1', 'ours', 5_000);
    feed(true, f.destroyed(WATCHER, f.channel('c1'), 21, 'Call Rejected'));
    assert.deepEqual(await fate, { kind: 'hungUp', cause: 21, causeText: 'Call Rejected' });
  });

  it('waiting: still ringing when the time is up (the session clock, not a real wait)', async () => {
    const { h, session, feed } = setup();
    const fate = originateFate(session, 'c1', 'ours', 5_000);
    feed(true, f.stateChange(WATCHER, f.channel('c1', { state: 'Ringing' })));
    h.clock.advance(5_000);
    assert.deepEqual(await fate, { kind: 'waiting', state: 'Ringing' });
  });
});
