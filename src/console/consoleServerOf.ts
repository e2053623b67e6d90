import type { ServerSession } from '../model/session/ServerSession';
import type { ConsoleServer } from './ConsoleController';

/** A connected session as the console uses it; `username` is the ARI user its snippets and `.http` files name. */
export function consoleServerOf(session: ServerSession, username: string): ConsoleServer {
  const version = session.asteriskInfo?.system?.version;
  return {
    id: session.id,
    name: session.name,
    rest: session.rest,
    clock: session.clock,
    model: session.model,
    target: { baseUrl: session.rest.baseUrl.toString(), username },
    ...(version ? { asteriskVersion: version } : {}),
    onEvent: (listener) => session.onEvent(listener),
    sendOnEventsSocket: (text) => session.sendOnEventsSocket(text),
  };
}
