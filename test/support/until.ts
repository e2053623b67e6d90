/**
 * The one wait of every test layer: polls `probe` until it gives a truthy value, and resolves with
 * that value; fails after `ms`, naming what it waited for (`what` may be a function, read at the
 * failure, to say how far it got). For state reached through events and I/O; timers of the code
 * under test go through its injected Clock instead (FakeClock).
 */
export async function until<T>(probe: () => T | Promise<T>, what: string | (() => string), ms = 10_000, everyMs = 10): Promise<Exclude<T, false | 0 | '' | null | undefined>> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value as Exclude<T, false | 0 | '' | null | undefined>;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting until ${typeof what === 'function' ? what() : what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
