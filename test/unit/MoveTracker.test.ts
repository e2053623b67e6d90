// Each move request ends as exactly one outcome, read from the facts the normaliser makes of the
// events (here fed through the same wiring as ServerSession: test/support/modelHarness.ts).
import assert from 'node:assert/strict';
import * as f from '../support/ariFixtures';
import { ModelHarness } from '../support/modelHarness';

const c1 = f.channel('c1');

function inA(owned = ['a', 'b', 'c'], moveTimeoutMs?: number): ModelHarness {
  return new ModelHarness({ owned, moveTimeoutMs }).apply(f.stasisStart('a', c1));
}

describe('MoveTracker', () => {
  it('says moved after StasisEnd in the source then StasisStart in the destination', async () => {
    const h = inA();
    const outcome = h.move('c1', 'b', ['x']);
    h.apply(f.stasisEnd('a', c1));
    assert.equal(h.settled.length, 0, 'StasisEnd alone is not a move');
    h.apply(f.stasisStart('b', c1, ['x']));
    assert.deepEqual((await outcome).outcome, { kind: 'moved', args: ['x'] });
  });

  it('says moved when StasisStart arrives before StasisEnd', async () => {
    const h = inA();
    const outcome = h.move('c1', 'b');
    h.apply(f.stasisStart('b', c1), f.stasisEnd('a', c1));
    assert.equal((await outcome).outcome.kind, 'moved');
  });

  it('says failed on ApplicationMoveFailed, with destination and args', async () => {
    const h = inA();
    const outcome = h.move('c1', 'nonexistent', ['p', 'q']);
    h.apply(f.moveFailed('a', c1, 'nonexistent', ['p', 'q']));
    assert.deepEqual((await outcome).outcome, { kind: 'failed', destination: 'nonexistent', args: ['p', 'q'] });
    assert.equal(h.moves.pendingCount, 0);
  });

  it('says rejected when the REST call fails', async () => {
    const h = inA();
    const { move, outcome } = h.moves.begin('c1', 'a', 'b');
    const error = new Error('Channel "c1" no longer exists');
    h.moves.reject(move.id, error);
    assert.deepEqual((await outcome).outcome, { kind: 'rejected', error });
  });

  it('says timedOut when nothing arrives in time', async () => {
    const h = inA(undefined, 3_000);
    const outcome = h.move('c1', 'b');
    h.clock.advance(2_999);
    assert.equal(h.moves.pendingCount, 1);
    h.clock.advance(1);
    assert.deepEqual((await outcome).outcome, { kind: 'timedOut', afterMs: 3_000 });
  });

  it('says unknown when the link drops before the outcome', async () => {
    const h = inA();
    const outcome = h.move('c1', 'b');
    h.moves.linkLost('socket closed');
    assert.deepEqual((await outcome).outcome, { kind: 'unknown', reason: 'socket closed' });
  });

  it('says unknown when the channel is destroyed mid-move', async () => {
    const h = inA();
    const outcome = h.move('c1', 'b');
    h.apply(f.stasisEnd('a', c1), f.destroyed('a', c1));
    const settled = (await outcome).outcome;
    assert.match(settled.kind === 'unknown' ? settled.reason : settled.kind, /was destroyed \(Normal Clearing\) before the move completed/);
  });

  it('says unknown when a dialplan-entered channel hangs up mid-move (hangup request, StasisEnd, no ChannelDestroyed)', async () => {
    const h = inA();
    const outcome = h.move('c1', 'b');
    h.apply(f.hangupRequest('a', c1), f.stasisEnd('a', c1));
    const settled = (await outcome).outcome;
    assert.match(settled.kind === 'unknown' ? settled.reason : settled.kind, /hung up/);
  });

  it('to an app of another client: StasisEnd in ours is the news (its StasisStart never reaches us)', async () => {
    const h = inA(['a']);
    const outcome = h.move('c1', 'theirs', ['k']);
    h.apply(f.stasisEnd('a', c1));
    assert.deepEqual((await outcome).outcome, { kind: 'moved', args: ['k'] });
  });

  describe('through an app of another client and back into ours (a → theirs → c)', () => {
    // We see StasisEnd(a) and StasisStart(c) only; the hop through "theirs" is another client's.
    const orders: [string, (h: ModelHarness, args: string[]) => void][] = [
      ['StasisEnd(a) first', (h, args) => h.apply(f.stasisEnd('a', c1), f.stasisStart('c', c1, args))],
      ['StasisStart(c) first', (h, args) => h.apply(f.stasisStart('c', c1, args), f.stasisEnd('a', c1))],
    ];
    for (const [order, play] of orders) {
      for (const firstArgs of [[], ['x']]) {
        it(`both moved, at once: ${order}, first move ${firstArgs.length ? 'with' : 'without'} args`, async () => {
          const h = inA(['a', 'c']);
          const first = h.move('c1', 'theirs', firstArgs);
          const second = h.move('c1', 'c', ['y']);
          play(h, ['y']);
          assert.equal(h.settled.length, 2, 'both settle with the events, not by a timer');
          assert.deepEqual((await first).outcome, { kind: 'moved', args: firstArgs });
          assert.deepEqual((await second).outcome, { kind: 'moved', args: ['y'] });
        });
      }
    }

    it('coalesced by Asterisk, told by the args of both: the first skipped, the second moved with a warning', async () => {
      const h = inA(['a', 'c']);
      const first = h.move('c1', 'theirs', ['x']);
      const second = h.move('c1', 'c', ['y']);
      h.apply(f.stasisStart('c', c1, ['x', 'y']), f.stasisEnd('a', c1));
      assert.equal((await first).outcome.kind, 'skipped');
      const outcome = (await second).outcome;
      assert.ok(outcome.kind === 'moved' && outcome.warning !== undefined, JSON.stringify(outcome));
    });
  });

  it('from an app of another client into ours: StasisStart alone is enough', async () => {
    const h = new ModelHarness({ owned: ['b'] });
    const outcome = h.moves.begin('c1', 'theirs', 'b').outcome;
    h.apply(f.stasisStart('b', c1));
    assert.equal((await outcome).outcome.kind, 'moved');
  });

  it('between two apps of other clients: unknown at once, saying why', async () => {
    const h = new ModelHarness();
    const settled = (await h.moves.begin('c1', 'x', 'y').outcome).outcome;
    assert.match(settled.kind === 'unknown' ? settled.reason : '', /neither "x" nor "y" is registered by us/);
  });

  it('a dropped link ends only the moves it would have told about', async () => {
    const h = new ModelHarness({ owned: ['a', 'b', 'c', 'd'] });
    const one = h.moves.begin('c1', 'a', 'b');
    const other = h.moves.begin('c2', 'c', 'd');
    h.moves.linkLost('socket of a closed', ['a']);
    assert.equal((await one.outcome).outcome.kind, 'unknown');
    assert.equal(h.moves.pending('c2').length, 1);
    h.moves.linkLost('all gone');
    assert.equal((await other.outcome).outcome.kind, 'unknown');
  });

  it('settles each move exactly once, whatever arrives afterwards', () => {
    const h = inA(undefined, 1_000);
    void h.move('c1', 'b');
    const id = h.moves.pending('c1')[0].id;
    h.apply(f.moveFailed('a', c1, 'b'));
    h.moves.reject(id, new Error('late'));
    h.moves.linkLost('late');
    h.clock.advance(5_000);
    assert.deepEqual(h.settled.map((s) => s.outcome.kind), ['failed']);
  });

  it('keeps two moves of one channel in a row apart', async () => {
    const h = inA();
    const first = h.move('c1', 'b', ['1']);
    const second = h.move('c1', 'c', ['2']);
    assert.equal(h.moves.pending('c1')[1].from, 'b', 'the second move starts where the first one goes');
    h.apply(f.stasisEnd('a', c1), f.stasisStart('b', c1, ['1']), f.stasisEnd('b', c1), f.stasisStart('c', c1, ['2']));
    assert.deepEqual((await first).outcome, { kind: 'moved', args: ['1'] });
    assert.deepEqual((await second).outcome, { kind: 'moved', args: ['2'] });
  });

  it('after a failed move, the next queued move starts from where the channel still is, even if its hop came first', async () => {
    const h = inA();
    const first = h.move('c1', 'missing', ['x']);
    const second = h.move('c1', 'b');
    h.apply(f.stasisStart('b', c1));
    assert.equal(h.settled.length, 0, 'the hop a → b does not answer a move from "missing"');
    h.apply(f.moveFailed('a', c1, 'missing'), f.stasisEnd('a', c1));
    assert.equal((await first).outcome.kind, 'failed');
    assert.equal((await second).outcome.kind, 'moved');
  });

  it('ignores events of channels it does not track', () => {
    const h = inA();
    void h.move('c1', 'b');
    const other = f.channel('other');
    h.apply(f.stasisStart('a', other), f.stasisEnd('a', other), f.stasisStart('b', other), f.moveFailed('b', other, 'b'));
    assert.equal(h.settled.length, 0);
  });

  it('a hop that happened before the request is not its outcome', () => {
    const h = new ModelHarness({ owned: ['a', 'b'] }).apply(f.stasisStart('a', c1), f.stasisEnd('a', c1), f.stasisStart('b', c1));
    void h.move('c1', 'b');
    h.apply(f.stateChange('b', c1));
    assert.equal(h.settled.length, 0);
  });
});
