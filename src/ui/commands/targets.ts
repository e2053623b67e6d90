import type { ServerSession } from '../../model/session/ServerSession';
import type { ManagedServer } from '../servers/ServerManager';
import type { CommandContext } from './CommandContext';

/** What a command acts on: from a tree node (its kind's `target`), or the same fields given by any caller. */
export interface ServerTarget {
  serverId: string;
}
export interface ChannelTarget extends ServerTarget {
  channelId: string;
}
export interface AppTarget extends ServerTarget {
  app: string;
}

export interface ConnectedServer {
  server: ManagedServer;
  session: ServerSession;
}

/** Thrown to end a command with a message for the user. */
export class CommandError extends Error {}

/** The server a command acts on: from its argument, the only server, or a quick pick. */
export async function resolveServer(ctx: CommandContext, arg: Partial<ServerTarget> | undefined, filter: (s: ManagedServer) => boolean, noneMessage: string): Promise<ManagedServer | undefined> {
  if (arg?.serverId) {
    const server = ctx.manager.server(arg.serverId);
    if (!server) throw new CommandError(`No configured server has id "${arg.serverId}".`);
    return server;
  }
  const candidates = ctx.manager.servers.filter(filter);
  if (candidates.length === 0) throw new CommandError(noneMessage);
  if (candidates.length === 1) return candidates[0];
  const picked = await ctx.ui.pick(
    candidates.map((s) => ({ label: s.settings.name, description: s.settings.url, detail: s.session?.status.state ?? 'disconnected', server: s })),
    { placeHolder: 'Which ARI server?' },
  );
  return picked?.server;
}

export async function resolveConnected(ctx: CommandContext, arg: Partial<ServerTarget> | undefined): Promise<ConnectedServer | undefined> {
  const server = await resolveServer(ctx, arg, (s) => s.session?.status.state === 'connected', 'No ARI server is connected. Connect one first (ARI: Connect).');
  if (!server) return undefined;
  if (!server.session) throw new CommandError(`${server.settings.name} is not connected. Connect it first (ARI: Connect).`);
  return { server, session: server.session };
}

/** The channel a command acts on: from its argument or picked among the server's channels. */
export async function resolveChannel(ctx: CommandContext, arg: Partial<ChannelTarget> | undefined, filter: (s: ServerSession, id: string) => boolean = () => true): Promise<(ConnectedServer & { channelId: string }) | undefined> {
  const connected = await resolveConnected(ctx, arg);
  if (!connected) return undefined;
  if (arg?.channelId) return { ...connected, channelId: arg.channelId };
  const { session } = connected;
  const channels = session.model.channels;
  const items = session.model.applications.all
    .flatMap((app) => channels.of(app.name).filter((c) => c.stasisApp === app.name || c.stasisApp === undefined).map((c) => ({ app: app.name, c })))
    .filter(({ c }) => filter(session, c.id))
    .map(({ app, c }) => ({ label: c.snapshot.name, description: `${app} · ${c.snapshot.state} · ${c.snapshot.caller.name} <${c.snapshot.caller.number}>`, detail: c.id, channelId: c.id }));
  if (items.length === 0) throw new CommandError(`No channel on ${connected.server.settings.name} fits. Place a call into one of its apps first.`);
  const picked = await ctx.ui.pick(items, { placeHolder: 'Which channel?', matchOnDescription: true, matchOnDetail: true });
  return picked ? { ...connected, channelId: picked.channelId } : undefined;
}
