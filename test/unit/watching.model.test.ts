// The model as the watcher feeds it: every channel's events (never another app's StasisStart or
// StasisEnd) and the server's listing of apps. Events are shaped as Asterisk 22 sends them to a
// subscribeAll socket (docs/ari-behaviour.md#watching).
import assert from 'node:assert/strict';
import type { Channel, ChannelCreated, ChannelDialplan } from '../../src/ari/generated/ariTypes';
import * as f from '../support/ariFixtures';
import { leftBehind } from '../../src/model/channels/leftBehind';
import { ModelHarness } from '../support/modelHarness';

const WATCHER = 'stasis-explorer-watch-0a1b2c3d';
const OTHER_WINDOW = 'stasis-explorer-watch-99999999';

function created(ch: Channel): ChannelCreated {
  return { type: 'ChannelCreated', application: WATCHER, timestamp: f.stamp(), asterisk_id: '52:54:00:12:34:56', channel: ch };
}

function dialplan(ch: Channel, app: string, data: string): ChannelDialplan {
  const next = { ...ch, dialplan: { ...ch.dialplan, app_name: app, app_data: data } };
  return { type: 'ChannelDialplan', application: WATCHER, timestamp: f.stamp(), asterisk_id: '52:54:00:12:34:56', channel: next, dialplan_app: app, dialplan_app_data: data };
}

/** A SIP call as the watcher first sees it: created in stasis-billing, before Stasis() runs. */
function ringing(id: string): Channel {
  return f.channel(id, { dialplan: { context: 'stasis-billing', exten: '123', priority: 1, app_name: '', app_data: '' } });
}

const listing = (apps: Record<string, string[]>) => [f.application(WATCHER, ['__AST_CHANNEL_ALL_TOPIC'], { bridge_ids: ['__AST_BRIDGE_ALL_TOPIC'] }), ...Object.entries(apps).map(([name, ids]) => f.application(name, ids))];

describe('Watching: the model from the watcher and the listing', () => {
  it('a call entering another client\'s app shows from the dialplan at once, then the listing confirms it', () => {
    const h = new ModelHarness({ owned: ['ours'] });
    const ch = ringing('c1');
    h.watched(created(ch));
    assert.equal(h.placementUnknown, 1, 'a channel we did not know asks for the listing');
    assert.deepEqual(h.ids('billing'), []);
    h.watched(dialplan(ch, 'Stasis', 'billing,a,b'));
    assert.deepEqual(h.ids('billing'), ['c1']);
    let view = h.model.channels.get('c1')!;
    assert.equal(view.stasisApp, 'billing');
    assert.deepEqual(view.args, ['a', 'b']);
    assert.equal(view.knownFrom, 'dialplan');
    assert.equal(h.placementUnknown, 2, 'entering Stasis() asks for the listing too');

    assert.deepEqual(h.listing(listing({ billing: ['c1'] })), []);
    view = h.model.channels.get('c1')!;
    assert.equal(view.stasisApp, 'billing');
    assert.equal(view.knownFrom, 'listing');
    assert.deepEqual([...view.subscribedApps], ['billing']);
  });

  it('a move between apps we do not own shows at the next listing; the hang-up shows at once', () => {
    const h = new ModelHarness();
    const ch = ringing('c1');
    h.watched(created(ch), dialplan(ch, 'Stasis', 'billing'));
    h.listing(listing({ billing: ['c1'], billing2: [] }));
    // Asterisk sends the watcher nothing for a move; StasisEnd ended billing's subscription.
    h.listing(listing({ billing: [], billing2: ['c1'] }));
    assert.deepEqual(h.ids('billing'), []);
    assert.deepEqual(h.ids('billing2'), ['c1']);
    assert.equal(h.model.channels.get('c1')!.knownFrom, 'listing');

    const inStasis = { ...ch, dialplan: { ...ch.dialplan, app_name: 'Stasis', app_data: 'billing' } };
    h.watched({ ...f.hangupRequest(WATCHER, inStasis), soft: true });
    assert.ok(h.model.channels.get('c1')!.hangupRequested, 'the hangup request shows before the channel is gone');
    h.watched(f.destroyed(WATCHER, inStasis));
    assert.equal(h.model.channels.get('c1'), undefined);
    assert.deepEqual(h.ids('billing2'), []);
  });

  it('an originated channel moved away is placed by the subscription app_data does not name (the originate app keeps its own)', () => {
    const h = new ModelHarness();
    const one = f.channel('o1', { name: 'Local/100@default-00000001;1', dialplan: { context: 'default', exten: 's', priority: 1, app_name: 'Stasis', app_data: 'billing' } });
    const two = f.channel('o2', { name: 'Local/100@default-00000001;2', dialplan: { context: 'default', exten: '100', priority: 2, app_name: 'Wait', app_data: '600' } });
    h.watched(created(one), created(two));
    h.listing(listing({ billing: ['o1', 'o2'], billing2: [] }));
    assert.equal(h.model.channels.get('o1')!.stasisApp, 'billing');
    assert.equal(h.model.channels.get('o2')!.stasisApp, undefined, 'the ;2 half is subscribed but never enters Stasis');
    assert.deepEqual(h.ids('billing'), ['o1', 'o2']);
    h.listing(listing({ billing: ['o1', 'o2'], billing2: ['o1'] }));
    assert.equal(h.model.channels.get('o1')!.stasisApp, 'billing2');
    // And back: billing2's StasisEnd ended its subscription; billing kept the originate one.
    h.listing(listing({ billing: ['o1', 'o2'], billing2: [] }));
    assert.equal(h.model.channels.get('o1')!.stasisApp, 'billing');
  });

  it('what our own app\'s events said stands against the listing; a move out of it is read from the listing', () => {
    const h = new ModelHarness({ owned: ['ours'] });
    const ch = f.channel('c1', { dialplan: { context: 'stasis-ours', exten: '1', priority: 1, app_name: 'Stasis', app_data: 'ours' } });
    h.apply(f.stasisStart('ours', ch, ['x']));
    // Another client originated it too, so its app holds a subscription; app_data names ours.
    h.listing(listing({ ours: ['c1'], theirs: ['c1'] }));
    assert.equal(h.model.channels.get('c1')!.stasisApp, 'ours');
    assert.equal(h.model.channels.get('c1')!.knownFrom, 'events');

    const before = h.placementUnknown;
    h.apply(f.stasisEnd('ours', ch));
    assert.equal(h.placementUnknown, before + 1, 'leaving for an app we may not hear from asks for the listing');
    h.listing(listing({ ours: [], theirs: ['c1'] }));
    assert.equal(h.model.channels.get('c1')!.stasisApp, 'theirs');
    assert.equal(h.model.channels.get('c1')!.knownFrom, 'listing');
  });

  it('a channel that left another client\'s app for the dialplan and enters it again is placed again', () => {
    const h = new ModelHarness();
    const ch = ringing('c1');
    h.watched(created(ch), dialplan(ch, 'Stasis', 'billing'));
    h.listing(listing({ billing: ['c1'] }));
    h.watched(dialplan(ch, 'Playback', 'tt-monkeys'));
    h.listing(listing({ billing: [] }));
    assert.equal(h.model.channels.get('c1')!.stasisApp, undefined);
    h.watched(dialplan(ch, 'Stasis', 'billing,again'));
    assert.equal(h.model.channels.get('c1')!.stasisApp, 'billing', 'the IVR pattern: back into Stasis() from the dialplan');
    assert.deepEqual(h.model.channels.get('c1')!.args, ['again']);
  });

  it('a listing asked for before our own app\'s StasisEnd does not put the channel back; nor one asked for before a channel was made', () => {
    const h = new ModelHarness({ owned: ['ours'] });
    const ch = f.channel('c1', { dialplan: { context: 'stasis-ours', exten: '1', priority: 1, app_name: 'Stasis', app_data: 'ours' } });
    h.apply(f.stasisStart('ours', ch));
    const asked = h.normaliser.mark;
    h.apply(f.stasisEnd('ours', ch));
    h.listing(listing({ ours: ['c1'] }), asked);
    assert.equal(h.model.channels.get('c1')!.stasisApp, undefined, 'the older listing changed nothing');
    const early = h.normaliser.mark;
    const late = ringing('c2');
    h.watched(created(late));
    h.listing(listing({ billing: [] }), early);
    h.watched(dialplan(late, 'Stasis', 'billing'));
    h.listing(listing({ billing: ['c2'] }));
    assert.equal(h.model.applications.get('billing')!.activity, undefined, 'a listing older than the channel says nothing of what it was subscribed to');
  });

  it('a channel leaving Stasis() for the dialplan (continue, or Stasis() failing) is in no app', () => {
    const h = new ModelHarness();
    const ch = ringing('c1');
    h.watched(created(ch), dialplan(ch, 'Stasis', 'billing'));
    assert.equal(h.model.channels.get('c1')!.stasisApp, 'billing');
    h.watched(dialplan(ch, 'Playback', 'tt-monkeys'));
    assert.equal(h.model.channels.get('c1')!.stasisApp, undefined);
    assert.deepEqual(h.ids('billing'), []);
  });

  it('our own app\'s StasisStart, arriving after the watcher saw the channel enter and leave the dialplan\'s Stasis(), is one stay', () => {
    const h = new ModelHarness({ owned: ['ours'] });
    const ch = f.channel('c1', { dialplan: { context: 'default', exten: 's', priority: 1, app_name: '', app_data: '' } });
    h.watched(created(ch), dialplan(ch, 'Stasis', 'ours'), dialplan(ch, 'AppDial2', '(Outgoing Line)'));
    assert.equal(h.model.channels.get('c1')!.stasisApp, undefined);
    h.apply(f.stasisStart('ours', { ...ch, dialplan: { ...ch.dialplan, app_name: 'Stasis', app_data: 'ours' } }));
    assert.deepEqual(h.stasisJourney('c1'), ['entered ours']);
    assert.equal(h.model.channels.get('c1')!.stasisApp, 'ours');
    assert.equal(h.model.channels.get('c1')!.knownFrom, 'events');
  });

  it('channels outside every app are kept (not shown) and survive a listing; the watchers are never apps', () => {
    const h = new ModelHarness();
    const plain = f.channel('d1', { dialplan: { context: 'default', exten: '100', priority: 2, app_name: 'Wait', app_data: '600' } });
    h.watched(created(plain), f.varset(WATCHER, plain, 'FOO', 'bar'));
    h.listing([...listing({}), f.application(OTHER_WINDOW, ['__AST_CHANNEL_ALL_TOPIC'])]);
    const view = h.model.channels.get('d1')!;
    assert.ok(view, 'the watcher hears of it: it is not gone');
    assert.equal(view.variables.get('FOO'), 'bar');
    assert.equal(view.subscribedApps.size, 0, 'the watcher is no subscription');
    assert.deepEqual(
      h.model.applications.all.map((a) => a.name),
      [],
      'neither our watcher nor another window\'s is shown as an app',
    );
  });

  it('an app is marked inactive when a call cannot enter it, and active again when one does', () => {
    const h = new ModelHarness();
    h.listing(listing({ billing: [] }));
    assert.equal(h.model.applications.get('billing')!.activity, undefined, 'nothing known yet: Asterisk does not say');
    const ch = ringing('c1');
    const entering = { ...ch, dialplan: { ...ch.dialplan, app_name: 'Stasis', app_data: 'billing' } };
    h.watched(created(ch), dialplan(ch, 'Stasis', 'billing'), f.varset(WATCHER, entering, 'STASISSTATUS', 'FAILED'));
    assert.deepEqual(h.model.applications.get('billing')!.activity, { active: false, because: 'a call could not enter it: Stasis() failed, as it does while no client holds the app' });
    // An originate into it subscribes its channel before Stasis() runs: its listing is no evidence.
    const originated = ringing('o1');
    h.watched(created(originated));
    h.listing(listing({ billing: ['o1'] }));
    h.watched(dialplan(originated, 'Stasis', 'billing'));
    h.listing(listing({ billing: ['o1'] }));
    assert.equal(h.model.applications.get('billing')!.activity?.active, false, 'still no evidence of a client');
    // Its client is back: a call the listing saw outside it enters, and the listing confirms it.
    const next = ringing('c2');
    h.watched(created(next));
    h.listing(listing({ billing: ['o1'] }));
    h.watched(dialplan(next, 'Stasis', 'billing'));
    h.listing(listing({ billing: ['o1', 'c2'] }));
    assert.deepEqual(h.model.applications.get('billing')!.activity, { active: true, because: 'a call entered it' });
    // A move into an app needs it active too.
    h.listing(listing({ billing: [], support: ['c2'] }));
    assert.deepEqual(h.model.applications.get('support')!.activity, { active: true, because: 'a channel moved into it' });
  });

  it('evidence about an app Asterisk does not list names no app', () => {
    const h = new ModelHarness();
    const ch = f.channel('c1', { dialplan: { context: 'stasis-nobody', exten: '1', priority: 1, app_name: 'Stasis', app_data: 'nobody' } });
    h.watched(created(ch), f.varset(WATCHER, ch, 'STASISSTATUS', 'FAILED'));
    assert.equal(h.model.applications.get('nobody'), undefined);
  });

  it('left behind: channels in Stasis() of an app no longer listed (a subscribeAll client went), and empty bridges no app holds', () => {
    const h = new ModelHarness();
    const ch = ringing('c1');
    h.watched(created(ch), dialplan(ch, 'Stasis', 'gone-app'));
    h.listing(listing({ 'gone-app': ['__AST_CHANNEL_ALL_TOPIC'] }));
    assert.deepEqual(leftBehind(h.model).channels, [], 'inside its app while the app is listed');
    // Its subscribeAll client went: Asterisk removed the app at once, the channel still in its Stasis().
    h.listing(listing({}));
    assert.equal(h.model.channels.get('c1')!.stasisApp, undefined, 'no listed app holds it');
    assert.deepEqual(leftBehind(h.model).channels.map((c) => c.id), ['c1']);
    assert.equal(h.model.applications.get('gone-app'), undefined, 'and the app is not shown');
    const bridge = { id: 'b1', technology: 'simple_bridge', bridge_type: 'mixing', bridge_class: 'stasis', creator: 'Stasis', name: 'conf', channels: [], creationtime: f.stamp(), video_mode: 'none' };
    h.resync({ applications: listing({}), channels: [{ ...ch, dialplan: { ...ch.dialplan, app_name: 'Stasis', app_data: 'gone-app' } }], bridges: [bridge as never], everyChannel: true });
    assert.deepEqual(leftBehind(h.model).bridges.map((b) => b.id), ['b1']);
  });

  it('a listing naming a channel we never heard of says so (events were missed)', () => {
    const h = new ModelHarness();
    assert.deepEqual(h.listing(listing({ billing: ['ghost'] })), ['ghost']);
  });

  it('bridge events the watcher gets are kept under no app', () => {
    const h = new ModelHarness();
    const bridge = { id: 'b1', technology: 'simple_bridge', bridge_type: 'mixing', bridge_class: 'stasis', creator: 'Stasis', name: '', channels: [], creationtime: f.stamp(), video_mode: 'none' };
    h.watched({ type: 'BridgeCreated', application: WATCHER, timestamp: f.stamp(), asterisk_id: '52:54:00:12:34:56', bridge } as never);
    assert.equal(h.model.bridges.get('b1')?.bridge_type, 'mixing');
    assert.equal(h.model.bridges.idsOf(WATCHER).size, 0);
    h.watched({ type: 'BridgeDestroyed', application: WATCHER, timestamp: f.stamp(), asterisk_id: '52:54:00:12:34:56', bridge } as never);
    assert.equal(h.model.bridges.get('b1'), undefined);
  });
});
