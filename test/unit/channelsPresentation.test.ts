import assert from 'node:assert/strict';
import { groupLocalPairs, localHalf } from '../../src/model/channels/localPair';
import { whereText } from '../../src/model/channels/whereText';
import type { ChannelView } from '../../src/model/stores/ChannelStore';
import * as f from '../support/ariFixtures';
import { ModelHarness } from '../support/modelHarness';

function view(id: string, name: string, overrides: Partial<ChannelView> = {}, dialplan: Partial<ChannelView['snapshot']['dialplan']> = {}): ChannelView {
  const snapshot = f.channel(id, { name });
  return { id, snapshot: { ...snapshot, dialplan: { ...snapshot.dialplan, ...dialplan } }, stasisApp: undefined, args: [], subscribedApps: new Set(['billing']), hangupRequested: undefined, variables: new Map(), dtmf: '', onHold: false, talking: false, enteredAt: undefined, knownFrom: undefined, ...overrides };
}

describe('channels as a person reads them', () => {
  it('tells the halves of a Local channel, and nothing else, apart', () => {
    assert.deepEqual(localHalf('Local/100@default-00000001;1'), { pair: 'Local/100@default-00000001', half: 1 });
    assert.deepEqual(localHalf('Local/100@default-00000001;2'), { pair: 'Local/100@default-00000001', half: 2 });
    assert.equal(localHalf('PJSIP/alice-00000001'), undefined);
    assert.equal(localHalf('Local/100@default-00000001'), undefined);
  });

  it('300 originated Local calls are 300 calls: each ;2 goes under its ;1; a ;2 alone stays a call', () => {
    const channels: ChannelView[] = [];
    for (let i = 0; i < 300; i++) {
      const n = String(i).padStart(8, '0');
      channels.push(view(`a${i}`, `Local/100@default-${n};1`, { stasisApp: 'billing' }), view(`b${i}`, `Local/100@default-${n};2`));
    }
    channels.push(view('lonely', 'Local/200@default-99999999;2'));
    const { calls, halves } = groupLocalPairs(channels);
    assert.equal(calls.length, 301);
    assert.equal(halves.size, 300);
    assert.equal(halves.get('a7')?.id, 'b7');
    assert.ok(calls.some((c) => c.id === 'lonely'));
  });

  it('says how the place is known, and that app_data names the first app after a move', () => {
    const moved = view('m', 'PJSIP/alice-1', { stasisApp: 'support', args: ['from-billing'], knownFrom: 'listing' }, { app_name: 'Stasis', app_data: 'billing,a' });
    const lines = whereText(moved);
    assert.match(lines[0], /In app: support with args \[from-billing\] \(from the server's listing of apps/);
    assert.match(lines[1], /Entered first: billing \(dialplan app_data still says Stasis\(billing,a\): Asterisk does not update it on a move\)/);
    const ours = whereText(view('o', 'PJSIP/bob-1', { stasisApp: 'ours', knownFrom: 'events' }, { app_name: 'Stasis', app_data: 'ours' }));
    assert.match(ours[0], /from our own app's events/);
    assert.equal(ours[1], 'Entered by: Stasis(ours)');
    assert.match(whereText(view('r', 'Local/1@default-1;1'))[0], /Not inside Stasis\(\); subscribed to billing/);
  });

  it('the store finds a channel by its name (a Local pair\'s other half), after a rename, and not once it is gone', () => {
    const h = new ModelHarness();
    const one = f.channel('a1', { name: 'Local/100@default-00000001;1' });
    h.apply(f.stasisStart('billing', one));
    assert.equal(h.model.channels.named('Local/100@default-00000001;1')?.id, 'a1');
    assert.equal(h.model.channels.isListedUnder('a1', 'billing'), true);
    h.apply(f.stateChange('billing', { ...one, name: 'Local/100@default-00000001;1<ZOMBIE>' }));
    assert.equal(h.model.channels.named('Local/100@default-00000001;1'), undefined);
    assert.equal(h.model.channels.named('Local/100@default-00000001;1<ZOMBIE>')?.id, 'a1');
    h.apply(f.destroyed('billing', one));
    assert.equal(h.model.channels.named('Local/100@default-00000001;1<ZOMBIE>'), undefined);
  });
});
