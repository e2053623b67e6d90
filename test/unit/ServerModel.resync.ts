// The resync part of the ServerModel tests: what REST says, read by the normaliser into the stores.
import assert from 'node:assert/strict';
import * as f from '../support/ariFixtures';
import { ModelHarness } from '../support/modelHarness';

export function modelResync(): void {
  it('adds a channel that entered while the socket was down and drops one that left', () => {
    const h = new ModelHarness({ owned: ['app'] }).apply(f.stasisStart('app', f.channel('gone')));
    const fresh = f.channel('new', { dialplan: { context: 'default', exten: '100', priority: 1, app_name: 'Stasis', app_data: 'app,x,y' } });
    h.resync({ applications: [f.application('app', ['new'])], channels: [fresh] });
    assert.deepEqual(h.ids('app'), ['new']);
    assert.equal(h.model.channels.get('gone'), undefined);
    assert.equal(h.model.channels.get('new')?.stasisApp, 'app');
    assert.deepEqual(h.model.channels.get('new')?.args, ['x', 'y']);
  });

  it('a channel REST lists in no app is not brought back by an older event replayed after the resync, only by entering an app', () => {
    const c1 = f.channel('c1');
    const h = new ModelHarness({ owned: ['app'] }).apply(f.stasisStart('app', c1));
    // Sent to the dialplan while the resync ran: Asterisk lists it, subscribed to no app; its
    // StasisEnd was held through the resync and is replayed after it.
    h.resync({ applications: [f.application('app', [])], channels: [c1] });
    assert.equal(h.model.channels.get('c1'), undefined);
    h.apply(f.stateChange('app', c1), f.stasisEnd('app', c1));
    assert.equal(h.model.channels.get('c1'), undefined, 'the replayed events do not revive it');
    h.apply(f.stasisStart('app', c1, ['again']));
    assert.equal(h.model.channels.get('c1')?.stasisApp, 'app', 'back in Stasis: a new stay');
    assert.deepEqual(h.model.channels.get('c1')?.args, ['again']);
  });

  it('is idempotent: the same snapshot twice changes nothing the second time', () => {
    const h = new ModelHarness();
    const snapshot = { applications: [f.application('app', ['c1']), f.application('other', [])], channels: [f.channel('c1')] };
    h.resync(snapshot);
    const changes: unknown[] = [];
    h.model.applications.onDidChange((c) => changes.push(c));
    h.model.channels.onDidChange((c) => changes.push(c));
    h.resync(structuredClone(snapshot));
    assert.deepEqual(changes, []);
  });

  it('removes apps Asterisk no longer lists unless they are ours', () => {
    const h = new ModelHarness({ owned: ['mine'] });
    h.resync({ applications: [f.application('theirs')], channels: [] });
    h.resync({ applications: [], channels: [] });
    assert.deepEqual(h.model.applications.all.map((a) => a.name), ['mine']);
  });

  it("after two quick moves, a first destination's StasisStart and StasisEnd arriving late (another socket) do not move the channel back", () => {
    const h = new ModelHarness();
    const at = (ms: number) => new Date(Date.UTC(2026, 10, 26, 12, 0, 0, ms)).toISOString().replace('Z', '+0000');
    h.apply({ ...f.stasisStart('a', f.channel('c1')), timestamp: at(0) }, { ...f.stasisEnd('a', f.channel('c1')), timestamp: at(10) }, { ...f.stasisStart('c', f.channel('c1'), ['2']), timestamp: at(30) });
    h.apply({ ...f.stasisStart('b', f.channel('c1'), ['1']), timestamp: at(11) }, { ...f.stasisEnd('b', f.channel('c1')), timestamp: at(29) });
    assert.equal(h.model.channels.get('c1')?.stasisApp, 'c');
    assert.deepEqual(h.model.channels.get('c1')?.args, ['2']);
    assert.deepEqual([h.ids('b'), h.ids('c')], [[], ['c1']]);
    assert.deepEqual(h.stasisJourney('c1'), ['entered a', 'moved a → b [1]', 'moved b → c [2]']);
  });

  it('keeps a moved channel in its new app although the old one still lists its subscription', () => {
    const h = new ModelHarness().apply(f.stasisStart('a', f.channel('c1')), f.stasisEnd('a', f.channel('c1')), f.stasisStart('b', f.channel('c1'), ['k']));
    h.resync({ applications: [f.application('a', ['c1']), f.application('b', ['c1'])], channels: [f.channel('c1')] });
    assert.deepEqual([h.ids('a'), h.ids('b')], [[], ['c1']]);
    assert.deepEqual(h.model.channels.get('c1')?.args, ['k']);
  });

  it("places a channel whose move was lost with the link by REST, not by what it last heard, with that move's args", () => {
    const originated = f.channel('c1', { dialplan: { context: 'default', exten: '100', priority: 1, app_name: 'Stasis', app_data: 'a' } });
    const h = new ModelHarness().apply(f.stasisStart('a', originated));
    // Moved to b while both links were silent: a keeps its originate subscription.
    const snapshot = { applications: [f.application('a', ['c1']), f.application('b', ['c1'])], channels: [originated] };
    h.resync(snapshot);
    assert.equal(h.model.channels.get('c1')?.stasisApp, 'a', 'without a lost move, the events stand');
    h.resync({ ...snapshot, uncertainMoves: new Map([['c1', { to: 'b', args: ['during', 'gap'] }]]) });
    assert.equal(h.model.channels.get('c1')?.stasisApp, 'b');
    assert.deepEqual(h.ids('a'), []);
    assert.deepEqual(h.model.channels.get('c1')?.args, ['during', 'gap'], 'the args of the move whose outcome was lost');
  });

  it('on a fresh start, puts a moved originated channel in the app that holds it, not in the one app_data names', () => {
    const h = new ModelHarness();
    const moved = f.channel('c1', { dialplan: { context: 'default', exten: '100', priority: 1, app_name: 'Stasis', app_data: 'a,x' } });
    h.resync({ applications: [f.application('a', ['c1']), f.application('b', ['c1'])], channels: [moved] });
    assert.equal(h.model.channels.get('c1')?.stasisApp, 'b');
    assert.deepEqual(h.ids('a'), []);
  });

  it('takes a subscribe-all channel that left Stasis out of the app', () => {
    const h = new ModelHarness().apply(f.stasisStart('watch', f.channel('c1')));
    const left = f.channel('c1', { dialplan: { context: 'default', exten: '100', priority: 2, app_name: 'Wait', app_data: '600' } });
    h.resync({ applications: [f.application('watch', ['__AST_CHANNEL_ALL_TOPIC'])], channels: [left] });
    assert.equal(h.model.channels.get('c1')?.stasisApp, undefined);
  });

  it('drops a bridge destroyed while the link was down (GET /bridges no longer lists it); an empty one no app lists stays', () => {
    const bridge = (id: string) => ({ id, technology: 'simple_bridge', bridge_type: 'mixing' as const, bridge_class: 'stasis', creator: 'Stasis', name: '', channels: [], creationtime: f.stamp() });
    const h = new ModelHarness().apply(
      { type: 'BridgeCreated', application: 'a', timestamp: f.stamp(), bridge: bridge('gone') },
      { type: 'BridgeCreated', application: 'a', timestamp: f.stamp(), bridge: bridge('kept') },
      { type: 'BridgeCreated', application: 'watch', timestamp: f.stamp(), bridge: bridge('watched') },
    );
    const removed: string[] = [];
    h.model.bridges.onDidChange((c) => removed.push(...c.removed));
    h.resync({ applications: [f.application('a', [], { bridge_ids: ['kept'] }), f.application('watch', [], { bridge_ids: ['__AST_BRIDGE_ALL_TOPIC'] })], channels: [], bridges: [bridge('kept'), bridge('watched'), bridge('left-behind')] });
    assert.deepEqual(removed, ['gone']);
    assert.equal(h.model.bridges.get('gone'), undefined);
    assert.deepEqual([...h.model.bridges.idsOf('a')], ['kept']);
    assert.deepEqual([...h.model.bridges.idsOf('watch')], ['watched']);
    assert.ok(h.model.bridges.get('left-behind'), 'a bridge no app holds is kept');
    assert.equal(h.model.bridges.isListedByAnApp('left-behind'), false);
    // A read of the app listing alone (the watcher's) says nothing of bridges.
    h.listing([f.application('a', [], { bridge_ids: [] })]);
    assert.ok(h.model.bridges.get('kept'));
  });

  it('understands the subscribe-all wildcard in channel_ids and bridge_ids', () => {
    const h = new ModelHarness().apply(f.stasisStart('watch', f.channel('c1')));
    h.resync({ applications: [f.application('watch', ['__AST_CHANNEL_ALL_TOPIC'], { bridge_ids: ['__AST_BRIDGE_ALL_TOPIC'] })], channels: [f.channel('c1')] });
    assert.equal(h.model.applications.get('watch')?.subscribedToAll, true);
    assert.equal(h.model.bridges.idsOf('watch').size, 0);
    assert.deepEqual(h.ids('watch'), ['c1']);
  });

  it('a StasisStart replayed after a resync that already placed the channel is the entry REST saw, not a second one', () => {
    const h = new ModelHarness();
    const inApp = f.channel('c1', { dialplan: { context: 'stasis-app', exten: '1', priority: 1, app_name: 'Stasis', app_data: 'app' } });
    h.resync({ applications: [f.application('app', ['c1'])], channels: [inApp] });
    h.apply(f.stasisStart('app', inApp, ['given']));
    assert.deepEqual(h.stasisJourney('c1'), ['entered app [given]']);
    assert.deepEqual(h.model.channels.get('c1')?.args, ['given']);
  });
}
