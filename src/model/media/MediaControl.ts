import type { AriRestClient } from '../../ari/AriRestClient';
import type { Clock } from '../../ari/Clock';
import type { Emitter } from '../../ari/Emitter';
import type { ChannelsRecordIfExists, ChannelsRecordTerminateOn } from '../../ari/generated/ariOperations';
import type { LiveRecording, Playback } from '../../ari/generated/ariTypes';
import type { Fact } from '../facts/Fact';

/**
 * How a playback or a recording we asked for ended, once: done (a recording with its length),
 * stopped or discarded by us, failed (Asterisk answers 201 and fails it after:
 * docs/ari-behaviour.md#playbacks, #recordings), never started within the wait, or cut short by
 * its channel hanging up (which also finishes a playback `failed`).
 */
export type MediaOutcome =
  | { readonly kind: 'done'; readonly durationSeconds?: number }
  | { readonly kind: 'stopped' }
  | { readonly kind: 'discarded' }
  | { readonly kind: 'failed'; readonly cause?: string }
  | { readonly kind: 'neverStarted'; readonly waitedMs: number }
  | { readonly kind: 'targetGone' };

export type PlayTarget = { readonly channelId: string } | { readonly bridgeId: string };

export interface NewRecording {
  readonly name: string;
  readonly format: string;
  readonly maxDurationSeconds?: number;
  readonly maxSilenceSeconds?: number;
  readonly ifExists?: ChannelsRecordIfExists;
  readonly beep?: boolean;
  readonly terminateOn?: ChannelsRecordTerminateOn;
}

/** How long one may stay queued before it is reported as never started. */
const START_WAIT_MS = 10_000;
/** Facts of those not tracked yet (their POST not answered yet), kept for it: a few suffice. */
const EARLY_KEPT = 64;

interface Tracked {
  readonly target: string;
  started: boolean;
  /** What we asked: a `done` after a stop is ours, a `failed` after a discard too. */
  ending: 'stop' | 'discard' | undefined;
  /** Its channel is hanging up: a playback's `failed` finish is that, not media Asterisk could not play. */
  hangingUp: boolean;
  timer: unknown;
  settle(outcome: MediaOutcome): void;
}

/**
 * Playing media and recording, on a channel or a bridge, each tracked to one outcome from its
 * events, as moves are: `play` and `record` resolve when Asterisk took the request, with what it
 * made and how it will end.
 */
export class MediaControl {
  /** By `playback:<id>` or `recording:<name>`. */
  private readonly tracked = new Map<string, Tracked>();
  /** By key, in the order they came (with when): a start, then perhaps the end. */
  private readonly early = new Map<string, { readonly fact: Fact; readonly at: number }[]>();

  constructor(
    private readonly rest: Pick<AriRestClient, 'call'>,
    facts: Emitter<Fact>['event'],
    private readonly clock: Clock,
    private readonly startWaitMs = START_WAIT_MS,
  ) {
    facts((fact) => this.read(fact));
  }

  async play(target: PlayTarget, media: readonly string[], lang?: string): Promise<{ playback: Playback; outcome: Promise<MediaOutcome> }> {
    const sent = this.clock.now();
    const playback = 'channelId' in target ? await this.rest.call('channels.play', { channelId: target.channelId, media, lang }) : await this.rest.call('bridges.play', { bridgeId: target.bridgeId, media, lang });
    return { playback, outcome: this.track(`playback:${playback.id}`, playback.target_uri, playback.state !== 'queued', sent) };
  }

  async record(target: PlayTarget, recording: NewRecording): Promise<{ recording: LiveRecording; outcome: Promise<MediaOutcome> }> {
    const sent = this.clock.now();
    const made = 'channelId' in target ? await this.rest.call('channels.record', { channelId: target.channelId, ...recording }) : await this.rest.call('bridges.record', { bridgeId: target.bridgeId, ...recording });
    return { recording: made, outcome: this.track(`recording:${made.name}`, made.target_uri, made.state !== 'queued', sent) };
  }

  /** Stops a playback (it ends `stopped`), or a recording, which is kept (it ends `done`). */
  async stop(what: { playbackId: string } | { recordingName: string }): Promise<void> {
    if ('playbackId' in what) {
      this.ending(`playback:${what.playbackId}`, 'stop');
      await this.rest.call('playbacks.stop', { playbackId: what.playbackId });
    } else {
      this.ending(`recording:${what.recordingName}`, 'stop');
      await this.rest.call('recordings.stop', { recordingName: what.recordingName });
    }
  }

  /** Stops a recording and throws it away: it ends `discarded`. */
  async discard(recordingName: string): Promise<void> {
    this.ending(`recording:${recordingName}`, 'discard');
    await this.rest.call('recordings.cancel', { recordingName });
  }

  /** `sent`: when its POST went; what was kept of that name from before (an old recording's end) is not its own. */
  private track(key: string, target: string, started: boolean, sent: number): Promise<MediaOutcome> {
    return new Promise<MediaOutcome>((resolve) => {
      const tracked: Tracked = {
        target,
        started,
        ending: undefined,
        hangingUp: false,
        timer: undefined,
        settle: (o) => {
          this.clock.clearTimeout(tracked.timer);
          this.tracked.delete(key);
          resolve(o);
        },
      };
      this.tracked.set(key, tracked);
      if (!started) tracked.timer = this.clock.setTimeout(() => tracked.settle({ kind: 'neverStarted', waitedMs: this.startWaitMs }), this.startWaitMs);
      const before = this.early.get(key);
      this.early.delete(key);
      for (const kept of before ?? []) if (kept.at >= sent) this.read(kept.fact);
    });
  }

  private ending(key: string, how: 'stop' | 'discard'): void {
    const tracked = this.tracked.get(key);
    if (tracked) tracked.ending = how;
  }

  private read(fact: Fact): void {
    if (fact.kind === 'hungUp' || fact.kind === 'channelGone') {
      const target = `channel:${fact.kind === 'hungUp' ? fact.channel.id : fact.channelId}`;
      for (const tracked of [...this.tracked.values()]) {
        if (tracked.target !== target) continue;
        if (fact.kind === 'hungUp') tracked.hangingUp = true;
        else tracked.settle({ kind: 'targetGone' });
      }
      return;
    }
    if (fact.kind !== 'playback' && fact.kind !== 'recording') return;
    const key = fact.kind === 'playback' ? `playback:${fact.playback.id}` : `recording:${fact.recording.name}`;
    const tracked = this.tracked.get(key);
    const ended = fact.phase === 'finished' || fact.phase === 'failed';
    if (!tracked) {
      this.keepEarly(key, fact);
      return;
    }
    if (!ended) {
      tracked.started = true;
      this.clock.clearTimeout(tracked.timer);
      return;
    }
    tracked.settle(fact.kind === 'playback' ? playbackOutcome(fact.playback, tracked) : recordingOutcome(fact.recording, tracked));
  }

  private keepEarly(key: string, fact: Fact & { kind: 'playback' | 'recording' }): void {
    // A recording's name comes back in use: a start begins its list again.
    const kept = fact.phase === 'started' ? [] : (this.early.get(key) ?? []);
    this.early.delete(key);
    this.early.set(key, [...kept, { fact, at: this.clock.now() }]);
    if (this.early.size > EARLY_KEPT) this.early.delete(this.early.keys().next().value!);
  }
}

function playbackOutcome(playback: Playback, tracked: Tracked): MediaOutcome {
  if (playback.state === 'failed') return tracked.hangingUp ? { kind: 'targetGone' } : { kind: 'failed' };
  return tracked.ending === 'stop' ? { kind: 'stopped' } : { kind: 'done' };
}

function recordingOutcome(recording: LiveRecording, tracked: Tracked): MediaOutcome {
  if (tracked.ending === 'discard') return { kind: 'discarded' };
  if (recording.state === 'failed') return { kind: 'failed', cause: recording.cause };
  return { kind: 'done', durationSeconds: recording.duration };
}
