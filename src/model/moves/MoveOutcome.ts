/** How a move request ended: exactly one of these per request. */
export type MoveOutcome =
  /**
   * The channel went from the source to the destination. `args` are those Asterisk delivered;
   * `warning` says when they differ from the ones asked for (two queued moves coalesced).
   */
  | { kind: 'moved'; args: readonly string[]; warning?: string }
  /** Asterisk sent ApplicationMoveFailed: the destination is not registered or not active. */
  | { kind: 'failed'; destination: string; args: readonly string[] }
  /** Asterisk coalesced this move with the next one and went straight to `wentTo` (docs/ari-behaviour.md#move-ordering). */
  | { kind: 'skipped'; wentTo: string; reason: string }
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
  /** Who asked: Stasis Explorer, or a traced app through the trace proxy (docs/trace-proxy.md). */
  readonly by: MoveRequester;
}

export type MoveRequester = 'us' | 'tracedApp';

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
