import type { AriRestClient } from '../ari/AriRestClient';

/**
 * Whether the ARI user is read-only, asked without changing anything: by answering a channel
 * that cannot exist. Asterisk checks read_only before it routes a request, so a read-only user
 * gets 403 "Write access denied" and any other user 404 "Channel not found"
 * (docs/ari-behaviour.md#read-only-users). Undefined when the answer says neither.
 */
export async function probeReadOnly(rest: Pick<AriRestClient, 'send'>): Promise<boolean | undefined> {
  const probe = `stasis-explorer-write-probe-${Math.random().toString(36).slice(2)}`;
  try {
    const answer = await rest.send({ method: 'POST', resource: `channels/${probe}/answer`, query: new URLSearchParams() }, 'check whether the ARI user may write');
    if (answer.status === 403 && answer.text.includes('Write access denied')) return true;
    if (answer.status === 404) return false;
    return undefined;
  } catch {
    return undefined;
  }
}
