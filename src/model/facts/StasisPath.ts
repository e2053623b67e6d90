/**
 * A channel's path across Stasis apps, in the order it happened (by Asterisk's timestamps), not
 * the order the events arrived in. Each step has a `key` that stays the same while the step
 * stands, so a reader can tell a step it has seen from a new one.
 */
export type PathStep =
  | { readonly key: string; readonly kind: 'entered'; readonly app: string; readonly args: readonly string[]; readonly at: string }
  | { readonly key: string; readonly kind: 'moved'; readonly from: string; readonly to: string; readonly args: readonly string[]; readonly at: string }
  | { readonly key: string; readonly kind: 'left'; readonly app: string; readonly at: string };

/** Where the channel is now: inside `app`'s Stasis(), since Asterisk's time `since` (unknown when REST placed it). */
export interface StasisPosition {
  readonly app: string;
  readonly args: readonly string[];
  readonly since: string | undefined;
}

export interface StasisPath {
  readonly steps: readonly PathStep[];
  /** Undefined while the channel is in no Stasis app (before it enters, after it leaves, between a move's two halves). */
  readonly current: StasisPosition | undefined;
}

export const EMPTY_PATH: StasisPath = Object.freeze({ steps: Object.freeze([]) as readonly PathStep[], current: undefined });
