import type { AriEventsClientOptions, EventsLinkStatus, ReceivedEvent } from '../../ari/AriEventsClient';
import type { AriServerConfig } from '../../ari/AriServerConfig';
import type { AriRestClient } from '../../ari/AriRestClient';
import type { Clock } from '../../ari/Clock';
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
}

export interface AppWatcherOptions extends WatchOptions {
  readonly clock: Clock;
  readonly events?: Omit<AriEventsClientOptions, 'apps' | 'subscribeAll' | 'clock'>;
  readonly onListenerError: (error: unknown) => void;
  /** Every event of the watcher's socket, on its read path. */
  readonly onEvent: (received: ReceivedEvent) => void;
  readonly listing: Pick<ListingReadsOptions<Application[]>, 'apply' | 'worthPolling' | 'onError'>;
}

/**
 * Sees every Stasis app of a server without taking any over (docs/ari-behaviour.md#watching):
 * one socket of its own, under an app name no one else uses, subscribed to everything, so it
 * hears every channel's and bridge's events, whoever's app the channel is in; and the reads of
 * the server's listing of apps, which alone tells which app holds a channel it did not see enter.
 */
export class AppWatcher {
  readonly appName: string;
  readonly listing: ListingReads<Application[]>;
  /** One socket, with the same lifecycle as an app's (backoff, pings, resync on open); its app is never "ours". */
  private readonly link: EventLinks;

  readonly onOpened: EventLinks['onOpened'];
  readonly onLinkStatus: EventLinks['onLinkStatus'];
  readonly onFrameProblem: EventLinks['onFrameProblem'];
  /** Someone registered our watcher's name: only a second watcher with the same given name does. */
  readonly onReplaced: EventLinks['onAppReplaced'];

  constructor(config: AriServerConfig, rest: AriRestClient, options: AppWatcherOptions) {
    this.appName = options.appName ?? newWatcherAppName();
    this.link = new EventLinks(config, { events: options.events, subscribeAll: true, clock: options.clock, onListenerError: options.onListenerError, onEvent: options.onEvent });
    this.listing = new ListingReads({ ...options.listing, read: () => rest.call('applications.list', {}), clock: options.clock, minGapMs: options.minGapMs, pollMs: options.pollMs });
    this.onOpened = this.link.onOpened;
    this.onLinkStatus = this.link.onLinkStatus;
    this.onFrameProblem = this.link.onFrameProblem;
    this.onReplaced = this.link.onAppReplaced;
  }

  get status(): EventsLinkStatus | undefined {
    return this.link.statuses[0];
  }

  get lastCloseReason(): string | undefined {
    return this.link.lastCloseReason;
  }

  /** Opens the socket and starts the listing reads; resolves when it first opens. */
  async open(): Promise<void> {
    this.listing.start();
    await this.link.open([this.appName]);
  }

  dropLink(reason: string): void {
    this.link.dropAll(reason);
  }

  close(): void {
    this.listing.stop();
    this.link.closeAll();
  }

  dispose(): void {
    this.listing.stop();
    this.link.dispose();
  }
}
