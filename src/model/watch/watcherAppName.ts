import { randomBytes } from 'node:crypto';

/**
 * The app name of a watcher: the passive socket each session opens to see every app
 * (docs/ari-behaviour.md#watching). Random per session, so two VS Code windows watching one
 * server never register the same name (which would take one's socket away: ApplicationReplaced).
 * Every window hides every name with this prefix: another window's watcher is not a user's app.
 */
export const WATCHER_APP_PREFIX = 'stasis-explorer-watch-';

export function newWatcherAppName(): string {
  return WATCHER_APP_PREFIX + randomBytes(4).toString('hex');
}

export function isWatcherApp(name: string): boolean {
  return name.startsWith(WATCHER_APP_PREFIX);
}
