import { departureKey, type PathStep } from '../facts/StasisPath';
import { sameList } from '../sameList';
import type { MoveVisibility, PendingMove } from './MoveOutcome';

/**
 * Whether the step is the move's arrival: a hop from its source into its destination. Only an
 * app's own socket receives its StasisStart and StasisEnd (docs/ari-behaviour.md#subscribe-all),
 * so with the source another client's, entering the destination is enough.
 */
export function isArrival(step: PathStep, move: PendingMove, visibility: MoveVisibility): step is Exclude<PathStep, { kind: 'left' }> {
  if (!visibility.destination || step.kind === 'left') return false;
  const to = step.kind === 'moved' ? step.to : step.app;
  if (to !== move.to) return false;
  if (move.from === undefined || !visibility.source) return true;
  return step.kind === 'moved' && step.from === move.from;
}

/**
 * Whether the step is the move's news when its destination is another client's app: the channel
 * left the source (its StasisEnd came). The step may be a hop on into an app of ours, whose
 * arrival then answers the move queued behind this one.
 */
export function isDeparture(step: PathStep, move: PendingMove, visibility: MoveVisibility): boolean {
  if (visibility.destination || move.from === undefined || departureKey(step) === undefined) return false;
  return (step.kind === 'left' ? step.app : step.kind === 'moved' ? step.from : undefined) === move.from;
}

/**
 * Whether the step is what Asterisk does with two queued moves it coalesces
 * (docs/ari-behaviour.md#move-ordering): a hop from the first move's source straight into the
 * second one's destination, with the args of both moves, concatenated.
 */
export function isCoalescedHop(step: PathStep, move: PendingMove, next: PendingMove | undefined): step is Extract<PathStep, { kind: 'moved' }> {
  if (!next || step.kind !== 'moved' || next.from !== move.to) return false;
  if (step.from !== move.from || step.to !== next.to) return false;
  return sameList(step.args, [...move.args, ...next.args]);
}
