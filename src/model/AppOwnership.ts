import type { Disposable } from '../ari/Emitter';

/**
 * Which Stasis apps are ours: registered by one of our own events sockets, and not taken over
 * since. One owner answers it (the session's event links, from the sockets themselves); the
 * stores, the move controller and the views ask it.
 */
export interface AppOwnership {
  isOwned(app: string): boolean;
  readonly owned: readonly string[];
  /** Fires with the apps that became ours or stopped being ours. */
  onDidChange(listener: (apps: readonly string[]) => void): Disposable;
}
