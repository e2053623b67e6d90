import type { CatalogueOperation } from '../ari/spec/AriCatalogue';

/** Not a DELETE, yet it takes something away: reloading a module drops what it holds (its calls, its config). */
const DESTRUCTIVE_OTHERWISE: ReadonlySet<string> = new Set(['asterisk.reloadModule']);

/**
 * Whether the console asks before sending `op`: every DELETE (a hangup, a bridge destroyed, a
 * module unloaded, a config object or stored recording deleted, and the plain stops and unmutes,
 * which the method alone cannot tell apart) and a module reload.
 */
export function isDestructive(op: Pick<CatalogueOperation, 'id' | 'method'>): boolean {
  return op.method === 'DELETE' || DESTRUCTIVE_OTHERWISE.has(op.id);
}

/** Whether `op` changes anything: Asterisk refuses every one of these to a read-only user (docs/ari-behaviour.md#errors). */
export function isWrite(op: Pick<CatalogueOperation, 'method'>): boolean {
  return op.method !== 'GET';
}
