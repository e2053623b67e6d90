import { systemClock, type Clock } from '../ari/Clock';

/**
 * Gathers the keys of things that changed and hands them over at most once per interval, so a
 * view never refreshes more than 1000/intervalMs times a second, whatever the event rate.
 */
export class RefreshCoalescer<K> {
  private pending = new Set<K>();
  private timer: unknown;
  private lastFlush = -Infinity;

  constructor(
    private readonly flush: (keys: K[]) => void,
    private readonly intervalMs = 100,
    private readonly clock: Clock = systemClock,
  ) {}

  add(keys: Iterable<K>): void {
    for (const key of keys) this.pending.add(key);
    if (this.pending.size === 0 || this.timer !== undefined) return;
    this.schedule();
  }

  /** One key: what an event's change feed hands over most of the time. */
  addOne(key: K): void {
    this.pending.add(key);
    if (this.timer === undefined) this.schedule();
  }

  /**
   * The clock counts whole milliseconds and timers may run a fraction early: one millisecond
   * more keeps two flushes a full interval apart, so no second ever holds more than 1000/interval.
   */
  private schedule(): void {
    const wait = Math.max(0, this.lastFlush + this.intervalMs + 1 - this.clock.now());
    this.timer = this.clock.setTimeout(() => this.fire(), wait);
  }

  dispose(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }

  private fire(): void {
    this.timer = undefined;
    if (this.clock.now() < this.lastFlush + this.intervalMs + 1) {
      this.schedule();
      return;
    }
    this.lastFlush = this.clock.now();
    const keys = [...this.pending];
    this.pending = new Set();
    if (keys.length > 0) this.flush(keys);
  }
}
