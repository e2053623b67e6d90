import type { Logger } from '../Logger';
import type { ServerStore } from './ServerSettings';

/**
 * Scripted setups (`npm start`, CI) cannot type into SecretStorage: they may hand passwords over
 * in STASIS_EXPLORER_PASSWORDS, a JSON object from server id to password, read once here and
 * stored as secrets for servers that have none yet.
 */
export async function seedPasswords(store: ServerStore, log: Logger): Promise<void> {
  const raw = process.env.STASIS_EXPLORER_PASSWORDS;
  if (!raw) return;
  // Read once, then gone: other extensions and terminals of this host must not find it.
  delete process.env.STASIS_EXPLORER_PASSWORDS;
  let seeds: Record<string, unknown>;
  try {
    seeds = JSON.parse(raw) as Record<string, unknown>;
  } catch {
    log.error('STASIS_EXPLORER_PASSWORDS is not valid JSON (expected {"<server id>": "<password>"}); ignored.');
    return;
  }
  for (const server of store.list()) {
    const password = seeds[server.id];
    if (typeof password === 'string' && (await store.password(server.id)) === undefined) {
      await store.storePassword(server.id, password);
      log.info(`[${server.name}] password taken from STASIS_EXPLORER_PASSWORDS into secret storage`);
    }
  }
}
