import type { AriEventsClientOptions, EventsLinkStatus, ReceivedEvent } from '../../ari/AriEventsClient';
import { AriError } from '../../ari/AriError';
import type { AriRestClient } from '../../ari/AriRestClient';
import type { AriServerConfig } from '../../ari/AriServerConfig';
import type { Clock } from '../../ari/Clock';
import { Emitter } from '../../ari/Emitter';
import type { Application } from '../../ari/generated/ariTypes';
import { EventLinks } from '../session/EventLinks';
import { ListingReads, type ListingReadsOptions } from './ListingReads';
import { newWatcherAppName } from './watcherAppName';

/** How a session watches (ServerSessionOptions.watch). */
export interface WatchOptions {
  /** The watcher's app name; a fresh one per session unless given (tests). */
  readonly appName?: string;
  readonly minGapMs?: number;
  readonly pollMs?: number;
  /** Wait before subscribing again after a failed try. */
  readonly subscribeRetryMs?: number;
}

export interface AppWatcherOptions extends WatchOptions {
  readonly clock: Clock;
  readonly events?: Omit<AriEventsClientOptions, 'apps' | 'subscribeAll' | 'clock'>;
  readonly onListenerError: (error: unknown) => void;
  /** Every event of the watcher's socket, on its read path. */
  readonly onEvent: (received: ReceivedEvent) => void;
  readonly listing: Pick<ListingReadsOptions<Application[]>, 'apply' | 'worthPolling' | 'onError'>;
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
  readonly listing: ListingReads<Application[]>;
  /** One socket, with the same lifecycle as an app's (backoff, pings); its app is never "ours". */
  private readonly link: EventLinks;
  private readonly readyEmitter: Emitter<void>;
  private readonly problemEmitter: Emitter<string>;
  private closed = false;
  private retryTimer: unknown;
  /** Bumped by each (re)open and by close: a subscription answered for an older one is dropped. */
  private generation = 0;
  private firstReady: { promise: Promise<void>; resolve: () => void } | undefined;

  /** Subscribed to everything after a (re)open: what happened while it was not is unknown. */
  readonly onReady: Emitter<void>['event'];
  /** A subscription failed: retried, or, when Asterisk refused it for good (a read-only user), watching stopped. */
  readonly onProblem: Emitter<string>['event'];
  readonly onLinkStatus: EventLinks['onLinkStatus'];
  readonly onFrameProblem: EventLinks['onFrameProblem'];
  /** Someone registered our watcher's name: only a second watcher with the same given name does. */
  readonly onReplaced: EventLinks['onAppReplaced'];

  constructor(
    config: AriServerConfig,
    private readonly rest: AriRestClient,
    private readonly options: AppWatcherOptions,
  ) {
    this.appName = options.appName ?? newWatcherAppName();
    this.link = new EventLinks(config, { events: options.events, clock: options.clock, onListenerError: options.onListenerError, onEvent: options.onEvent });
    this.listing = new ListingReads({ ...options.listing, read: () => rest.call('applications.list', {}), clock: options.clock, minGapMs: options.minGapMs, pollMs: options.pollMs });
    this.readyEmitter = new Emitter(options.onListenerError);
    this.problemEmitter = new Emitter(options.onListenerError);
    this.onReady = this.readyEmitter.event;
    this.onProblem = this.problemEmitter.event;
    this.onLinkStatus = this.link.onLinkStatus;
    this.onFrameProblem = this.link.onFrameProblem;
    this.onReplaced = this.link.onAppReplaced;
    // Asterisk forgets an app's subscriptions when its socket closes: each open subscribes anew.
    this.link.onOpened(() => {
      this.generation++;
      void this.subscribe(this.generation);
    });
  }

  get status(): EventsLinkStatus | undefined {
    return this.link.statuses[0];
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

  /** Opens the socket and subscribes it; resolves once it watches, or once watching was refused for good. */
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

  close(): void {
    this.closed = true;
    this.generation++;
    this.options.clock.clearTimeout(this.retryTimer);
    this.listing.stop();
    this.link.closeAll();
    this.firstReady?.resolve();
  }

  dispose(): void {
    this.close();
    this.link.dispose();
    this.readyEmitter.dispose();
    this.problemEmitter.dispose();
  }

  private async subscribe(generation: number): Promise<void> {
    this.options.clock.clearTimeout(this.retryTimer);
    try {
      await this.rest.call('applications.subscribe', { applicationName: this.appName, eventSource: EVERYTHING });
      if (generation !== this.generation) return;
      this.readyEmitter.fire();
      this.firstReady?.resolve();
    } catch (error) {
      if (generation !== this.generation) return;
      if (error instanceof AriError && (error.status === 403 || error.status === 401)) {
        this.close();
        this.problemEmitter.fire(`Asterisk refused to subscribe the watcher to every channel (${error.status}: ${error.message}). Watching needs an ARI user that may write (read_only=no in ari.conf); apps of other clients show only at Refresh.`);
        return;
      }
      this.problemEmitter.fire(`Subscribing the watcher failed (${error instanceof Error ? error.message : String(error)}); retrying.`);
      this.retryTimer = this.options.clock.setTimeout(() => void this.subscribe(generation), this.options.subscribeRetryMs ?? 2_000);
    }
  }
}
