/** Time and timers, injectable so tests can drive timeouts without waiting. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending move must not keep a process (or a test run) alive.
    handle.unref?.();
    return handle;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** `work`, or `late()` as the rejection if it has not settled within `ms`. */
export function withDeadline<T>(clock: Clock, ms: number, work: Promise<T>, late: () => Error): Promise<T> {
  let timer: unknown;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = clock.setTimeout(() => reject(late()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clock.clearTimeout(timer));
}
