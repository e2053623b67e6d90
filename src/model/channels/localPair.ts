import type { ChannelView } from '../stores/ChannelStore';

/**
 * A Local channel is two channels, `Local/<exten>@<context>-<n>;1` and `…;2`. Originated into an
 * app, both are subscribed to it, but only `;1` enters Stasis() (docs/ari-behaviour.md#watching):
 * one call, shown once.
 */
export function localHalf(name: string): { readonly pair: string; readonly half: 1 | 2 } | undefined {
  if (!name.startsWith('Local/')) return undefined;
  const half = name.endsWith(';1') ? 1 : name.endsWith(';2') ? 2 : undefined;
  return half ? { pair: name.slice(0, -2), half } : undefined;
}

/**
 * An app's channels as calls: each Local `;2` whose `;1` is listed too goes under it (`halves`),
 * the rest stand alone. `calls` keeps the order given.
 */
export function groupLocalPairs(channels: readonly ChannelView[]): { calls: ChannelView[]; halves: Map<string, ChannelView> } {
  const ones = new Map<string, ChannelView>();
  for (const c of channels) {
    const local = localHalf(c.snapshot.name);
    if (local?.half === 1) ones.set(local.pair, c);
  }
  const halves = new Map<string, ChannelView>();
  const calls: ChannelView[] = [];
  for (const c of channels) {
    const local = localHalf(c.snapshot.name);
    const one = local?.half === 2 ? ones.get(local.pair) : undefined;
    if (one) halves.set(one.id, c);
    else calls.push(c);
  }
  return { calls, halves };
}
