import { bridgeLabel } from '../../model/bridges/bridgeLabel';
import type { PlayTarget } from '../../model/media/MediaControl';
import type { ServerSession } from '../../model/session/ServerSession';
import type { CommandContext } from './CommandContext';
import { CommandError, resolveChannel, resolveConnected, type ServerTarget } from './targets';

export interface MediaTarget extends ServerTarget {
  channelId?: string;
  bridgeId?: string;
}

/** What media plays on or records: the channel or bridge given, or one picked among the channels in Stasis and the bridges. */
export async function resolveMediaTarget(ctx: CommandContext, target?: Partial<MediaTarget>): Promise<{ session: ServerSession; target: PlayTarget } | undefined> {
  if (target?.channelId) {
    const resolved = await resolveChannel(ctx, target);
    return resolved ? { session: resolved.session, target: { channelId: resolved.channelId } } : undefined;
  }
  const connected = await resolveConnected(ctx, target);
  if (!connected) return undefined;
  const { session, server } = connected;
  if (target?.bridgeId) {
    if (!session.model.bridges.get(target.bridgeId)) throw new CommandError(`Bridge ${target.bridgeId} is not known on ${server.settings.name} (destroyed, or no app is told of it).`);
    return { session, target: { bridgeId: target.bridgeId } };
  }
  const channels = [...session.model.channels.all]
    .filter((c) => c.stasisApp !== undefined)
    .map((c) => ({ label: c.snapshot.name, description: `${c.stasisApp} · ${c.snapshot.state}`, detail: c.id, target: { channelId: c.id } as PlayTarget }));
  const bridges = [...session.model.bridges.all].map((b) => ({ label: bridgeLabel(b), description: `bridge · ${b.bridge_type} · ${b.channels.length} channel${b.channels.length === 1 ? '' : 's'}`, detail: b.id, target: { bridgeId: b.id } as PlayTarget }));
  if (channels.length + bridges.length === 0) throw new CommandError(`No channel in a Stasis app and no bridge on ${server.settings.name}: place a call into one of its apps first.`);
  const picked = await ctx.ui.pick([...channels, ...bridges], { placeHolder: 'On which channel or bridge?', matchOnDescription: true, matchOnDetail: true });
  return picked ? { session, target: picked.target } : undefined;
}
