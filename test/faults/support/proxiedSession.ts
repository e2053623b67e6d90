// Sessions that reach the sandbox through a FaultProxy (or another address), closed after each test.
import type { AriServerConfig } from '../../../src/ari/AriServerConfig';
import type { ServerSession, ServerSessionOptions } from '../../../src/model/session/ServerSession';
import { sandboxEnv } from '../../integration/support/sandbox';
import { sandboxSession } from '../../integration/support/sessions';

export async function sessionVia(baseUrl: string, apps: string[], options: Partial<ServerSessionOptions> = {}, config: Partial<AriServerConfig> = {}): Promise<ServerSession> {
  const env = await sandboxEnv();
  return sandboxSession(apps, { ...options, config: { name: 'sandbox', baseUrl, username: env.username, password: env.password, ...config } });
}

/** Every link state change with its time, for timing a detection and asserting what was said. */
export function recordLinks(session: ServerSession): { at: number; state: string; reason?: string }[] {
  const seen: { at: number; state: string; reason?: string }[] = [];
  session.onLinkStatus((l) => seen.push({ at: Date.now(), state: l.status.state, reason: 'reason' in l.status ? l.status.reason : undefined }));
  return seen;
}
