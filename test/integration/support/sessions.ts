import { ServerSession, type ServerSessionOptions } from '../../../src/model/session/ServerSession';
import { sandboxEnv } from './sandbox';

const open: ServerSession[] = [];
let counter = 0;

/** An app name no other test (or earlier run) uses. */
export function uniqueApp(label: string): string {
  counter += 1;
  return `it-${label}-${process.pid}-${counter}`;
}

/** A session against the sandbox, closed after the test (channels it created are hung up). */
export async function sandboxSession(apps: string[], options: Partial<ServerSessionOptions> = {}): Promise<ServerSession> {
  const env = await sandboxEnv();
  const session = new ServerSession({
    config: { name: 'sandbox', baseUrl: env.url, username: env.username, password: env.password },
    serverId: 'sandbox-id',
    apps,
    moveTimeoutMs: 8_000,
    ...options,
  });
  open.push(session);
  // STASIS_TEST_TRACE=1 prints each session's link lifecycle: the first thing to read when a reconnect test fails.
  if (process.env.STASIS_TEST_TRACE) {
    session.onLinkStatus((l) => console.log(`      [trace ${new Date().toISOString()}] ${l.apps.join(',')}: ${JSON.stringify(l.status)}`));
    session.onProblem((p) => console.log(`      [trace] problem: ${p.message} ${p.detail ?? ''}`));
  }
  return session;
}

export async function closeSessions(): Promise<void> {
  for (const session of open.splice(0)) {
    for (const app of session.ownership.owned) {
      for (const channel of session.model.channels.of(app)) {
        await session.rest.hangup(channel.id).catch(() => undefined);
      }
    }
    await session.dispose();
  }
}
