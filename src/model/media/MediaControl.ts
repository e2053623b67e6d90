import type { AriRestClient } from '../../ari/AriRestClient';
import type { Clock } from '../../ari/Clock';
import type { Emitter } from '../../ari/Emitter';
import type { Playback } from '../../ari/generated/ariTypes';
import type { Fact } from '../facts/Fact';

/**
 * How a playback we asked for ended, once: played to its end, stopped by us, failed (Asterisk
 * answers 201 for any media and fails it after: docs/ari-behaviour.md#playbacks), never started
 * within the wait, or cut short by its channel hanging up (which also finishes it `failed`).
 */
export type PlaybackOutcome = { readonly kind: 'done' } | { readonly kind: 'stopped' } | { readonly kind: 'failed' } | { readonly kind: 'neverStarted'; readonly waitedMs: number } | { readonly kind: 'targetGone' };

export type PlayTarget = { readonly channelId: string } | { readonly bridgeId: string };

/** How long a playback may stay queued before it is reported as never started. */
const START_WAIT_MS = 10_000;
/** Playbacks that finished before their POST was answered, kept for it by id (a few suffice). */
const EARLY_KEPT = 64;

interface Tracked {
  readonly target: string;
  started: boolean;
  stopping: boolean;
  /** Its channel is hanging up: a `failed` finish is that, not media Asterisk could not play. */
  hangingUp: boolean;
  timer: unknown;
  settle(outcome: PlaybackOutcome): void;
}

/**
 * Playing media on a channel or a bridge, each playback tracked to one outcome from its events,
 * as moves are: `play` resolves when Asterisk took the request, with the playback and its outcome.
 */
export class MediaControl {
  private readonly tracked = new Map<string, Tracked>();
  private readonly early = new Map<string, Fact>();

  constructor(
    private readonly rest: Pick<AriRestClient, 'call'>,
    facts: Emitter<Fact>['event'],
    private readonly clock: Clock,
    private readonly startWaitMs = START_WAIT_MS,
  ) {
    facts((fact) => this.read(fact));
  }

  async play(target: PlayTarget, media: readonly string[], lang?: string): Promise<{ playback: Playback; outcome: Promise<PlaybackOutcome> }> {
    const playback = 'channelId' in target ? await this.rest.call('channels.play', { channelId: target.channelId, media, lang }) : await this.rest.call('bridges.play', { bridgeId: target.bridgeId, media, lang });
    const outcome = new Promise<PlaybackOutcome>((resolve) => {
      const tracked: Tracked = {
        target: playback.target_uri,
        started: playback.state !== 'queued',
        stopping: false,
        hangingUp: false,
        timer: undefined,
        settle: (o) => {
          this.clock.clearTimeout(tracked.timer);
          this.tracked.delete(playback.id);
          resolve(o);
        },
      };
      this.tracked.set(playback.id, tracked);
      if (!tracked.started) tracked.timer = this.clock.setTimeout(() => tracked.settle({ kind: 'neverStarted', waitedMs: this.startWaitMs }), this.startWaitMs);
      const before = this.early.get(playback.id);
      if (before) this.read(before);
    });
    return { playback, outcome };
  }

  /** Stops a playback; one we track then ends `stopped`. */
  async stop(playbackId: string): Promise<void> {
    const tracked = this.tracked.get(playbackId);
    if (tracked) tracked.stopping = true;
    await this.rest.call('playbacks.stop', { playbackId });
  }

  private read(fact: Fact): void {
    if (fact.kind === 'hungUp') {
      for (const tracked of this.tracked.values()) if (tracked.target === `channel:${fact.channel.id}`) tracked.hangingUp = true;
      return;
    }
    if (fact.kind === 'channelGone') {
      for (const tracked of [...this.tracked.values()]) if (tracked.target === `channel:${fact.channelId}`) tracked.settle({ kind: 'targetGone' });
      return;
    }
    if (fact.kind !== 'playback') return;
    const tracked = this.tracked.get(fact.playback.id);
    if (!tracked) {
      if (fact.phase === 'finished') this.keepEarly(fact);
      return;
    }
    if (fact.phase !== 'finished') {
      tracked.started = true;
      this.clock.clearTimeout(tracked.timer);
      return;
    }
    if (fact.playback.state === 'failed') tracked.settle(tracked.hangingUp ? { kind: 'targetGone' } : { kind: 'failed' });
    else tracked.settle(tracked.stopping ? { kind: 'stopped' } : { kind: 'done' });
  }

  private keepEarly(fact: Fact & { kind: 'playback' }): void {
    this.early.set(fact.playback.id, fact);
    if (this.early.size > EARLY_KEPT) this.early.delete(this.early.keys().next().value!);
  }
}
