import type { Disposable } from '../../../src/ari/Emitter';

type Subscribe<T> = (listener: (value: T) => void) => Disposable;

/** Resolves with the first value of an event source that matches, or fails after `ms`. (For state reached through several events, poll with test/support/until.ts.) */
export function nextMatching<T>(subscribe: Subscribe<T>, predicate: (value: T) => boolean, what: string, ms = 10_000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
    }, ms);
    const subscription = subscribe((value) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(value);
    });
  });
}
