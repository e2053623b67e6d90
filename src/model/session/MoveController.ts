import { assertAppName } from '../../ari/appName';
import { moveAppArgs } from '../../ari/appArgs';
import type { AriRestClient } from '../../ari/AriRestClient';
import type { StasisPath } from '../facts/StasisPath';
import type { MoveTracker, PendingMove, SettledMove } from '../moves/MoveTracker';

/** Where a move whose outcome was lost was going, for the next resync to place the channel by REST. */
export interface LostMove {
  readonly to: string;
  readonly args: readonly string[];
}

export interface MoveContext {
  /** Where the channel is now and its path so far, as the model reads it. */
  positionOf(channelId: string): { app: string | undefined; path: StasisPath };
}

/**
 * Sends move requests and keeps what the session must know of them: each channel's moves go out
 * one after the other, and moves whose outcome was lost are remembered until REST shows where
 * the channel went.
 */
export class MoveController {
  private readonly requests = new Map<string, Promise<void>>();
  private readonly lost = new Map<string, LostMove>();

  constructor(
    private readonly rest: AriRestClient,
    private readonly tracker: MoveTracker,
    private readonly context: MoveContext,
  ) {
    tracker.onDidSettle((m) => {
      if (m.outcome.kind === 'unknown' || m.outcome.kind === 'timedOut') this.lost.set(m.channelId, { to: m.to, args: m.args });
      else this.lost.delete(m.channelId);
    });
  }

  /** Asks Asterisk to move a channel; `outcome` settles as one MoveOutcome. Throws, with nothing sent, for a request Asterisk would not carry out as asked. */
  move(channelId: string, to: string, args: readonly string[] = []): { move: PendingMove; outcome: Promise<SettledMove> } {
    assertAppName(to);
    const params = { channelId, app: to, ...(args.length > 0 ? { appArgs: moveAppArgs(args) } : {}) };
    this.rest.check('channels.move', params);
    const { app: current, path } = this.context.positionOf(channelId);
    const tracked = this.tracker.begin(channelId, current, to, args, path);
    // Asterisk runs a channel's commands in the order they arrive; two POSTs in flight at once
    // may arrive swapped, so each move of a channel waits for the previous one's answer.
    const previous = this.requests.get(channelId) ?? Promise.resolve();
    const request = previous.then(() => this.rest.call('channels.move', params)).catch((error: Error) => this.tracker.reject(tracked.move.id, error));
    this.requests.set(channelId, request);
    void request.then(() => {
      if (this.requests.get(channelId) === request) this.requests.delete(channelId);
    });
    return tracked;
  }

  /** A move a traced app asked for (docs/trace-proxy.md): it sends it; we track it from its request on, like ours. */
  tracedMove(channelId: string, to: string, args: readonly string[]): PendingMove {
    assertAppName(to);
    const { app: current, path } = this.context.positionOf(channelId);
    return this.tracker.begin(channelId, current, to, args, path, 'tracedApp').move;
  }

  /** Moves lost with a link since the last resync that placed their channels. */
  get lostMoves(): ReadonlyMap<string, LostMove> {
    return new Map(this.lost);
  }

  /**
   * After a resync: a lost move is forgotten once REST shows where its channel is (or that it is
   * gone); until then the socket of its destination may still reopen after this resync.
   */
  placed(lostAtStart: ReadonlyMap<string, LostMove>, channel: (channelId: string) => { readonly stasisApp: string | undefined } | undefined): void {
    for (const [id, move] of lostAtStart) {
      const now = channel(id);
      if (this.lost.get(id) === move && (!now || now.stasisApp === move.to)) this.lost.delete(id);
    }
  }
}
