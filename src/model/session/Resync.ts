import type { AriRestClient } from '../../ari/AriRestClient';
import type { Clock } from '../../ari/Clock';
import type { ReceivedEvent } from '../../ari/readFrame';
import type { ResyncSnapshot } from '../normalise/readSnapshot';

/** One resource read from REST at a resync: a new resource adds one of these to SNAPSHOT_SOURCES. */
export interface SnapshotSource<K extends keyof ResyncSnapshot> {
  readonly key: K;
  read(rest: AriRestClient): Promise<ResyncSnapshot[K]>;
}

export const SNAPSHOT_SOURCES: readonly SnapshotSource<'applications' | 'channels'>[] = [
  { key: 'applications', read: (rest) => rest.call('applications.list', {}) },
  { key: 'channels', read: (rest) => rest.call('channels.list', {}) },
];

export interface ResyncReport {
  /** How many of each resource REST listed, by source key. */
  readonly counts: Readonly<Record<string, number>>;
  readonly durationMs: number;
}

export interface ResyncHooks {
  /** What the move controller knows of moves lost with a link, read as the run starts. */
  uncertainMoves(): ResyncSnapshot['uncertainMoves'];
  /** The snapshot is in: read it. */
  read(snapshot: ResyncSnapshot): void;
  /** One event that arrived while the snapshot was read, to apply on top of it. */
  replay(received: ReceivedEvent): void;
  done(report: ResyncReport): void;
  failed(error: Error): void;
}

/**
 * Rebuilds the model from REST: Asterisk replays nothing after a reconnect
 * (docs/ari-behaviour.md#socket-close). Events that arrive while the snapshot is read happened
 * after it began, so they are held and replayed on top of it. Runs never overlap: a call during a
 * run gets the next one. `cancel` (a disconnect) makes a run in flight change nothing.
 */
export class Resync {
  private running: Promise<void> | undefined;
  private queued: { promise: Promise<void>; resolve: () => void } | undefined;
  private held: ReceivedEvent[] | undefined;
  private retryTimer: unknown;
  private generation = 0;
  private latestRun: Promise<void> = Promise.resolve();

  constructor(
    private readonly rest: AriRestClient,
    private readonly hooks: ResyncHooks,
    private readonly clock: Clock,
    private readonly retryMs: number,
  ) {}

  /** Whether events must be held now instead of applied. */
  get holding(): boolean {
    return this.held !== undefined;
  }

  hold(received: ReceivedEvent): void {
    this.held!.push(received);
  }

  /** The run the last `run()` call asked for. */
  get latest(): Promise<void> {
    return this.latestRun;
  }

  /** Starts a run, or, while one runs, queues the next one; resolves when that run is over. */
  run(): Promise<void> {
    if (this.running) {
      if (!this.queued) {
        let resolve!: () => void;
        const promise = new Promise<void>((r) => (resolve = r));
        this.queued = { promise, resolve };
      }
      this.latestRun = this.queued.promise;
      return this.latestRun;
    }
    this.held ??= [];
    const run = this.once().finally(() => {
      this.running = undefined;
      const queued = this.queued;
      this.queued = undefined;
      if (queued) void this.run().then(queued.resolve);
    });
    this.running = run;
    this.latestRun = run;
    return run;
  }

  /** A disconnect: what a run in flight reads is thrown away, and no retry follows. */
  cancel(): void {
    this.generation++;
    this.clock.clearTimeout(this.retryTimer);
    this.held = undefined;
  }

  private async once(): Promise<void> {
    const started = this.clock.now();
    const generation = this.generation;
    try {
      const uncertainMoves = this.hooks.uncertainMoves();
      const lists = await Promise.all(SNAPSHOT_SOURCES.map((s) => s.read(this.rest)));
      if (generation !== this.generation) return;
      const read: Record<string, readonly unknown[]> = {};
      SNAPSHOT_SOURCES.forEach((source, i) => (read[source.key] = lists[i]));
      this.hooks.read({ ...read, uncertainMoves } as unknown as ResyncSnapshot);
      this.hooks.done({ counts: Object.fromEntries(Object.entries(read).map(([key, list]) => [key, list.length])), durationMs: this.clock.now() - started });
    } catch (error) {
      if (generation !== this.generation) return;
      this.hooks.failed(error as Error);
      this.clock.clearTimeout(this.retryTimer);
      this.retryTimer = this.clock.setTimeout(() => void this.run(), this.retryMs);
    } finally {
      if (generation === this.generation) {
        const pending = this.held ?? [];
        this.held = undefined;
        for (const event of pending) this.hooks.replay(event);
      }
    }
  }
}
