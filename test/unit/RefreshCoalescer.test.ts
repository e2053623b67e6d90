import assert from 'node:assert/strict';
import { RefreshCoalescer } from '../../src/model/RefreshCoalescer';
import { FakeClock } from '../support/FakeClock';

describe('RefreshCoalescer', () => {
  it('never flushes more than once per interval, whatever the rate, and loses no key', () => {
    const clock = new FakeClock();
    const flushes: string[][] = [];
    const c = new RefreshCoalescer<string>((keys) => flushes.push(keys), 100, clock);
    // 1,000 changes a second for 2 seconds, over 50 distinct keys.
    for (let ms = 0; ms < 2_000; ms++) {
      c.add([`k${ms % 50}`]);
      clock.advance(1);
    }
    clock.advance(200);
    assert.ok(flushes.length <= 21, `${flushes.length} flushes in 2 s`);
    assert.equal(new Set(flushes.flat()).size, 50);
  });

  it('merges duplicate keys within one flush', () => {
    const clock = new FakeClock();
    const flushes: string[][] = [];
    const c = new RefreshCoalescer<string>((keys) => flushes.push(keys), 100, clock);
    c.add(['a', 'b']);
    c.add(['a']);
    clock.advance(100);
    assert.deepEqual(flushes, [['a', 'b']]);
  });

  it('flushes a lone change at once when the last flush is long past', () => {
    const clock = new FakeClock();
    const flushes: string[][] = [];
    const c = new RefreshCoalescer<string>((keys) => flushes.push(keys), 100, clock);
    c.add(['a']);
    clock.advance(0);
    assert.deepEqual(flushes, [['a']]);
  });
});
