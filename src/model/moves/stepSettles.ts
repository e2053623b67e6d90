import type { PathStep } from '../facts/StasisPath';
import type { MoveVisibility, PendingMove } from './MoveOutcome';

/**
 * Whether this step of the channel's path is the outcome of the move: a hop from its source into
 * its destination. Only an app's own socket receives its StasisStart and StasisEnd
 * (docs/ari-behaviour.md#subscribe-all), so with the source another client's, entering the
 * destination is enough; with the destination another client's, leaving the source is the news.
 */
export function stepSettles(step: PathStep, move: PendingMove, visibility: MoveVisibility): boolean {
  if (step.kind === 'left') return !visibility.destination && move.from !== undefined && step.app === move.from;
  const to = step.kind === 'moved' ? step.to : step.app;
  if (to !== move.to) return false;
  if (move.from === undefined || !visibility.source) return true;
  return step.kind === 'moved' && step.from === move.from;
}

/**
 * Whether the step is what Asterisk does with two queued moves it coalesces
 * (docs/ari-behaviour.md#move-ordering): a hop from the first move's source straight into the
 * second one's destination, with the args of both moves, concatenated.
 */
export function isCoalescedHop(step: PathStep, move: PendingMove, next: PendingMove | undefined): step is Extract<PathStep, { kind: 'moved' }> {
  if (!next || step.kind !== 'moved' || next.from !== move.to) return false;
  if (step.from !== move.from || step.to !== next.to) return false;
  const both = [...move.args, ...next.args];
  return step.args.length === both.length && step.args.every((a, i) => a === both[i]);
}
