export interface BackoffOptions {
  /** First delay, in ms. */
  initialMs: number;
  /** No delay is longer than this, jitter included. */
  maxMs: number;
  factor: number;
  /** Fraction of the delay that is randomised, 0..1, so that many clients do not retry in step. */
  jitter: number;
  /** Give up after this many failed attempts in a row; Infinity retries forever. */
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = {
  initialMs: 500,
  maxMs: 30_000,
  factor: 2,
  jitter: 0.25,
  maxAttempts: Infinity,
};

/** Exponential backoff with jitter and a cap. `reset()` once a connection has proven stable. */
export class Backoff {
  private failures = 0;

  constructor(
    private readonly options: BackoffOptions = DEFAULT_BACKOFF,
    private readonly random: () => number = Math.random,
  ) {}

  get attempts(): number {
    return this.failures;
  }

  get exhausted(): boolean {
    return this.failures >= this.options.maxAttempts;
  }

  /** Records a failure and returns how long to wait before the next attempt. */
  next(): number {
    const { initialMs, maxMs, factor, jitter } = this.options;
    const base = Math.min(maxMs, initialMs * factor ** this.failures);
    this.failures += 1;
    const spread = base * jitter * (this.random() * 2 - 1);
    return Math.max(0, Math.min(maxMs, Math.round(base + spread)));
  }

  reset(): void {
    this.failures = 0;
  }
}
