import type { AriEvent } from '../../../src/ari/generated/ariTypes';

/** The first event one of `listeners` is told of from now on that matches; rejects, saying what was awaited, after `ms`. */
export function nextEvent(listeners: Set<(event: AriEvent) => void>, predicate: (event: AriEvent) => boolean, what: string, ms: number): Promise<AriEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      listeners.delete(listener);
      reject(new Error(`the user's app got no ${what} within ${ms} ms`));
    }, ms);
    const listener = (event: AriEvent) => {
      if (!predicate(event)) return;
      clearTimeout(timer);
      listeners.delete(listener);
      resolve(event);
    };
    listeners.add(listener);
  });
}
