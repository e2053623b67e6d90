import assert from 'node:assert/strict';
import { ServerState } from '../../src/model/ServerState';
import type { StateChange } from '../../src/model/StateChange';
import * as f from '../support/ariFixtures';

function record(state: ServerState): StateChange[] {
  const changes: StateChange[] = [];
  state.onDidChange((c) => changes.push(c));
  return changes;
}

const ids = (state: ServerState, app: string) => state.channelsOf(app).map((c) => c.id).sort();

describe('ServerState', () => {
  it('places a channel under the app of its StasisStart, with its args, and names both in the change', () => {
    const state = new ServerState();
    const changes = record(state);
    state.apply(f.stasisStart('ari-example1', f.channel('c1'), ['a', 'b']));
    assert.deepEqual(ids(state, 'ari-example1'), ['c1']);
    assert.equal(state.channel('c1')?.stasisApp, 'ari-example1');
    assert.deepEqual(state.channel('c1')?.args, ['a', 'b']);
    assert.deepEqual(changes, [{ applications: ['ari-example1'], channels: ['c1'], removedApplications: [], removedChannels: [] }]);
  });

  it('updates the snapshot from ChannelStateChange and names only that channel', () => {
    const state = new ServerState();
    state.apply(f.stasisStart('app', f.channel('c1')));
    const changes = record(state);
    state.apply(f.stateChange('app', f.channel('c1', { state: 'Up' })));
    assert.equal(state.channel('c1')?.snapshot.state, 'Up');
    assert.deepEqual(changes, [{ applications: [], channels: ['c1'], removedApplications: [], removedChannels: [] }]);
  });

  it('keeps caller id, dialplan, variables and hangup requests current', () => {
    const state = new ServerState();
    state.apply(f.stasisStart('app', f.channel('c1')));
    state.apply({ type: 'ChannelCallerId', application: 'app', timestamp: f.stamp(), caller_presentation: 0, caller_presentation_txt: 'Presentation Allowed, Not Screened', channel: f.channel('c1', { caller: { name: 'Zoë', number: '555' } }) });
    assert.deepEqual(state.channel('c1')?.snapshot.caller, { name: 'Zoë', number: '555' });
    const dialplan = { context: 'stasis-app', exten: '123', priority: 2, app_name: 'Stasis', app_data: 'app' };
    state.apply({ type: 'ChannelDialplan', application: 'app', timestamp: f.stamp(), dialplan_app: 'Stasis', dialplan_app_data: 'app', channel: f.channel('c1', { dialplan }) });
    assert.deepEqual(state.channel('c1')?.snapshot.dialplan, dialplan);
    state.apply({ type: 'ChannelConnectedLine', application: 'app', timestamp: f.stamp(), channel: f.channel('c1', { connected: { name: 'Bob', number: '200' } }) });
    assert.equal(state.channel('c1')?.snapshot.connected.name, 'Bob');
    state.apply(f.varset('app', f.channel('c1'), 'FOO', 'bar'));
    state.apply(f.hangupRequest('app', f.channel('c1'), 17));
    const c = state.channel('c1')!;
    assert.equal(c.variables.get('FOO'), 'bar');
    assert.deepEqual(c.hangupRequested, { cause: 17, soft: undefined });
  });

  it('removes the channel from its app on StasisEnd', () => {
    const state = new ServerState();
    state.apply(f.stasisStart('app', f.channel('c1')));
    state.apply(f.stasisEnd('app', f.channel('c1')));
    assert.deepEqual(ids(state, 'app'), []);
    assert.equal(state.application('app')?.channelIds.size, 0);
  });

  it('forgets a dialplan-entered channel at the StasisEnd that follows its hangup request (no ChannelDestroyed comes)', () => {
    const state = new ServerState();
    state.apply(f.stasisStart('app', f.channel('c1')));
    state.apply(f.hangupRequest('app', f.channel('c1')));
    state.apply(f.stasisEnd('app', f.channel('c1')));
    assert.equal(state.channel('c1'), undefined);
    state.apply(f.stateChange('app', f.channel('c1')));
    assert.equal(state.channel('c1'), undefined, 'a late copy does not revive it');
  });

  it('keeps variables and bridge of a channel across a move', () => {
    const state = new ServerState();
    const changes = record(state);
    state.apply(f.stasisStart('a', f.channel('c1')));
    state.apply(f.varset('a', f.channel('c1'), 'FOO', 'bar'));
    state.apply({ type: 'ChannelEnteredBridge', application: 'a', timestamp: f.stamp(), bridge: { id: 'br1', technology: 'simple_bridge', bridge_type: 'mixing', bridge_class: 'stasis', creator: 'Stasis', name: '', channels: ['c1'], creationtime: f.stamp() }, channel: f.channel('c1') });
    state.apply(f.stasisEnd('a', f.channel('c1')));
    state.apply(f.stasisStart('b', f.channel('c1')));
    const c = state.channel('c1')!;
    assert.equal(c.variables.get('FOO'), 'bar');
    assert.equal(c.bridgeId, 'br1');
    assert.ok(changes.every((ch) => ch.removedChannels.length === 0), 'a move is not a removal');
  });

  for (const order of ['end-then-start', 'start-then-end'] as const) {
    it(`shows a moved channel only in the destination (${order})`, () => {
      const state = new ServerState();
      state.apply(f.stasisStart('a', f.channel('c1')));
      const end = f.stasisEnd('a', f.channel('c1'));
      const start = f.stasisStart('b', f.channel('c1'), ['some', 'example', 'args']);
      for (const e of order === 'end-then-start' ? [end, start] : [start, end]) state.apply(e);
      assert.deepEqual(ids(state, 'a'), []);
      assert.deepEqual(ids(state, 'b'), ['c1']);
      assert.deepEqual(state.channel('c1')?.args, ['some', 'example', 'args']);
    });
  }

  it('does not bring a destroyed channel back when another app\'s copy of an event arrives late', () => {
    const state = new ServerState();
    state.apply(f.stasisStart('b', f.channel('c1')));
    const changes = record(state);
    state.apply(f.destroyed('b', f.channel('c1')));
    state.apply(f.hangupRequest('a', f.channel('c1')));
    state.apply(f.destroyed('a', f.channel('c1')));
    assert.equal(state.channel('c1'), undefined);
    assert.deepEqual(ids(state, 'a'), []);
    assert.deepEqual(changes.map((c) => c.removedChannels), [['c1']]);
  });

  it('after a move, a hangup seen by the old app does not list the channel there again', () => {
    const state = new ServerState();
    state.apply(f.stasisStart('a', f.channel('c1')));
    state.apply(f.stasisEnd('a', f.channel('c1')));
    state.apply(f.stasisStart('b', f.channel('c1')));
    state.apply(f.hangupRequest('a', f.channel('c1')));
    assert.deepEqual(ids(state, 'a'), []);
    assert.deepEqual(ids(state, 'b'), ['c1']);
  });

  it('shows an originated channel under its app before it enters Stasis', () => {
    const state = new ServerState();
    state.apply(f.stateChange('app', f.channel('c1', { state: 'Ringing', dialplan: { context: 'default', exten: '100', priority: 1, app_name: 'AppDial2', app_data: '' } })));
    assert.deepEqual(ids(state, 'app'), ['c1']);
    assert.equal(state.channel('c1')?.stasisApp, undefined);
  });

  it('accepts a reused channel id (a new creationtime) after the old channel was destroyed, even before StasisStart', () => {
    const state = new ServerState();
    state.apply(f.stasisStart('app', f.channel('fixed-id')));
    state.apply(f.destroyed('app', f.channel('fixed-id')));
    state.apply(f.stateChange('app', f.channel('fixed-id', { state: 'Ringing', creationtime: '2026-11-26T10:05:00.000+0000' })));
    assert.deepEqual(ids(state, 'app'), ['fixed-id']);
  });

  it('marks an app no longer owned on ApplicationReplaced', () => {
    const state = new ServerState();
    state.setOwned('app', true);
    assert.equal(state.application('app')?.owned, true);
    state.apply(f.replaced('app'));
    assert.equal(state.application('app')?.owned, false);
  });

  describe('resync', () => {
    it('adds a channel that entered while the socket was down and drops one that left', () => {
      const state = new ServerState();
      state.setOwned('app', true);
      state.apply(f.stasisStart('app', f.channel('gone')));
      const fresh = f.channel('new', { dialplan: { context: 'default', exten: '100', priority: 1, app_name: 'Stasis', app_data: 'app,x,y' } });
      state.resync({ applications: [f.application('app', ['new'])], channels: [fresh] });
      assert.deepEqual(ids(state, 'app'), ['new']);
      assert.equal(state.channel('gone'), undefined);
      assert.equal(state.channel('new')?.stasisApp, 'app');
      assert.deepEqual(state.channel('new')?.args, ['x', 'y']);
    });

    it('is idempotent: the same snapshot twice changes nothing the second time', () => {
      const state = new ServerState();
      const snapshot = { applications: [f.application('app', ['c1']), f.application('other', [])], channels: [f.channel('c1')] };
      state.resync(snapshot);
      const changes = record(state);
      state.resync(snapshot);
      assert.deepEqual(changes, []);
    });

    it('removes apps Asterisk no longer lists unless they are ours', () => {
      const state = new ServerState();
      state.setOwned('mine', true);
      state.resync({ applications: [f.application('theirs')], channels: [] });
      state.resync({ applications: [], channels: [] });
      assert.deepEqual(state.applications.map((a) => a.name), ['mine']);
    });

    it('after two quick moves, a first destination\'s StasisStart and StasisEnd arriving late (another socket) do not move the channel back', () => {
      const state = new ServerState();
      const at = (ms: number) => new Date(Date.UTC(2026, 10, 26, 12, 0, 0, ms)).toISOString().replace('Z', '+0000');
      state.apply({ ...f.stasisStart('a', f.channel('c1')), timestamp: at(0) });
      state.apply({ ...f.stasisEnd('a', f.channel('c1')), timestamp: at(10) });
      state.apply({ ...f.stasisStart('c', f.channel('c1'), ['2']), timestamp: at(30) });
      state.apply({ ...f.stasisStart('b', f.channel('c1'), ['1']), timestamp: at(11) });
      state.apply({ ...f.stasisEnd('b', f.channel('c1')), timestamp: at(29) });
      assert.equal(state.channel('c1')?.stasisApp, 'c');
      assert.deepEqual(state.channel('c1')?.args, ['2']);
      assert.deepEqual(ids(state, 'c'), ['c1']);
      assert.deepEqual(ids(state, 'b'), []);
    });

    it('keeps a moved channel in its new app although the old one still lists its subscription', () => {
      const state = new ServerState();
      state.apply(f.stasisStart('a', f.channel('c1')));
      state.apply(f.stasisEnd('a', f.channel('c1')));
      state.apply(f.stasisStart('b', f.channel('c1'), ['k']));
      state.resync({ applications: [f.application('a', ['c1']), f.application('b', ['c1'])], channels: [f.channel('c1')] });
      assert.deepEqual(ids(state, 'b'), ['c1']);
      assert.deepEqual(ids(state, 'a'), []);
      assert.deepEqual(state.channel('c1')?.args, ['k']);
    });

    it('places a channel whose move was lost with the link by REST, not by what it last heard, with that move\'s args', () => {
      const state = new ServerState();
      const originated = f.channel('c1', { dialplan: { context: 'default', exten: '100', priority: 1, app_name: 'Stasis', app_data: 'a' } });
      state.apply(f.stasisStart('a', originated));
      // Moved to b while both links were silent: a keeps its originate subscription.
      const snapshot = { applications: [f.application('a', ['c1']), f.application('b', ['c1'])], channels: [originated] };
      state.resync(snapshot);
      assert.equal(state.channel('c1')?.stasisApp, 'a', 'without a lost move, the events stand');
      state.resync({ ...snapshot, uncertainMoves: new Map([['c1', { to: 'b', args: ['during', 'gap'] }]]) });
      assert.equal(state.channel('c1')?.stasisApp, 'b');
      assert.deepEqual(ids(state, 'a'), []);
      assert.deepEqual(state.channel('c1')?.args, ['during', 'gap'], 'the args of the move whose outcome was lost');
    });

    it('on a fresh start, puts a moved originated channel in the app that holds it, not in the one app_data names', () => {
      const state = new ServerState();
      const moved = f.channel('c1', { dialplan: { context: 'default', exten: '100', priority: 1, app_name: 'Stasis', app_data: 'a,x' } });
      state.resync({ applications: [f.application('a', ['c1']), f.application('b', ['c1'])], channels: [moved] });
      assert.equal(state.channel('c1')?.stasisApp, 'b');
      assert.deepEqual(ids(state, 'a'), []);
    });

    it('takes a subscribe-all channel that left Stasis out of the app', () => {
      const state = new ServerState();
      state.apply(f.stasisStart('watch', f.channel('c1')));
      const left = f.channel('c1', { dialplan: { context: 'default', exten: '100', priority: 2, app_name: 'Wait', app_data: '600' } });
      state.resync({ applications: [f.application('watch', ['__AST_CHANNEL_ALL_TOPIC'])], channels: [left] });
      assert.equal(state.channel('c1')?.stasisApp, undefined);
    });

    it('understands the subscribe-all wildcard in channel_ids', () => {
      const state = new ServerState();
      state.apply(f.stasisStart('watch', f.channel('c1')));
      state.resync({ applications: [f.application('watch', ['__AST_CHANNEL_ALL_TOPIC'], { bridge_ids: ['__AST_BRIDGE_ALL_TOPIC'] })], channels: [f.channel('c1')] });
      assert.equal(state.application('watch')?.subscribedToAll, true);
      assert.equal(state.application('watch')?.bridgeIds.size, 0);
      assert.deepEqual(ids(state, 'watch'), ['c1']);
    });
  });
});
