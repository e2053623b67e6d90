import assert from 'node:assert/strict';
import { MoveTracker, type SettledMove } from '../../src/model/MoveTracker';
import * as f from '../support/ariFixtures';
import { FakeClock } from '../support/FakeClock';

function tracker(timeoutMs = 5_000) {
  const clock = new FakeClock();
  const moves = new MoveTracker(timeoutMs, clock);
  const settled: SettledMove[] = [];
  moves.onDidSettle((s) => settled.push(s));
  return { clock, moves, settled };
}

const c1 = f.channel('c1');

describe('MoveTracker', () => {
  it('says moved after StasisEnd in the source then StasisStart in the destination', async () => {
    const { moves, settled } = tracker();
    const { outcome } = moves.begin('c1', 'a', 'b', ['x']);
    moves.observe(f.stasisEnd('a', c1));
    assert.equal(settled.length, 0, 'StasisEnd alone is not a move');
    moves.observe(f.stasisStart('b', c1, ['x']));
    assert.deepEqual((await outcome).outcome, { kind: 'moved', args: ['x'] });
  });

  it('says moved when StasisStart arrives before StasisEnd', async () => {
    const { moves } = tracker();
    const { outcome } = moves.begin('c1', 'a', 'b');
    moves.observe(f.stasisStart('b', c1));
    moves.observe(f.stasisEnd('a', c1));
    assert.equal((await outcome).outcome.kind, 'moved');
  });

  it('says failed on ApplicationMoveFailed, with destination and args', async () => {
    const { moves } = tracker();
    const { outcome } = moves.begin('c1', 'a', 'nonexistent', ['p', 'q']);
    moves.observe(f.moveFailed('a', c1, 'nonexistent', ['p', 'q']));
    assert.deepEqual((await outcome).outcome, { kind: 'failed', destination: 'nonexistent', args: ['p', 'q'] });
    assert.equal(moves.pendingCount, 0);
  });

  it('says rejected when the REST call fails', async () => {
    const { moves } = tracker();
    const { move, outcome } = moves.begin('c1', 'a', 'b');
    const error = new Error('Channel "c1" no longer exists');
    moves.reject(move.id, error);
    assert.deepEqual((await outcome).outcome, { kind: 'rejected', error });
  });

  it('says timedOut when nothing arrives in time', async () => {
    const { moves, clock } = tracker(3_000);
    const { outcome } = moves.begin('c1', 'a', 'b');
    clock.advance(2_999);
    assert.equal(moves.pendingCount, 1);
    clock.advance(1);
    assert.deepEqual((await outcome).outcome, { kind: 'timedOut', afterMs: 3_000 });
  });

  it('says unknown when the link drops before the outcome', async () => {
    const { moves } = tracker();
    const { outcome } = moves.begin('c1', 'a', 'b');
    moves.linkLost('socket closed');
    assert.deepEqual((await outcome).outcome, { kind: 'unknown', reason: 'socket closed' });
  });

  it('says unknown when the channel is destroyed mid-move', async () => {
    const { moves } = tracker();
    const { outcome } = moves.begin('c1', 'a', 'b');
    moves.observe(f.stasisEnd('a', c1));
    moves.observe(f.destroyed('a', c1));
    const settled = (await outcome).outcome;
    assert.equal(settled.kind, 'unknown');
  });

  it('says unknown when a dialplan-entered channel hangs up mid-move (hangup request, StasisEnd, no ChannelDestroyed)', async () => {
    const { moves } = tracker();
    const { outcome } = moves.begin('c1', 'a', 'b');
    moves.observe(f.hangupRequest('a', c1));
    moves.observe(f.stasisEnd('a', c1));
    const settled = (await outcome).outcome;
    assert.equal(settled.kind, 'unknown');
    assert.match(settled.kind === 'unknown' ? settled.reason : '', /hung up/);
  });

  it('to an app of another client: StasisEnd in ours is the news (its StasisStart never reaches us)', async () => {
    const { moves } = tracker();
    const { outcome } = moves.begin('c1', 'a', 'theirs', ['k'], { source: true, destination: false });
    moves.observe(f.stasisEnd('a', c1));
    assert.deepEqual((await outcome).outcome, { kind: 'moved', args: ['k'] });
  });

  it('from an app of another client into ours: StasisStart alone is enough', async () => {
    const { moves } = tracker();
    const { outcome } = moves.begin('c1', 'theirs', 'b', [], { source: false, destination: true });
    moves.observe(f.stasisStart('b', c1));
    assert.equal((await outcome).outcome.kind, 'moved');
  });

  it('between two apps of other clients: unknown at once, saying why', async () => {
    const { moves } = tracker();
    const { outcome } = moves.begin('c1', 'x', 'y', [], { source: false, destination: false });
    const settled = (await outcome).outcome;
    assert.match(settled.kind === 'unknown' ? settled.reason : '', /neither "x" nor "y" is registered by us/);
  });

  it('a dropped link ends only the moves it would have told about', async () => {
    const { moves } = tracker();
    const one = moves.begin('c1', 'a', 'b');
    const other = moves.begin('c2', 'c', 'd');
    moves.linkLost('socket of a closed', ['a']);
    assert.equal((await one.outcome).outcome.kind, 'unknown');
    assert.equal(moves.pending('c2').length, 1);
    moves.linkLost('all gone');
    assert.equal((await other.outcome).outcome.kind, 'unknown');
  });

  it('settles each move exactly once, whatever arrives afterwards', () => {
    const { moves, settled, clock } = tracker(1_000);
    const { move } = moves.begin('c1', 'a', 'b');
    moves.observe(f.moveFailed('a', c1, 'b'));
    moves.reject(move.id, new Error('late'));
    moves.linkLost('late');
    clock.advance(5_000);
    assert.deepEqual(settled.map((s) => s.outcome.kind), ['failed']);
  });

  it('keeps two moves of one channel in a row apart', async () => {
    const { moves } = tracker();
    const first = moves.begin('c1', 'a', 'b', ['1']);
    const second = moves.begin('c1', 'a', 'c', ['2']);
    assert.equal(second.move.from, 'b', 'the second move starts where the first one goes');
    moves.observe(f.stasisEnd('a', c1));
    moves.observe(f.stasisStart('b', c1, ['1']));
    moves.observe(f.stasisEnd('b', c1));
    moves.observe(f.stasisStart('c', c1, ['2']));
    assert.deepEqual((await first.outcome).outcome, { kind: 'moved', args: ['1'] });
    assert.deepEqual((await second.outcome).outcome, { kind: 'moved', args: ['2'] });
  });

  it('after a failed move, the next queued move starts from where the channel still is', async () => {
    const { moves } = tracker();
    const first = moves.begin('c1', 'a', 'missing');
    const second = moves.begin('c1', 'a', 'b');
    moves.observe(f.moveFailed('a', c1, 'missing'));
    moves.observe(f.stasisEnd('a', c1));
    moves.observe(f.stasisStart('b', c1));
    assert.equal((await first.outcome).outcome.kind, 'failed');
    assert.equal((await second.outcome).outcome.kind, 'moved');
  });

  it('ignores events of channels it does not track', () => {
    const { moves, settled } = tracker();
    moves.begin('c1', 'a', 'b');
    moves.observe(f.stasisEnd('a', f.channel('other')));
    moves.observe(f.stasisStart('b', f.channel('other')));
    moves.observe(f.moveFailed('a', f.channel('other'), 'b'));
    assert.equal(settled.length, 0);
  });
});
