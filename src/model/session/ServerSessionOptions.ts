import type { AriEventsClientOptions } from '../../ari/AriEventsClient';
import type { AriServerConfig } from '../../ari/AriServerConfig';
import type { Clock } from '../../ari/Clock';
import type { WatchOptions } from '../watch/AppWatcher';

/** How a ServerSession is set up. */
export interface ServerSessionOptions {
  config: AriServerConfig;
  /** The server's id: events, rows and journeys name the server by it, never by its display name. */
  serverId: string;
  /** Apps registered on connect, each on a socket of its own. */
  apps: readonly string[];
  subscribeAll?: boolean;
  /**
   * Watch every app of the server without taking any over (docs/ari-behaviour.md#watching): on
   * unless false. Options are for tests.
   */
  watch?: boolean | WatchOptions;
  eventLogCapacity?: number;
  moveTimeoutMs?: number;
  events?: Omit<AriEventsClientOptions, 'apps' | 'subscribeAll' | 'clock'>;
  /** How long connect() waits for the events sockets to open. */
  connectTimeoutMs?: number;
  /** Wait before retrying a resync that failed (e.g. 503 while Asterisk boots). */
  resyncRetryMs?: number;
  clock?: Clock;
}

/** Something that went wrong without stopping the session: a bad frame, a failed resync (`onProblem`). */
export interface SessionProblem {
  message: string;
  detail?: string;
}
