import { Emitter } from '../ari/Emitter';
import type { AriEvent } from '../ari/generated/ariTypes';
import { systemClock, type Clock } from './Clock';

export type MoveOutcome =
  /** StasisEnd in the source and StasisStart in the destination were both seen. */
  | { kind: 'moved'; args: readonly string[] }
  /** Asterisk sent ApplicationMoveFailed: the destination is not registered or not active. */
  | { kind: 'failed'; destination: string; args: readonly string[] }
  /** The REST call itself failed (404 gone, 409 not in Stasis, …). */
  | { kind: 'rejected'; error: Error }
  /** No outcome within the configured time. */
  | { kind: 'timedOut'; afterMs: number }
  /** The events link dropped, or the channel vanished, before the outcome arrived. */
  | { kind: 'unknown'; reason: string };

export interface PendingMove {
  readonly id: number;
  readonly channelId: string;
  readonly from: string | undefined;
  readonly to: string;
  readonly args: readonly string[];
  readonly requestedAt: number;
}

export interface SettledMove extends PendingMove {
  readonly outcome: MoveOutcome;
  readonly settledAt: number;
}

interface Tracked extends PendingMove {
  from: string | undefined;
  sawEnd: boolean;
  sawStart: boolean;
  startArgs: readonly string[];
  timer: unknown;
  resolve: (settled: SettledMove) => void;
}

/**
 * Turns each move request into exactly one outcome. The REST call answers 204 before anything
 * happens, so the outcome comes from events: StasisEnd + StasisStart (either order: they travel on
 * different topics), or ApplicationMoveFailed on the source app. Moves of one channel are matched
 * first-in first-out, so two moves in a row are kept apart.
 */
export class MoveTracker {
  private nextId = 1;
  private readonly byChannel = new Map<string, Tracked[]>();
  private readonly settledEmitter = new Emitter<SettledMove>();
  private readonly startedEmitter = new Emitter<PendingMove>();

  readonly onDidSettle = this.settledEmitter.event;
  readonly onDidStart = this.startedEmitter.event;

  constructor(
    private timeoutMs = 10_000,
    private readonly clock: Clock = systemClock,
  ) {}

  setTimeout(ms: number): void {
    this.timeoutMs = ms;
  }

  /** Pending moves of a channel, oldest first. */
  pending(channelId: string): readonly PendingMove[] {
    return this.byChannel.get(channelId) ?? [];
  }

  get pendingCount(): number {
    let n = 0;
    for (const list of this.byChannel.values()) n += list.length;
    return n;
  }

  /**
   * Starts tracking a move. `currentApp` is where the channel is now; if earlier moves are still
   * pending, this one starts from the last one's destination.
   */
  begin(channelId: string, currentApp: string | undefined, to: string, args: readonly string[] = []): { move: PendingMove; outcome: Promise<SettledMove> } {
    const queue = this.byChannel.get(channelId) ?? [];
    const from = queue.length > 0 ? queue[queue.length - 1].to : currentApp;
    let resolve!: (settled: SettledMove) => void;
    const outcome = new Promise<SettledMove>((r) => (resolve = r));
    const tracked: Tracked = {
      id: this.nextId++,
      channelId,
      from,
      to,
      args: [...args],
      requestedAt: this.clock.now(),
      sawEnd: false,
      sawStart: false,
      startArgs: [],
      timer: undefined,
      resolve,
    };
    const timeoutMs = this.timeoutMs;
    tracked.timer = this.clock.setTimeout(() => this.settle(tracked, { kind: 'timedOut', afterMs: timeoutMs }), timeoutMs);
    queue.push(tracked);
    this.byChannel.set(channelId, queue);
    this.startedEmitter.fire(publicView(tracked));
    return { move: publicView(tracked), outcome };
  }

  /** The REST call failed: the move never happened. */
  reject(moveId: number, error: Error): void {
    const tracked = this.find(moveId);
    if (tracked) this.settle(tracked, { kind: 'rejected', error });
  }

  /** The events link dropped: whatever happened, we will not hear of it. */
  linkLost(reason: string): void {
    for (const queue of [...this.byChannel.values()]) {
      for (const tracked of [...queue]) this.settle(tracked, { kind: 'unknown', reason });
    }
  }

  observe(event: AriEvent): void {
    switch (event.type) {
      case 'StasisEnd': {
        const tracked = this.byChannel.get(event.channel.id)?.find((t) => !t.sawEnd && t.from === event.application);
        if (!tracked) return;
        tracked.sawEnd = true;
        this.settleIfMoved(tracked);
        return;
      }
      case 'StasisStart': {
        const tracked = this.byChannel.get(event.channel.id)?.find((t) => !t.sawStart && t.to === event.application);
        if (!tracked) return;
        tracked.sawStart = true;
        tracked.startArgs = event.args;
        // Without a known source there is no StasisEnd to wait for.
        if (tracked.from === undefined) tracked.sawEnd = true;
        this.settleIfMoved(tracked);
        return;
      }
      case 'ApplicationMoveFailed': {
        const tracked = this.byChannel.get(event.channel.id)?.find((t) => !t.sawStart && t.to === event.destination);
        if (tracked) this.settle(tracked, { kind: 'failed', destination: event.destination, args: event.args });
        return;
      }
      case 'ChannelDestroyed': {
        for (const tracked of [...(this.byChannel.get(event.channel.id) ?? [])]) {
          this.settle(tracked, { kind: 'unknown', reason: `the channel was destroyed (${event.cause_txt}) before the move completed` });
        }
        return;
      }
      default:
        return;
    }
  }

  dispose(): void {
    for (const queue of this.byChannel.values()) for (const t of queue) this.clock.clearTimeout(t.timer);
    this.byChannel.clear();
  }

  private settleIfMoved(tracked: Tracked): void {
    if (tracked.sawEnd && tracked.sawStart) this.settle(tracked, { kind: 'moved', args: tracked.startArgs });
  }

  private find(moveId: number): Tracked | undefined {
    for (const queue of this.byChannel.values()) {
      const tracked = queue.find((t) => t.id === moveId);
      if (tracked) return tracked;
    }
    return undefined;
  }

  private settle(tracked: Tracked, outcome: MoveOutcome): void {
    const queue = this.byChannel.get(tracked.channelId);
    const index = queue?.indexOf(tracked) ?? -1;
    if (!queue || index < 0) return;
    queue.splice(index, 1);
    // A move queued behind one that did not happen starts from where the channel still is.
    const next = queue[index];
    if (outcome.kind !== 'moved' && next && next.from === tracked.to) next.from = tracked.from;
    if (queue.length === 0) this.byChannel.delete(tracked.channelId);
    this.clock.clearTimeout(tracked.timer);
    const settled: SettledMove = { ...publicView(tracked), outcome, settledAt: this.clock.now() };
    tracked.resolve(settled);
    this.settledEmitter.fire(settled);
  }
}

function publicView(t: Tracked): PendingMove {
  return { id: t.id, channelId: t.channelId, from: t.from, to: t.to, args: t.args, requestedAt: t.requestedAt };
}
