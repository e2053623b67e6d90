import type { EventsLinkStatus } from '../../ari/AriEventsClient';

export type SessionStatus =
  | { state: 'disconnected' }
  | { state: 'connecting' }
  | { state: 'connected' }
  | { state: 'reconnecting'; inMs: number; reason: string }
  | { state: 'failed'; reason: string };

/** A session's sockets, as its status reads them: the apps' links, and the watcher's unless it stopped. */
export interface SocketsOfSession {
  readonly statuses: readonly EventsLinkStatus[];
  readonly lastCloseReason: string | undefined;
}

/** The status from the apps' sockets and the watcher's (when it watches). */
export function statusOfSockets(apps: SocketsOfSession, appsExpected: boolean, watcher: (SocketsOfSession & { readonly stopped: boolean }) | undefined): SessionStatus {
  const watching = watcher !== undefined && !watcher.stopped;
  const statuses = watching ? [...apps.statuses, ...watcher.statuses] : apps.statuses;
  return sessionStatusOf(statuses, appsExpected || watching, apps.lastCloseReason ?? watcher?.lastCloseReason);
}

/**
 * One status for the server from its sockets: failed once every socket gave up (a 401 after a
 * password change, apps taken over), reconnecting while one waits to retry, connected when all
 * are open.
 */
function sessionStatusOf(links: readonly EventsLinkStatus[], appsExpected: boolean, lastCloseReason: string | undefined): SessionStatus {
  if (links.length === 0 && appsExpected) return { state: 'failed', reason: lastCloseReason ?? 'no events socket is left' };
  const retrying = links.find((s) => s.state === 'retrying');
  if (retrying?.state === 'retrying') return { state: 'reconnecting', inMs: retrying.inMs, reason: lastCloseReason ?? 'the link dropped' };
  if (links.every((s) => s.state === 'open')) return { state: 'connected' };
  return { state: 'connecting' };
}

export function sameStatus(a: SessionStatus, b: SessionStatus): boolean {
  if (a.state !== b.state) return false;
  if (a.state === 'reconnecting' && b.state === 'reconnecting') return a.inMs === b.inMs && a.reason === b.reason;
  if (a.state === 'failed' && b.state === 'failed') return a.reason === b.reason;
  return true;
}
