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

/** Which of the outcome's events reach us: only an app's own socket gets its Stasis events. */
export interface MoveVisibility {
  /** We own the source app: its StasisEnd and any ApplicationMoveFailed come to us. */
  source: boolean;
  /** We own the destination: its StasisStart comes to us. */
  destination: boolean;
}

interface Tracked extends PendingMove {
  from: string | undefined;
  expectStart: boolean;
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
  private readonly settledEmitter: Emitter<SettledMove>;
  private readonly startedEmitter: Emitter<PendingMove>;

  readonly onDidSettle: Emitter<SettledMove>['event'];
  readonly onDidStart: Emitter<PendingMove>['event'];

  constructor(
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
  begin(
    channelId: string,
    currentApp: string | undefined,
    to: string,
    args: readonly string[] = [],
    visibility: MoveVisibility = { source: true, destination: true },
  ): { move: PendingMove; outcome: Promise<SettledMove> } {
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
      expectStart: visibility.destination,
      // Without a known source, or without its socket, there is no StasisEnd to wait for.
      sawEnd: from === undefined || !visibility.source,
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
    if (!visibility.source && !visibility.destination) {
      this.settle(tracked, { kind: 'unknown', reason: `neither "${from ?? '?'}" nor "${to}" is registered by us, and Asterisk tells a move's outcome only to those apps' own clients` });
    }
    return { move: publicView(tracked), outcome };
  }

  /** The REST call failed: the move never happened. */
  reject(moveId: number, error: Error): void {
    const tracked = this.find(moveId);
    if (tracked) this.settle(tracked, { kind: 'rejected', error });
  }

  /** An events link dropped: moves whose outcome it would have carried end as unknown. */
  linkLost(reason: string, apps?: readonly string[]): void {
    for (const queue of [...this.byChannel.values()]) {
      for (const tracked of [...queue]) {
        const concerned = !apps || apps.includes(tracked.to) || (tracked.from !== undefined && apps.includes(tracked.from));
        if (concerned) this.settle(tracked, { kind: 'unknown', reason });
      }
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
        this.settleIfMoved(tracked);
        return;
      }
      case 'ApplicationMoveFailed': {
        const tracked = this.byChannel.get(event.channel.id)?.find((t) => !t.sawStart && t.to === event.destination);
        if (tracked) this.settle(tracked, { kind: 'failed', destination: event.destination, args: event.args });
        return;
      }
      case 'ChannelHangupRequest':
      case 'ChannelDestroyed': {
        // A channel that entered Stasis from the dialplan gets no ChannelDestroyed in the app, so
        // the hangup request is the sign.
        const why = event.type === 'ChannelDestroyed' ? `was destroyed (${event.cause_txt})` : `hung up (cause ${event.cause ?? '?'})`;
        for (const tracked of [...(this.byChannel.get(event.channel.id) ?? [])]) {
          if (tracked.sawStart) continue;
          this.settle(tracked, { kind: 'unknown', reason: `the channel ${why} before the move completed` });
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
    if (!tracked.sawEnd) return;
    if (tracked.sawStart) this.settle(tracked, { kind: 'moved', args: tracked.startArgs });
    // The destination is another client's: its StasisStart never reaches us, StasisEnd is the news.
    else if (!tracked.expectStart) this.settle(tracked, { kind: 'moved', args: tracked.args });
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
