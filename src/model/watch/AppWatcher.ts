import type { AriEventsClientOptions, EventsLinkStatus, FrameProblem, ReceivedEvent } from '../../ari/AriEventsClient';
import { AriError } from '../../ari/AriError';
import type { AriRestClient } from '../../ari/AriRestClient';
import type { AriServerConfig } from '../../ari/AriServerConfig';
import type { Clock } from '../../ari/Clock';
import type { Application } from '../../ari/generated/ariTypes';
import { listApplications } from '../../ari/listApplications';
import type { ListingEpoch } from '../session/EventIntake';
import { EventLinks, type LinkStatusReport } from '../session/EventLinks';
import { ListingReads } from './ListingReads';
import { newWatcherAppName } from './watcherAppName';

/** How a session watches (ServerSessionOptions.watch). */
export interface WatchOptions {
  /** The watcher's app name; a fresh one per session unless given (tests). */
  readonly appName?: string;
}

/** Wait before subscribing again after a failed try. */
const SUBSCRIBE_RETRY_MS = 2_000;

export interface AppWatcherOptions extends WatchOptions {
  readonly clock: Clock;
  readonly events?: Omit<AriEventsClientOptions, 'apps' | 'subscribeAll' | 'clock'>;
}

/** What the watcher tells the session it works for. */
export interface WatcherHost {
  /** Every event of the watcher's socket, on its read path. */
  receive(received: ReceivedEvent): void;
  /** Reads a listing asked for at `epoch` (see `epoch`); false if it is to be read again. */
  readListing(applications: readonly Application[], asked: ListingEpoch): boolean;
  /** Where the model stands as a listing is asked for: what changed since is newer than the listing. */
  epoch(): ListingEpoch;
  /** Whether polling the listing is worth a read now: some app we do not own holds channels. */
  worthPolling(): boolean;
  /** Read everything again: the watcher (re)subscribed, or a listing read failed. */
  resync(): void;
  /** A subscription or a listing read failed (retried), or Asterisk refused watching for good. */
  problem(message: string): void;
  linkStatus(report: LinkStatusReport): void;
  frameProblem(problem: FrameProblem): void;
  listenerError(error: unknown): void;
}

/** What the watcher subscribes to: every channel, bridge and endpoint ("scheme:" with no id means all). */
const EVERYTHING = ['channel:', 'bridge:', 'endpoint:'];

/**
 * Sees every Stasis app of a server without taking any over (docs/ari-behaviour.md#watching):
 * one socket of its own, under an app name no one else uses, subscribed over REST to every
 * channel, bridge and endpoint, so it hears their events whoever's app a channel is in; and the
 * reads of the server's listing of apps, which alone tells which app holds a channel it did not
 * see enter. Not `subscribeAll`: closing such a socket can hang Asterisk 22's ARI
 * (docs/ari-behaviour.md#subscribe-all-deadlock).
 */
export class AppWatcher {
  readonly appName: string;
  readonly listing: ListingReads<{ applications: Application[]; epoch: ListingEpoch }>;
  /** One socket, with the same lifecycle as an app's (backoff, pings); its app is never "ours". */
  private readonly link: EventLinks;
  private closed = false;
  /** Open and subscribed: it hears every channel now. */
  private subscribed = false;
  private retryTimer: unknown;
  /** Bumped by each (re)open and by close: a subscription answered for an older one is dropped. */
  private generation = 0;
  private firstReady: { promise: Promise<void>; resolve: () => void } | undefined;

  constructor(
    config: AriServerConfig,
    private readonly rest: AriRestClient,
    private readonly options: AppWatcherOptions,
    private readonly host: WatcherHost,
  ) {
    this.appName = options.appName ?? newWatcherAppName();
    this.link = new EventLinks(config, { events: options.events, clock: options.clock, onListenerError: (e) => host.listenerError(e), onEvent: (r) => host.receive(r) });
    this.listing = new ListingReads({
      clock: options.clock,
      read: async () => {
        const epoch = host.epoch();
        return { applications: await listApplications(rest), epoch };
      },
      apply: ({ applications, epoch }) => {
        if (!host.readListing(applications, epoch)) this.listing.request();
      },
      worthPolling: () => host.worthPolling(),
      onError: (error) => {
        host.problem(`reading the apps failed (${error.message}); the model is read again from REST.`);
        host.resync();
      },
    });
    this.link.onLinkStatus((report) => {
      if (report.status.state !== 'open') {
        // A subscription in flight, or a retry, is for the socket that just went.
        this.generation++;
        this.options.clock.clearTimeout(this.retryTimer);
        this.setSubscribed(false);
      }
      // Out of retries (or emptied by ApplicationReplaced): nothing brings it back but a new connect.
      const gaveUp = report.status.state === 'gaveUp' && !this.closed;
      if (gaveUp) this.close();
      host.linkStatus(report);
      if (gaveUp) host.problem(`the watcher's events socket gave up (${report.status.reason}); other clients' apps are read again only at Refresh until the next connect.`);
    });
    this.link.onFrameProblem((p) => host.frameProblem(p));
    // Only a second watcher given the same name (tests) can do it; its socket then gives up (above).
    this.link.onAppReplaced((app) => host.problem(`another ARI client registered "${app}", the name Stasis Explorer watches under.`));
    // Asterisk forgets an app's subscriptions when its socket closes: each open subscribes anew.
    this.link.onOpened(() => {
      this.generation++;
      void this.subscribe(this.generation);
    });
  }

  /** Open and subscribed to every channel: a resync then reads every channel, known or not. */
  get watching(): boolean {
    return this.subscribed;
  }

  get statuses(): EventsLinkStatus[] {
    return this.link.statuses;
  }

  /** Closed, or stopped because Asterisk refused it. */
  get stopped(): boolean {
    return this.closed;
  }

  get lastCloseReason(): string | undefined {
    return this.link.lastCloseReason;
  }

  /** Opens the socket and subscribes it; resolves once it watches, or once a first try to subscribe failed (it retries, or was refused for good). */
  async open(): Promise<void> {
    let resolve!: () => void;
    this.firstReady = { promise: new Promise<void>((r) => (resolve = r)), resolve };
    this.closed = false;
    this.listing.start();
    await this.link.open([this.appName]);
    await this.firstReady.promise;
  }

  dropLink(reason: string): void {
    this.link.dropAll(reason);
  }

  /** Sends a text frame on the watcher's socket; false if it is not open. */
  send(text: string): boolean {
    return this.link.send(text);
  }

  close(): void {
    this.closed = true;
    this.setSubscribed(false);
    this.generation++;
    this.options.clock.clearTimeout(this.retryTimer);
    this.listing.stop();
    this.link.closeAll();
    this.firstReady?.resolve();
  }

  dispose(): void {
    this.close();
    this.link.dispose();
  }

  private setSubscribed(subscribed: boolean): void {
    this.subscribed = subscribed;
    this.listing.setLive(subscribed);
  }

  private async subscribe(generation: number): Promise<void> {
    this.options.clock.clearTimeout(this.retryTimer);
    try {
      await this.rest.call('applications.subscribe', { applicationName: this.appName, eventSource: EVERYTHING });
      if (generation !== this.generation) return;
      // Subscribed from now on: what happened before is for a resync to read.
      this.host.resync();
      this.setSubscribed(true);
      this.firstReady?.resolve();
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof AriError && (error.status === 403 || error.status === 401)) {
        this.close();
        this.host.problem(`Asterisk refused to subscribe the watcher to every channel (${error.status}: ${error.message}). Watching needs an ARI user that may write (read_only=no in ari.conf); apps of other clients show only at Refresh.`);
        return;
      }
      this.host.problem(`Subscribing the watcher failed (${error instanceof Error ? error.message : String(error)}); retrying in ${SUBSCRIBE_RETRY_MS / 1000} s.`);
      this.retryTimer = this.options.clock.setTimeout(() => void this.subscribe(generation), SUBSCRIBE_RETRY_MS);
      // Watching is not what connecting waits for: the session works meanwhile, and the retry goes on.
      this.firstReady?.resolve();
    }
  }
}
