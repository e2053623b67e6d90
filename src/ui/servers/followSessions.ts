import type { Disposable } from '../../ari/Emitter';
import type { ServerSession } from '../../model/session/ServerSession';
import type { ServerManager } from './ServerManager';
import type { ServerSettings } from './ServerSettings';

/**
 * Calls `follow` for every session the manager has now or creates later. What it returns is
 * disposed when that session ends (it sits in the session's scope) or when the follower is
 * disposed, whichever comes first, so a follower that outlives many reconnects holds only the
 * subscriptions of live sessions.
 */
export function followSessions(manager: ServerManager, follow: (session: ServerSession, server: ServerSettings) => readonly Disposable[]): Disposable {
  const live = new Set<{ session: ServerSession; bundle: Disposable }>();
  const start = (session: ServerSession, server: ServerSettings) => {
    const subscriptions = follow(session, server);
    const entry = {
      session,
      bundle: {
        dispose: () => {
          live.delete(entry);
          for (const s of subscriptions) s.dispose();
        },
      },
    };
    live.add(entry);
    session.scope.add(entry.bundle);
  };
  for (const server of manager.servers) if (server.session) start(server.session, server.settings);
  const created = manager.onDidCreateSession(({ server, session }) => start(session, server));
  return {
    dispose: () => {
      created.dispose();
      for (const entry of [...live]) {
        entry.session.scope.delete(entry.bundle);
        entry.bundle.dispose();
      }
    },
  };
}
