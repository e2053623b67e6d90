import { Emitter } from '../../ari/Emitter';
import { systemClock, type Clock } from '../../ari/Clock';
import type { AppOwnership } from '../AppOwnership';
import { sameList } from '../sameList';
import type { Fact, FactKind } from '../facts/Fact';
import type { FactReader } from '../facts/FactRouter';
import { EMPTY_PATH, departureKey, type PathStep, type StasisPath } from '../facts/StasisPath';
import { isArrival, isCoalescedHop, isDeparture } from './stepSettles';
import type { MoveOutcome, MoveRequester, MoveVisibility, PendingMove, SettledMove } from './MoveOutcome';

export type { MoveOutcome, MoveRequester, MoveVisibility, PendingMove, SettledMove } from './MoveOutcome';

interface Tracked {
  move: PendingMove & { from: string | undefined };
  timer: unknown;
  /** Set while waiting to be sure that Asterisk skipped this move (see `settleCoalesced`). */
  skipTimer: unknown;
  resolve: (settled: SettledMove) => void;
}

interface ChannelMoves {
  readonly channelId: string;
  queue: Tracked[];
  /** The channel's path as last read, and the steps already accounted for (there before a move, or used by one). */
  path: StasisPath;
  used: Set<string>;
  /** Matching is under way (a settle inside it asks for another pass instead of starting one). */
  matching: boolean;
  again: boolean;
}

/** How long two hops of quick moves may arrive apart on two sockets before a missing one counts as skipped. */
const REORDER_GRACE_MS = 1_000;

/**
 * Turns each move request into exactly one outcome. The REST call answers 204 before anything
 * happens (docs/ari-behaviour.md#move), so the outcome comes from facts: a hop from the source to
 * the destination in the channel's path (the normaliser orders the hops whatever order their
 * events came in), an ApplicationMoveFailed, a hangup, a dropped link, or the timeout. Moves of
 * one channel queue behind each other: each starts where the one before it goes.
 */
export class MoveTracker implements FactReader {
  private nextId = 1;
  readonly reads: readonly FactKind[] = ['entered', 'moved', 'left', 'pathRevised', 'moveFailed', 'hungUp', 'channelGone'];
  private readonly byChannel = new Map<string, ChannelMoves>();
  private readonly settledEmitter: Emitter<SettledMove>;
  private readonly startedEmitter: Emitter<PendingMove>;

  readonly onDidSettle: Emitter<SettledMove>['event'];
  readonly onDidStart: Emitter<PendingMove>['event'];

  constructor(
    /** Which apps' own events reach us (ours, and traced ones): only their sockets tell a move's events (see `visibility`). */
    private readonly ownership: Pick<AppOwnership, 'isOwned'>,
    private readonly timeoutMs = 10_000,
    private readonly clock: Clock = systemClock,
    onListenerError?: (error: unknown) => void,
  ) {
    this.settledEmitter = new Emitter<SettledMove>(onListenerError);
    this.startedEmitter = new Emitter<PendingMove>(onListenerError);
    this.onDidSettle = this.settledEmitter.event;
    this.onDidStart = this.startedEmitter.event;
  }

  /** Pending moves of a channel, oldest first. */
  pending(channelId: string): readonly PendingMove[] {
    return this.byChannel.get(channelId)?.queue.map((t) => t.move) ?? [];
  }

  get pendingCount(): number {
    let n = 0;
    for (const moves of this.byChannel.values()) n += moves.queue.length;
    return n;
  }

  /**
   * Starts tracking a move. `currentApp` is where the channel is now and `path` its path so far;
   * if earlier moves are still pending, this one starts from the last one's destination.
   */
  begin(channelId: string, currentApp: string | undefined, to: string, args: readonly string[] = [], path: StasisPath = EMPTY_PATH, by: MoveRequester = 'us'): { move: PendingMove; outcome: Promise<SettledMove> } {
    let moves = this.byChannel.get(channelId);
    if (!moves) this.byChannel.set(channelId, (moves = { channelId, queue: [], path, used: stepKeys(path), matching: false, again: false }));
    const from = moves.queue.length > 0 ? moves.queue[moves.queue.length - 1].move.to : currentApp;
    let resolve!: (settled: SettledMove) => void;
    const outcome = new Promise<SettledMove>((r) => (resolve = r));
    const tracked: Tracked = { move: { id: this.nextId++, channelId, from, to, args: [...args], requestedAt: this.clock.now(), by }, timer: undefined, skipTimer: undefined, resolve };
    tracked.timer = this.clock.setTimeout(() => this.settle(tracked, { kind: 'timedOut', afterMs: this.timeoutMs }), this.timeoutMs);
    moves.queue.push(tracked);
    this.startedEmitter.fire({ ...tracked.move });
    const visibility = this.visibility(tracked.move);
    if (!visibility.source && !visibility.destination) {
      this.settle(tracked, { kind: 'unknown', reason: `neither "${from ?? '?'}" nor "${to}" is registered by us or traced, and Asterisk tells a move's outcome only to those apps' own clients` });
    }
    return { move: { ...tracked.move }, outcome };
  }

  /** The REST call failed: the move never happened. */
  reject(moveId: number, error: Error): void {
    const tracked = this.find(moveId);
    if (tracked) this.settle(tracked, { kind: 'rejected', error });
  }

  /** An events link dropped: moves whose outcome it would have carried end as unknown. */
  linkLost(reason: string, apps?: readonly string[]): void {
    for (const moves of [...this.byChannel.values()]) {
      for (const tracked of [...moves.queue]) {
        const { from, to } = tracked.move;
        if (!apps || apps.includes(to) || (from !== undefined && apps.includes(from))) this.settle(tracked, { kind: 'unknown', reason });
      }
    }
  }

  apply(fact: Fact): void {
    switch (fact.kind) {
      case 'entered':
      case 'moved':
      case 'left':
      case 'pathRevised': {
        const moves = this.byChannel.get(fact.channel.id);
        if (!moves) return;
        moves.path = fact.path;
        this.match(moves);
        return;
      }
      case 'moveFailed': {
        const tracked = this.byChannel.get(fact.channel.id)?.queue.find((t) => t.move.to === fact.destination);
        if (tracked) this.settle(tracked, { kind: 'failed', destination: fact.destination, args: fact.args });
        return;
      }
      case 'hungUp':
      case 'channelGone': {
        const id = fact.kind === 'hungUp' ? fact.channel.id : fact.channelId;
        const why = fact.kind === 'channelGone' ? 'is gone' : fact.destroyed ? `was destroyed (${fact.causeText ?? `cause ${fact.cause ?? '?'}`})` : `hung up (cause ${fact.cause ?? '?'})`;
        for (const tracked of [...(this.byChannel.get(id)?.queue ?? [])]) this.settle(tracked, { kind: 'unknown', reason: `the channel ${why} before the move completed` });
        return;
      }
      default:
        return;
    }
  }

  dispose(): void {
    for (const moves of this.byChannel.values()) for (const t of moves.queue) this.clearTimers(t);
    this.byChannel.clear();
    this.settledEmitter.dispose();
    this.startedEmitter.dispose();
  }

  /**
   * Reads the path's new steps (and new departures) as answers to the oldest pending move: Asterisk
   * carries out a channel's moves in order, so a later one is answered only after it (or with it,
   * when Asterisk coalesced the two). A settled move can change where the next one starts.
   */
  private match(moves: ChannelMoves): void {
    if (moves.matching) {
      moves.again = true;
      return;
    }
    moves.matching = true;
    try {
      do {
        moves.again = false;
        for (const step of moves.path.steps) {
          if (this.answer(moves, step)) {
            moves.again = true;
            break;
          }
        }
      } while (moves.again && this.byChannel.get(moves.channelId) === moves);
    } finally {
      moves.matching = false;
    }
  }

  private answer(moves: ChannelMoves, step: PathStep): boolean {
    const [tracked, next] = moves.queue;
    const departure = departureKey(step);
    const newHop = step.kind !== 'left' && !moves.used.has(step.key);
    const newDeparture = departure !== undefined && !moves.used.has(departure);
    if (!tracked || (!newHop && !newDeparture)) return false;
    const visibility = this.visibility(tracked.move);
    if (newHop && isArrival(step, tracked.move, visibility)) {
      moves.used.add(step.key);
      this.settle(tracked, { kind: 'moved', args: step.args, ...argsWarning(step.args, tracked.move.args) });
      return true;
    }
    // Past a destination we cannot see, a hop on is what two real moves look like too: only
    // the concatenated args of a move with args of its own tell that Asterisk skipped it.
    if (newHop && next && isCoalescedHop(step, tracked.move, next.move) && (visibility.destination || tracked.move.args.length > 0)) {
      moves.used.add(step.key);
      this.settleCoalesced(tracked, next, step);
      return true;
    }
    if (newDeparture && isDeparture(step, tracked.move, visibility)) {
      moves.used.add(departure);
      this.settle(tracked, { kind: 'moved', args: tracked.move.args });
      return true;
    }
    return false;
  }

  /**
   * The channel went straight from this move's source to the next move's destination. With args
   * given to this move, Asterisk's concatenation of both moves' args proves it skipped this one;
   * without, the hop into this move's destination may still arrive from another socket, so it
   * gets REORDER_GRACE_MS to show.
   */
  private settleCoalesced(tracked: Tracked, next: Tracked, step: Extract<PathStep, { kind: 'moved' }>): void {
    const delivered = step.args;
    if (tracked.move.args.length > 0) {
      this.settle(tracked, { kind: 'skipped', wentTo: next.move.to, reason: `Asterisk coalesced it with the next move of the channel and went straight to "${next.move.to}"` });
      this.settle(next, { kind: 'moved', args: delivered, warning: `Asterisk delivered the args of both queued moves, [${delivered.join(', ')}], instead of [${next.move.args.join(', ')}]` });
      return;
    }
    this.settle(next, { kind: 'moved', args: delivered });
    tracked.skipTimer = this.clock.setTimeout(() => this.settle(tracked, { kind: 'skipped', wentTo: next.move.to, reason: `no StasisStart in "${tracked.move.to}" came: Asterisk coalesced it with the next move of the channel and went straight to "${next.move.to}"` }), REORDER_GRACE_MS);
  }

  /**
   * Which of the move's events reach us, asked when they are read: a move queued behind another
   * starts from that one's destination (or, if that one did not happen, from where the channel
   * still is), and an app can stop being ours while a move is pending.
   */
  private visibility(move: PendingMove): MoveVisibility {
    return { source: move.from !== undefined && this.ownership.isOwned(move.from), destination: this.ownership.isOwned(move.to) };
  }

  private find(moveId: number): Tracked | undefined {
    for (const moves of this.byChannel.values()) {
      const tracked = moves.queue.find((t) => t.move.id === moveId);
      if (tracked) return tracked;
    }
    return undefined;
  }

  private settle(tracked: Tracked, outcome: MoveOutcome): void {
    const moves = this.byChannel.get(tracked.move.channelId);
    const index = moves?.queue.indexOf(tracked) ?? -1;
    if (!moves || index < 0) return;
    moves.queue.splice(index, 1);
    // A move queued behind one that did not happen starts from where the channel still is.
    const next = moves.queue[index];
    const startsElsewhere = outcome.kind !== 'moved' && outcome.kind !== 'skipped' && next !== undefined && next.move.from === tracked.move.to;
    if (startsElsewhere) next.move.from = tracked.move.from;
    if (moves.queue.length === 0) this.byChannel.delete(tracked.move.channelId);
    this.clearTimers(tracked);
    const settled: SettledMove = { ...tracked.move, outcome, settledAt: this.clock.now() };
    tracked.resolve(settled);
    this.settledEmitter.fire(settled);
    if (startsElsewhere) this.match(moves);
  }

  private clearTimers(tracked: Tracked): void {
    this.clock.clearTimeout(tracked.timer);
    this.clock.clearTimeout(tracked.skipTimer);
  }
}

/** The steps' keys and their departures' keys: what a path already tells before a move. */
function stepKeys(path: StasisPath): Set<string> {
  const keys = new Set<string>();
  for (const step of path.steps) {
    keys.add(step.key);
    const departure = departureKey(step);
    if (departure !== undefined) keys.add(departure);
  }
  return keys;
}

/** Asterisk can deliver other args than asked, when it coalesced two moves we could not tell apart (docs/ari-behaviour.md#move-ordering). */
function argsWarning(delivered: readonly string[], asked: readonly string[]): { warning?: string } {
  if (sameList(delivered, asked)) return {};
  return { warning: `Asterisk delivered the args [${delivered.join(', ')}] instead of [${asked.join(', ')}]` };
}
