import type { AriRestClient } from '../../ari/AriRestClient';
import { listApplications } from '../../ari/listApplications';
import type { Clock } from '../../ari/Clock';
import type { ReceivedEvent } from '../../ari/readFrame';
import type { ResyncSnapshot, SnapshotLists } from '../normalise/readSnapshot';

/**
 * How each resource of SnapshotLists is read from REST at a resync. A new resource adds its list
 * there; the type then asks for its source here.
 */
const SNAPSHOT_SOURCES: { readonly [K in keyof SnapshotLists]: (rest: AriRestClient) => Promise<SnapshotLists[K]> } = {
  applications: (rest) => listApplications(rest),
  channels: (rest) => rest.call('channels.list', {}),
  bridges: (rest) => rest.call('bridges.list', {}),
  endpoints: (rest) => rest.call('endpoints.list', {}),
};

/** Every source at once. */
async function readLists(rest: AriRestClient): Promise<SnapshotLists> {
  const entries = await Promise.all(Object.entries(SNAPSHOT_SOURCES).map(async ([key, read]) => [key, await read(rest)] as const));
  // One entry per key of SNAPSHOT_SOURCES, whose type is keyed by SnapshotLists.
  return Object.fromEntries(entries) as unknown as SnapshotLists;
}

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
  /** One event that arrived while the snapshot was read (and whether the watcher got it), to apply on top of it. */
  replay(received: ReceivedEvent, fromWatcher: boolean): void;
  done(report: ResyncReport): void;
  failed(error: Error): void;
}

/**
 * Rebuilds the model from REST: Asterisk replays nothing after a reconnect
 * (docs/ari-behaviour.md#socket-close). Events that arrive while the snapshot is read are held
 * and replayed on top of it: most happened after REST answered. One that happened before it
 * (events and REST travel on different connections) must not undo what REST said; the normaliser
 * sees to that (a channel REST lists in no app comes back only by a StasisStart). Runs never
 * overlap: a call during a run gets the next one. `cancel` (a disconnect) makes a run in flight
 * change nothing.
 */
export class Resync {
  private running: Promise<void> | undefined;
  private queued: { promise: Promise<void>; resolve: () => void } | undefined;
  /** Each held event, then whether it came to the watcher: two slots, nothing made per event. */
  private held: (ReceivedEvent | boolean)[] | undefined;
  private retryTimer: unknown;
  private generation = 0;
  private latestRun: Promise<void> = Promise.resolve();
  private started = 0;

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

  hold(received: ReceivedEvent, fromWatcher: boolean): void {
    this.held!.push(received, fromWatcher);
  }

  /** How many runs have started: a listing read before the latest one is older than what it read. */
  get runsStarted(): number {
    return this.started;
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
    this.started++;
    const started = this.clock.now();
    const generation = this.generation;
    try {
      const uncertainMoves = this.hooks.uncertainMoves();
      const lists = await readLists(this.rest);
      if (generation !== this.generation) return;
      this.hooks.read({ ...lists, uncertainMoves });
      this.hooks.done({ counts: Object.fromEntries(Object.entries(lists).map(([key, list]) => [key, list.length])), durationMs: this.clock.now() - started });
    } catch (error) {
      if (generation !== this.generation) return;
      this.hooks.failed(error as Error);
      this.clock.clearTimeout(this.retryTimer);
      this.retryTimer = this.clock.setTimeout(() => void this.run(), this.retryMs);
    } finally {
      if (generation === this.generation) {
        const pending = this.held ?? [];
        this.held = undefined;
        for (let i = 0; i < pending.length; i += 2) this.hooks.replay(pending[i] as ReceivedEvent, pending[i + 1] as boolean);
      }
    }
  }
}
