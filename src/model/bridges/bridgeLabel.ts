import type { Bridge } from '../../ari/generated/ariTypes';

/** What a person calls a bridge: its name, else the start of its id. */
export function bridgeLabel(bridge: Pick<Bridge, 'id' | 'name'>): string {
  return bridge.name || `bridge ${bridge.id.slice(0, 8)}`;
}
