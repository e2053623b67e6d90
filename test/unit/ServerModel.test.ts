// The stores of the model, fed with events and snapshots through the normaliser.
import assert from 'node:assert/strict';
import type { ChangeSet } from '../../src/model/stores/ChangeSet';
import type { ChannelChange } from '../../src/model/stores/ChannelStore';
import * as f from '../support/ariFixtures';
import { ModelHarness } from '../support/modelHarness';
import { modelResync } from './ServerModel.resync';

function record(h: ModelHarness): { apps: ChangeSet[]; channels: ChannelChange[] } {
  const changes = { apps: [] as ChangeSet[], channels: [] as ChannelChange[] };
  h.model.applications.onDidChange((c) => changes.apps.push(c));
  h.model.channels.onDidChange((c) => changes.channels.push(c));
  return changes;
}

describe('ServerModel', () => {
  it('places a channel under the app of its StasisStart, with its args, and names both in one change each', () => {
    const h = new ModelHarness();
    const changes = record(h);
    h.apply(f.stasisStart('ari-example1', f.channel('c1'), ['a', 'b']));
    assert.deepEqual(h.ids('ari-example1'), ['c1']);
    assert.equal(h.model.channels.get('c1')?.stasisApp, 'ari-example1');
    assert.deepEqual(h.model.channels.get('c1')?.args, ['a', 'b']);
    assert.deepEqual(changes.apps, [{ changed: ['ari-example1'], removed: [] }]);
    assert.deepEqual(changes.channels, [{ changed: ['c1'], removed: [], apps: ['ari-example1'], endpoints: ['PJSIP/alice'] }]);
  });

  it('updates the snapshot from ChannelStateChange and names only that channel', () => {
    const h = new ModelHarness().apply(f.stasisStart('app', f.channel('c1')));
    const changes = record(h);
    h.apply(f.stateChange('app', f.channel('c1', { state: 'Up' })));
    assert.equal(h.model.channels.get('c1')?.snapshot.state, 'Up');
    assert.deepEqual(changes.channels, [{ changed: ['c1'], removed: [], apps: [], endpoints: [] }]);
    assert.deepEqual(changes.apps, []);
  });

  it('keeps caller id, dialplan, variables and hangup requests current', () => {
    const h = new ModelHarness().apply(f.stasisStart('app', f.channel('c1')));
    h.apply({ type: 'ChannelCallerId', application: 'app', timestamp: f.stamp(), caller_presentation: 0, caller_presentation_txt: 'Presentation Allowed, Not Screened', channel: f.channel('c1', { caller: { name: 'Zoë', number: '555' } }) });
    assert.deepEqual(h.model.channels.get('c1')?.snapshot.caller, { name: 'Zoë', number: '555' });
    const dialplan = { context: 'stasis-app', exten: '123', priority: 2, app_name: 'Stasis', app_data: 'app' };
    h.apply({ type: 'ChannelDialplan', application: 'app', timestamp: f.stamp(), dialplan_app: 'Stasis', dialplan_app_data: 'app', channel: f.channel('c1', { dialplan }) });
    assert.deepEqual(h.model.channels.get('c1')?.snapshot.dialplan, dialplan);
    h.apply({ type: 'ChannelConnectedLine', application: 'app', timestamp: f.stamp(), channel: f.channel('c1', { connected: { name: 'Bob', number: '200' } }) });
    assert.equal(h.model.channels.get('c1')?.snapshot.connected.name, 'Bob');
    h.apply(f.varset('app', f.channel('c1'), 'FOO', 'bar'), f.hangupRequest('app', f.channel('c1'), 17));
    const c = h.model.channels.get('c1')!;
    assert.equal(c.variables.get('FOO'), 'bar');
    assert.deepEqual(c.hangupRequested, { cause: 17, soft: undefined });
  });

  it('takes the channel out of its app on StasisEnd', () => {
    const h = new ModelHarness().apply(f.stasisStart('app', f.channel('c1')), f.stasisEnd('app', f.channel('c1')));
    assert.deepEqual(h.ids('app'), []);
    assert.equal(h.model.channels.countOf('app'), 0);
    assert.equal(h.model.channels.get('c1')?.stasisApp, undefined, 'kept, in no app, until a StasisStart or a resync');
  });

  it('forgets a dialplan-entered channel at the StasisEnd that follows its hangup request (no ChannelDestroyed comes)', () => {
    const h = new ModelHarness().apply(f.stasisStart('app', f.channel('c1')), f.hangupRequest('app', f.channel('c1')), f.stasisEnd('app', f.channel('c1')));
    assert.equal(h.model.channels.get('c1'), undefined);
    h.apply(f.stateChange('app', f.channel('c1')));
    assert.equal(h.model.channels.get('c1'), undefined, 'a late copy does not revive it');
  });

  it('keeps variables and bridge of a channel across a move, which is not a removal', () => {
    const h = new ModelHarness();
    const changes = record(h);
    const bridge = { id: 'br1', technology: 'simple_bridge', bridge_type: 'mixing' as const, bridge_class: 'stasis', creator: 'Stasis', name: '', channels: ['c1'], creationtime: f.stamp() };
    h.apply(f.stasisStart('a', f.channel('c1')), f.varset('a', f.channel('c1'), 'FOO', 'bar'));
    h.apply({ type: 'ChannelEnteredBridge', application: 'a', timestamp: f.stamp(), bridge, channel: f.channel('c1') });
    h.apply(f.stasisEnd('a', f.channel('c1')), f.stasisStart('b', f.channel('c1')));
    const c = h.model.channels.get('c1')!;
    assert.equal(c.variables.get('FOO'), 'bar');
    assert.equal(h.model.bridges.bridgeOf('c1')?.id, 'br1');
    assert.deepEqual([...h.model.bridges.idsOf('a')], ['br1']);
    assert.ok(changes.channels.every((ch) => ch.removed.length === 0), 'a move is not a removal');
  });

  for (const order of ['end-then-start', 'start-then-end'] as const) {
    it(`shows a moved channel only in the destination (${order})`, () => {
      const h = new ModelHarness().apply(f.stasisStart('a', f.channel('c1')));
      const end = f.stasisEnd('a', f.channel('c1'));
      const start = f.stasisStart('b', f.channel('c1'), ['some', 'example', 'args']);
      h.apply(...(order === 'end-then-start' ? [end, start] : [start, end]));
      assert.deepEqual(h.ids('a'), []);
      assert.deepEqual(h.ids('b'), ['c1']);
      assert.deepEqual(h.model.channels.get('c1')?.args, ['some', 'example', 'args']);
    });
  }

  it("does not bring a destroyed channel back when another app's copy of an event arrives late", () => {
    const h = new ModelHarness().apply(f.stasisStart('b', f.channel('c1')));
    const changes = record(h);
    h.apply(f.destroyed('b', f.channel('c1')), f.hangupRequest('a', f.channel('c1')), f.destroyed('a', f.channel('c1')));
    assert.equal(h.model.channels.get('c1'), undefined);
    assert.deepEqual(h.ids('a'), []);
    assert.deepEqual(changes.channels.map((c) => c.removed), [['c1']]);
  });

  it('after a move, a hangup seen by the old app does not list the channel there again', () => {
    const h = new ModelHarness().apply(f.stasisStart('a', f.channel('c1')), f.stasisEnd('a', f.channel('c1')), f.stasisStart('b', f.channel('c1')), f.hangupRequest('a', f.channel('c1')));
    assert.deepEqual(h.ids('a'), []);
    assert.deepEqual(h.ids('b'), ['c1']);
  });

  it('shows an originated channel under its app before it enters Stasis', () => {
    const h = new ModelHarness().apply(f.stateChange('app', f.channel('c1', { state: 'Ringing', dialplan: { context: 'default', exten: '100', priority: 1, app_name: 'AppDial2', app_data: '' } })));
    assert.deepEqual(h.ids('app'), ['c1']);
    assert.equal(h.model.channels.get('c1')?.stasisApp, undefined);
  });

  it('accepts a reused channel id (a new creationtime) after the old channel was destroyed, even before StasisStart', () => {
    const h = new ModelHarness().apply(f.stasisStart('app', f.channel('fixed-id')), f.destroyed('app', f.channel('fixed-id')));
    h.apply(f.stateChange('app', f.channel('fixed-id', { state: 'Ringing', creationtime: '2026-11-26T10:05:00.000+0000' })));
    assert.deepEqual(h.ids('app'), ['fixed-id']);
  });

  it('lists our apps even before Asterisk or an event names them, and asks ownership (one owner) whether one is ours', () => {
    const h = new ModelHarness();
    const changes = record(h);
    h.ownership.set('mine', true);
    assert.deepEqual(h.model.applications.all.map((a) => a.name), ['mine']);
    assert.deepEqual(changes.apps, [{ changed: ['mine'], removed: [] }]);
    h.ownership.set('mine', false);
    assert.deepEqual(h.model.applications.all.map((a) => a.name), ['mine'], 'kept until a resync no longer lists it');
  });

  describe('resync', modelResync);
});
