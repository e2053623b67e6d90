// A channel moved a → b → c in quick succession. Each app has a socket of its own, so the four
// Stasis events of the two hops arrive in any order (docs/ari-behaviour.md#move-ordering), often
// with equal millisecond timestamps. Every order must give the same state, the same tracker
// outcomes and the same journey. And sometimes Asterisk coalesces the two moves.
import assert from 'node:assert/strict';
import type { AriEvent } from '../../src/ari/generated/ariTypes';
import * as f from '../support/ariFixtures';
import { ModelHarness } from '../support/modelHarness';

const at = (ms: number) => new Date(Date.UTC(2026, 11, 1, 12, 0, 0, ms)).toISOString().replace('Z', '+0000');
const c1 = f.channel('c1');

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** Asterisk's timestamps for End(a), Start(b), End(b), Start(c): equal, as seen under load, and apart. */
const TIMINGS: Record<string, [number, number, number, number]> = {
  'one millisecond': [5, 5, 5, 5],
  'two milliseconds': [5, 5, 6, 6],
  'apart': [5, 6, 7, 8],
};

function setUp(): ModelHarness {
  const h = new ModelHarness({ owned: ['a', 'b', 'c'] });
  h.apply({ ...f.stasisStart('a', c1), timestamp: at(0) });
  return h;
}

describe('two quick moves of one channel (a → b → c)', () => {
  for (const [timing, [endA, startB, endB, startC]] of Object.entries(TIMINGS)) {
    const events: Record<string, AriEvent> = {
      'End(a)': { ...f.stasisEnd('a', c1), timestamp: at(endA) },
      'Start(b)': { ...f.stasisStart('b', c1, ['to-b']), timestamp: at(startB) },
      'End(b)': { ...f.stasisEnd('b', c1), timestamp: at(endB) },
      'Start(c)': { ...f.stasisStart('c', c1, ['to-c']), timestamp: at(startC) },
    };
    for (const order of permutations(Object.keys(events))) {
      it(`${timing}, arriving ${order.join(', ')}`, async () => {
        const h = setUp();
        const first = h.move('c1', 'b', ['to-b']);
        const second = h.move('c1', 'c', ['to-c']);
        h.apply(...order.map((name) => events[name]));
        assert.deepEqual((await first).outcome, { kind: 'moved', args: ['to-b'] });
        assert.deepEqual((await second).outcome, { kind: 'moved', args: ['to-c'] });
        const channel = h.model.channels.get('c1')!;
        assert.equal(channel.stasisApp, 'c');
        assert.deepEqual(channel.args, ['to-c']);
        assert.deepEqual([h.ids('a'), h.ids('b'), h.ids('c')], [[], [], ['c1']]);
        assert.deepEqual(h.stasisJourney('c1'), ['entered a', 'moved a → b [to-b]', 'moved b → c [to-c]']);
        assert.equal(h.moves.pendingCount, 0);
      });
    }
  }

  it('coalesced by Asterisk (no StasisStart in b, the args of both in c): the first move skipped, the second moved with a warning, at once', async () => {
    const h = setUp();
    const first = h.move('c1', 'b', ['to-b']);
    const second = h.move('c1', 'c', ['to-c']);
    h.apply({ ...f.stasisEnd('a', c1), timestamp: at(5) }, { ...f.stasisStart('c', c1, ['to-b', 'to-c']), timestamp: at(5) });
    assert.equal(h.moves.pendingCount, 0, 'both settled without waiting');
    const skipped = (await first).outcome;
    assert.equal(skipped.kind, 'skipped');
    assert.match(skipped.kind === 'skipped' ? skipped.reason : '', /coalesced .* straight to "c"/);
    const moved = (await second).outcome;
    assert.equal(moved.kind, 'moved');
    assert.deepEqual(moved.kind === 'moved' && moved.args, ['to-b', 'to-c']);
    assert.match(moved.kind === 'moved' ? (moved.warning ?? '') : '', /args of both queued moves, \[to-b, to-c\]/);
    assert.deepEqual(h.stasisJourney('c1'), ['entered a', 'moved a → c [to-b,to-c]']);
    assert.equal(h.model.channels.get('c1')?.stasisApp, 'c');
  });

  it('coalesced without args: the second move settles at once, the first is called skipped once no hop into b came within the grace', async () => {
    const h = setUp();
    const first = h.move('c1', 'b');
    const second = h.move('c1', 'c');
    h.apply({ ...f.stasisEnd('a', c1), timestamp: at(5) }, { ...f.stasisStart('c', c1), timestamp: at(5) });
    assert.deepEqual((await second).outcome, { kind: 'moved', args: [] });
    assert.equal(h.moves.pendingCount, 1);
    h.clock.advance(999);
    assert.equal(h.moves.pendingCount, 1, 'still waiting for a hop into b from another socket');
    h.clock.advance(1);
    assert.equal((await first).outcome.kind, 'skipped');
  });

  it('without args and reordered (the hop into c first): both moved once the hop into b arrives', async () => {
    const h = setUp();
    const first = h.move('c1', 'b');
    const second = h.move('c1', 'c');
    h.apply({ ...f.stasisEnd('a', c1), timestamp: at(5) }, { ...f.stasisStart('c', c1), timestamp: at(6) });
    h.apply({ ...f.stasisStart('b', c1), timestamp: at(5) }, { ...f.stasisEnd('b', c1), timestamp: at(6) });
    assert.deepEqual((await first).outcome, { kind: 'moved', args: [] });
    assert.deepEqual((await second).outcome, { kind: 'moved', args: [] });
    assert.deepEqual(h.stasisJourney('c1'), ['entered a', 'moved a → b', 'moved b → c']);
  });
});
