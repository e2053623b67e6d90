import type { InspectorFilter } from '../../inspector/InspectorFilter';
import type { JourneyView } from '../../inspector/protocol';
import type { CommandContext, CommandResult } from './CommandContext';
import { resolveChannel, type ChannelTarget } from './targets';

/** Show Channel Journey: the inspector, filtered to the channel, with its path across apps. */
export async function showJourney(ctx: CommandContext, target?: Partial<ChannelTarget>): Promise<CommandResult<JourneyView>> {
  const resolved = await resolveChannel(ctx, target);
  if (!resolved) return undefined;
  const journey = ctx.inspector().showJourney(resolved.server.settings.id, resolved.channelId);
  return journey ? { ok: true, value: journey } : undefined;
}

/** Open Event Inspector: from a channel, app or trace item it opens filtered to it (a trace: its server). */
export async function openInspector(ctx: CommandContext, target?: Partial<ChannelTarget & { app: string }>): Promise<CommandResult<string>> {
  const filter = target?.channelId ? { channelId: target.channelId } : target?.app ? { application: target.app, server: target.serverId } : target?.serverId ? { server: target.serverId } : undefined;
  ctx.inspector(filter);
  return { ok: true, value: 'inspector' };
}

/** Export Events…: the inspector's events (all, or a filter's) to an NDJSON file. */
export async function exportEvents(ctx: CommandContext, to?: { fsPath: string }, filter: InspectorFilter = {}): Promise<CommandResult<number>> {
  const count = await ctx.inspector().exportEvents(filter, to);
  return count === undefined ? undefined : { ok: true, value: count };
}

/** Import Events…: an NDJSON capture (ours, or bare events as wscat prints them) into the inspector. */
export async function importEvents(ctx: CommandContext, from?: { fsPath: string }): Promise<CommandResult<number>> {
  const count = await ctx.inspector().importEvents(from);
  return count === undefined ? undefined : { ok: true, value: count };
}
