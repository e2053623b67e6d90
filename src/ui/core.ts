import type * as Core from '../core';

let loading: Promise<typeof Core> | undefined;

/** The extension's core (src/core.ts), loaded once, when first needed. */
export function core(): Promise<typeof Core> {
  loading ??= import('../core');
  return loading;
}
