/**
 * A channel's path across Stasis apps, in the order it happened (by Asterisk's timestamps), not
 * the order the events arrived in. Each step has a `key` that stays the same while the step
 * stands, so a reader can tell a step it has seen from a new one. Leaving an app has a key of its
 * own, the same whether the step is a `left` or, once the next StasisStart is known, a `moved`:
 * a move's two halves can answer two different move requests (`departure`).
 */
export type PathStep =
  | { readonly key: string; readonly kind: 'entered'; readonly app: string; readonly args: readonly string[]; readonly at: string }
  | {
      readonly key: string;
      readonly kind: 'moved';
      readonly from: string;
      readonly to: string;
      readonly args: readonly string[];
      readonly at: string;
      /** The key of leaving `from`, once its StasisEnd was seen (its StasisStart in `to` may come first). */
      readonly departure: string | undefined;
    }
  | { readonly key: string; readonly kind: 'left'; readonly app: string; readonly at: string };

/** The key of the step's leaving an app, if the step tells of one: a `left`, or a `moved` whose StasisEnd was seen. */
export function departureKey(step: PathStep): string | undefined {
  return step.kind === 'left' ? step.key : step.kind === 'moved' ? step.departure : undefined;
}

/**
 * How we know where a channel is: from a StasisStart one of our own apps received (`events`); from
 * the server's listing of apps (`listing`: GET /applications, the only word on a channel in another
 * client's app, docs/ari-behaviour.md#watching); or from the dialplan location the watcher saw it
 * enter (`dialplan`: `Stasis(app)` starting, until the listing confirms it).
 */
export type PositionSource = 'events' | 'listing' | 'dialplan';

/** Where the channel is now: inside `app`'s Stasis(), since Asterisk's time `since` (unknown unless `events`). */
export interface StasisPosition {
  readonly app: string;
  readonly args: readonly string[];
  readonly since: string | undefined;
  readonly knownFrom: PositionSource;
}

export interface StasisPath {
  readonly steps: readonly PathStep[];
  /** Undefined while the channel is in no Stasis app (before it enters, after it leaves, between a move's two halves). */
  readonly current: StasisPosition | undefined;
}

export const EMPTY_PATH: StasisPath = Object.freeze({ steps: Object.freeze([]) as readonly PathStep[], current: undefined });
