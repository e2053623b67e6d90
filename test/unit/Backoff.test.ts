import assert from 'node:assert/strict';
import { Backoff } from '../../src/ari/Backoff';

const opts = { initialMs: 100, maxMs: 1_000, factor: 2, jitter: 0.5, maxAttempts: 5 };

describe('Backoff', () => {
  it('doubles from the initial delay up to the cap (no jitter at random=0.5)', () => {
    const b = new Backoff(opts, () => 0.5);
    assert.deepEqual([b.next(), b.next(), b.next(), b.next(), b.next()], [100, 200, 400, 800, 1_000]);
  });

  it('keeps jitter within its spread and never above the cap', () => {
    const low = new Backoff(opts, () => 0);
    const high = new Backoff(opts, () => 0.999999);
    assert.equal(low.next(), 50);
    assert.equal(high.next(), 150);
    for (let i = 0; i < 10; i++) assert.ok(high.next() <= 1_000);
  });

  it('starts over after reset', () => {
    const b = new Backoff(opts, () => 0.5);
    b.next();
    b.next();
    b.reset();
    assert.equal(b.next(), 100);
    assert.equal(b.attempts, 1);
  });

  it('is exhausted after maxAttempts failures', () => {
    const b = new Backoff(opts, () => 0.5);
    for (let i = 0; i < 4; i++) b.next();
    assert.equal(b.exhausted, false);
    b.next();
    assert.equal(b.exhausted, true);
  });
});
