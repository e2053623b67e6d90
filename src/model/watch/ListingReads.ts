import type { Clock } from '../../ari/Clock';

export interface ListingReadsOptions<T> {
  readonly clock: Clock;
  /** Reads the listing once (GET /applications). */
  readonly read: () => Promise<T>;
  /** Applies what a read got, unless `stop` came between. */
  readonly apply: (listing: T) => void;
  /** Whether a poll is worth a read now: some app we do not own holds channels. */
  readonly worthPolling: () => boolean;
  readonly onError: (error: Error) => void;
}

/** At least this long between the starts of two reads: at most 2 a second. */
const MIN_GAP_MS = 500;
/** How often to poll while polling is worth it, the view shown and the watcher subscribed. */
const POLL_MS = 1_000;

/**
 * When the server's listing of apps is read again. Only the listing shows a move between apps we
 * do not own (it changes no channel snapshot: docs/ari-behaviour.md#watching), so it is polled
 * while such an app holds channels and the view is shown; and an event that leaves a channel's
 * place unknown asks for a read at once. Either way reads never overlap and start at least
 * `MIN_GAP_MS` apart: requests made meanwhile are served by one read after the gap.
 */
export class ListingReads<T> {
  private lastStart = -Infinity;
  private inFlight = false;
  private wanted = false;
  private gapTimer: unknown;
  private pollTimer: unknown;
  private running = false;
  private paused = false;
  /** The watcher's socket is open and subscribed: a listing means something only then. */
  private live = false;
  private count = 0;
  /** Bumped by `stop`: a read in flight then applies nothing. */
  private generation = 0;

  constructor(private readonly options: ListingReadsOptions<T>) {}

  /** Reads started since the session began. */
  get reads(): number {
    return this.count;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.schedulePoll();
  }

  /** Nothing more is read until `start`, and a read in flight applies nothing. */
  stop(): void {
    this.running = false;
    this.generation++;
    this.wanted = false;
    this.options.clock.clearTimeout(this.gapTimer);
    this.options.clock.clearTimeout(this.pollTimer);
    this.gapTimer = this.pollTimer = undefined;
  }

  /** A read as soon as the gap allows. */
  request(): void {
    this.wanted = true;
    this.pump();
  }

  /** While the watcher's socket is not subscribed, nothing is read: its resync on coming back reads everything. */
  setLive(live: boolean): void {
    this.live = live;
    this.pump();
  }

  /** Stops polling (the view is hidden); requests from events are still served. */
  pause(): void {
    this.paused = true;
  }

  /** Polls again, starting with a read now: moves made while hidden show at once. */
  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    if (this.options.worthPolling()) this.request();
  }

  private schedulePoll(): void {
    this.pollTimer = this.options.clock.setTimeout(() => {
      if (!this.running) return;
      if (!this.paused && this.live && this.options.worthPolling()) this.request();
      this.schedulePoll();
    }, POLL_MS);
  }

  private pump(): void {
    if (!this.running || !this.live || this.inFlight || !this.wanted || this.gapTimer !== undefined) return;
    const wait = this.lastStart + MIN_GAP_MS - this.options.clock.now();
    if (wait > 0) {
      this.gapTimer = this.options.clock.setTimeout(() => {
        this.gapTimer = undefined;
        this.pump();
      }, wait);
      return;
    }
    this.wanted = false;
    this.inFlight = true;
    this.lastStart = this.options.clock.now();
    this.count++;
    const generation = this.generation;
    this.options
      .read()
      .then((listing) => {
        if (generation === this.generation) this.options.apply(listing);
      })
      .catch((error: unknown) => {
        if (generation === this.generation) this.options.onError(error instanceof Error ? error : new Error(String(error)));
      })
      .finally(() => {
        this.inFlight = false;
        this.pump();
      });
  }
}
