import assert from 'node:assert/strict';
import { ListingReads } from '../../src/model/watch/ListingReads';
import { FakeClock } from '../support/FakeClock';

/** Reads that answer when the test says, recording when each started. */
function setup(options: { worthPolling?: () => boolean } = {}) {
  const clock = new FakeClock();
  const started: number[] = [];
  const applied: number[] = [];
  const errors: Error[] = [];
  let answer: ((n: number) => void) | undefined;
  let fail = false;
  const reads = new ListingReads<number>({
    clock,
    read: () => {
      started.push(clock.now());
      if (fail) return Promise.reject(new Error('503 Asterisk not booted'));
      return new Promise<number>((resolve) => (answer = resolve));
    },
    apply: (n) => applied.push(n),
    worthPolling: options.worthPolling ?? (() => false),
    onError: (e) => errors.push(e),
  });
  reads.setLive(true);
  const t0 = clock.now();
  return {
    clock,
    reads,
    started: () => started.map((t) => t - t0),
    applied,
    errors,
    answer: async (n: number) => {
      answer?.(n);
      answer = undefined;
      await new Promise((r) => setImmediate(r));
    },
    failNext: (on: boolean) => (fail = on),
  };
}

describe('ListingReads: when the listing of apps is read again', () => {
  it('reads at once, then serves every request made meanwhile with one read, 500 ms after the last one started', async () => {
    const t = setup();
    t.reads.start();
    t.reads.request();
    assert.deepEqual(t.started(), [0]);
    t.reads.request();
    t.reads.request();
    await t.answer(1);
    t.clock.advance(499);
    assert.deepEqual(t.started(), [0], 'not before the gap');
    t.clock.advance(1);
    assert.deepEqual(t.started(), [0, 500]);
    await t.answer(2);
    assert.deepEqual(t.applied, [1, 2]);
  });

  it('never starts more than 2 reads in a second, whatever the rate of requests', async () => {
    const t = setup();
    t.reads.start();
    for (let ms = 0; ms < 3_000; ms += 10) {
      t.reads.request();
      await t.answer(ms);
      t.clock.advance(10);
    }
    const starts = t.started();
    for (let i = 2; i < starts.length; i++) assert.ok(starts[i] - starts[i - 2] >= 1_000, `reads ${i - 2} and ${i} at ${starts[i - 2]} and ${starts[i]} ms`);
    assert.equal(starts.length, 7, `requests every 10 ms from 0 to 3,000 ms: one read every 500 ms, ${starts.join(', ')}`);
  });

  it('polls every second while worth it and shown; not while paused; a resume reads at once', async () => {
    let worth = true;
    const t = setup({ worthPolling: () => worth });
    t.reads.start();
    t.clock.advance(1_000);
    await t.answer(1);
    t.clock.advance(1_000);
    await t.answer(2);
    assert.deepEqual(t.started(), [1_000, 2_000]);
    t.reads.pause();
    t.clock.advance(5_000);
    assert.equal(t.started().length, 2, 'nothing polled while the view is hidden');
    t.reads.resume();
    assert.deepEqual(t.started(), [1_000, 2_000, 7_000], 'showing the view reads at once');
    await t.answer(3);
    worth = false;
    t.clock.advance(5_000);
    assert.equal(t.started().length, 3, 'nothing polled while no app of another client holds channels');
  });

  it('a stop makes a read in flight apply nothing, and nothing more is read', async () => {
    const t = setup({ worthPolling: () => true });
    t.reads.start();
    t.reads.request();
    t.reads.stop();
    await t.answer(1);
    t.clock.advance(10_000);
    assert.deepEqual(t.applied, []);
    assert.equal(t.started().length, 1);
  });

  it('a failed read is reported and does not stop later reads', async () => {
    const t = setup();
    t.reads.start();
    t.failNext(true);
    t.reads.request();
    await new Promise((r) => setImmediate(r));
    assert.match(t.errors[0]?.message ?? '', /503/);
    t.failNext(false);
    t.reads.request();
    assert.equal(t.reads.reads, 1, 'not before the gap');
    t.clock.advance(500);
    assert.equal(t.reads.reads, 2, 'the next request is read after the gap');
    await t.answer(7);
    assert.deepEqual(t.applied, [7]);
  });

  it('a read that fails after a stop reports nothing (no resync for a closed session)', async () => {
    const t = setup();
    t.reads.start();
    t.failNext(true);
    t.reads.request();
    t.reads.stop();
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(t.errors, []);
  });

  it('reads nothing while the watcher is not subscribed; a request made meanwhile is read once it is', async () => {
    const t = setup({ worthPolling: () => true });
    t.reads.setLive(false);
    t.reads.start();
    t.reads.request();
    t.clock.advance(3_000);
    assert.equal(t.reads.reads, 0);
    t.reads.setLive(true);
    assert.equal(t.reads.reads, 1);
  });
});
