import type { Bridge } from '../../ari/generated/ariTypes';
import type { ServerSession } from '../../model/session/ServerSession';
import { bridgeLabel } from '../../model/bridges/bridgeLabel';
import type { CommandContext, CommandResult } from './CommandContext';
import { CommandError, resolveConnected, type ConnectedServer, type ServerTarget } from './targets';

/** A bridge's type attributes, as `POST /bridges` reads them; the spec lists none (docs/ari-behaviour.md#bridges). */
const BRIDGE_TYPES: readonly { label: string; description: string }[] = [
  { label: 'mixing', description: 'mixes audio: a call or a conference (the default)' },
  { label: 'holding', description: 'channels wait, hearing music or an announcer (not with mixing)' },
  { label: 'dtmf_events', description: 'no native bridging, so DTMF reaches the app as events' },
  { label: 'proxy_media', description: 'no native bridging: media always passes through Asterisk' },
  { label: 'video_sfu', description: 'video: every participant receives every stream' },
  { label: 'video_single', description: 'video: one source for everyone' },
  { label: 'sdp_label', description: 'labels the streams in SDP' },
];

export interface BridgeTarget extends ServerTarget {
  bridgeId: string;
}

export interface NewBridgeInput {
  type?: string[];
  name?: string;
}

/** Create Bridge: for one of our apps, which is subscribed to it, so that it shows under that app and its events come. */
export async function createBridge(ctx: CommandContext, target?: Partial<ServerTarget & { app: string }>, given: NewBridgeInput = {}): Promise<CommandResult<Bridge>> {
  const connected = await resolveConnected(ctx, target);
  if (!connected) return undefined;
  const { session } = connected;
  const app = await ourApp(ctx, connected, target?.app);
  if (app === undefined) return undefined;
  const type = given.type ?? (await ctx.ui.pickMany(BRIDGE_TYPES.map((t) => ({ ...t, picked: t.label === 'mixing' })), { placeHolder: `A bridge for ${app}: of which type? (none ticked: mixing)` }))?.map((t) => t.label);
  if (type === undefined) return undefined;
  if (type.includes('holding') && type.includes('mixing')) throw new CommandError('A bridge cannot be both holding and mixing: Asterisk makes no such bridge (docs/ari-behaviour.md#bridges). Pick one of them.');
  const name = given.name ?? (await ctx.ui.input({ title: `Create Bridge for ${app}`, prompt: 'Its name (optional): shown in the tree and in its events', ignoreFocusOut: true }));
  if (name === undefined) return undefined;
  const bridge = await session.bridges.create(app, { type, name });
  ctx.log.info(`[${connected.server.settings.name}] created ${bridge.bridge_type} bridge ${bridgeLabel(bridge)} (${bridge.id}) for ${app}`);
  void ctx.ui.info(`Created ${bridge.bridge_type} bridge ${bridgeLabel(bridge)} for ${app}. Add channels with "Add to Bridge…" on a channel or on the bridge.`);
  return { ok: true, value: bridge };
}

/** Add to Bridge: channels of the server's apps into a bridge; from a channel (pick the bridge) or from a bridge (pick the channels). */
export async function addToBridge(ctx: CommandContext, target?: Partial<BridgeTarget & { channelId: string }>, channelIds?: string[]): Promise<CommandResult<string[]>> {
  const connected = await resolveConnected(ctx, target);
  if (!connected) return undefined;
  const { session } = connected;
  const bridge = target?.bridgeId ? knownBridge(session, target.bridgeId) : await pickBridge(ctx, connected);
  if (!bridge) return undefined;
  const chosen = channelIds ?? (target?.channelId && !target.bridgeId ? [target.channelId] : await pickChannels(ctx, session, bridge));
  if (!chosen || chosen.length === 0) return undefined;
  await session.bridges.add(bridge.id, chosen);
  return { ok: true, value: chosen };
}

/** Remove from Bridge: a channel out of the bridge it is in. */
export async function removeFromBridge(ctx: CommandContext, target?: Partial<BridgeTarget & { channelId: string }>): Promise<CommandResult<string>> {
  const connected = await resolveConnected(ctx, target);
  if (!connected) return undefined;
  const { session } = connected;
  let channelId = target?.channelId;
  if (!channelId) {
    const bridged = [...session.model.bridges.all].flatMap((b) => b.channels.map((id) => ({ label: session.model.channels.get(id)?.snapshot.name ?? id, description: `in ${bridgeLabel(b)}`, detail: id, id })));
    if (bridged.length === 0) throw new CommandError(`No channel on ${connected.server.settings.name} is in a bridge.`);
    channelId = (await ctx.ui.pick(bridged, { placeHolder: 'Remove which channel from its bridge?', matchOnDetail: true }))?.id;
    if (!channelId) return undefined;
  }
  const bridgeId = target?.bridgeId ?? session.model.bridges.bridgeOf(channelId)?.id;
  if (!bridgeId) throw new CommandError(`Channel ${channelId} is in no bridge that ${connected.server.settings.name}'s apps are told of.`);
  await session.bridges.remove(bridgeId, [channelId]);
  return { ok: true, value: channelId };
}

/** Destroy Bridge: asks first when channels are in it (they leave it, and stay in Stasis). */
export async function destroyBridge(ctx: CommandContext, target?: Partial<BridgeTarget>): Promise<CommandResult<string>> {
  const connected = await resolveConnected(ctx, target);
  if (!connected) return undefined;
  const bridge = target?.bridgeId ? knownBridge(connected.session, target.bridgeId) : await pickBridge(ctx, connected);
  if (!bridge) return undefined;
  if (bridge.channels.length > 0) {
    const answer = await ctx.ui.warn(`Destroy bridge ${bridgeLabel(bridge)}?`, { modal: true, detail: `Its ${bridge.channels.length} channel${bridge.channels.length === 1 ? '' : 's'} leave it and stay in Stasis.` }, 'Destroy');
    if (answer !== 'Destroy') return undefined;
  }
  await connected.session.bridges.destroy(bridge.id);
  ctx.log.info(`[${connected.server.settings.name}] destroyed bridge ${bridgeLabel(bridge)} (${bridge.id})`);
  return { ok: true, value: bridge.id };
}

/** Music on Hold on a bridge (a class may be named; empty is the default), or stopped. */
export async function bridgeMoh(ctx: CommandContext, target?: Partial<BridgeTarget>, mohClass?: string, start = true): Promise<CommandResult<string>> {
  const connected = await resolveConnected(ctx, target);
  if (!connected) return undefined;
  const bridge = target?.bridgeId ? knownBridge(connected.session, target.bridgeId) : await pickBridge(ctx, connected);
  if (!bridge) return undefined;
  if (!start) {
    await connected.session.rest.call('bridges.stopMoh', { bridgeId: bridge.id });
    return { ok: true, value: bridge.id };
  }
  const chosen = mohClass ?? (await ctx.ui.input({ title: `Music on Hold on ${bridgeLabel(bridge)}`, prompt: 'The music on hold class (musiconhold.conf); empty for the default', ignoreFocusOut: true }));
  if (chosen === undefined) return undefined;
  await connected.session.rest.call('bridges.startMoh', { bridgeId: bridge.id, mohClass: chosen || undefined });
  return { ok: true, value: bridge.id };
}

export const stopBridgeMoh = (ctx: CommandContext, target?: Partial<BridgeTarget>) => bridgeMoh(ctx, target, undefined, false);

/** The app a new bridge is for: one of ours, given or picked. */
async function ourApp(ctx: CommandContext, { server, session }: ConnectedServer, given: string | undefined): Promise<string | undefined> {
  const owned = [...session.ownership.owned];
  if (given !== undefined) {
    if (owned.includes(given)) return given;
    throw new CommandError(`"${given}" is another client's app: Stasis Explorer subscribes only its own apps to the bridges it makes, since a subscription changes what an app is told. Create the bridge from one of ours.`);
  }
  if (owned.length === 0) throw new CommandError(`No app on ${server.settings.name} is ours: register one first (ARI: Register Application…), then create the bridge for it.`);
  if (owned.length === 1) return owned[0];
  return (await ctx.ui.pick(owned.map((label) => ({ label })), { placeHolder: 'Which of our apps holds the bridge?' }))?.label;
}

function knownBridge(session: ServerSession, bridgeId: string): Bridge {
  const bridge = session.model.bridges.get(bridgeId);
  if (!bridge) throw new CommandError(`Bridge ${bridgeId} is not known on ${session.name} (destroyed, or no app is told of it).`);
  return bridge;
}

async function pickBridge(ctx: CommandContext, { server, session }: ConnectedServer): Promise<Bridge | undefined> {
  const bridges = [...session.model.bridges.all];
  if (bridges.length === 0) throw new CommandError(`No bridge on ${server.settings.name}. Create one first (ARI: Create Bridge…).`);
  const items = bridges.map((b) => ({ label: bridgeLabel(b), description: `${b.bridge_type} · ${b.channels.length} channel${b.channels.length === 1 ? '' : 's'}`, detail: b.id, bridge: b }));
  return (await ctx.ui.pick(items, { placeHolder: 'Which bridge?', matchOnDetail: true }))?.bridge;
}

/** Channels in a Stasis app of the server and not in this bridge. */
async function pickChannels(ctx: CommandContext, session: ServerSession, bridge: Bridge): Promise<string[] | undefined> {
  const items = [...session.model.channels.all]
    .filter((c) => c.stasisApp !== undefined && !bridge.channels.includes(c.id))
    .map((c) => {
      const now = session.model.bridges.bridgeOf(c.id);
      return { label: c.snapshot.name, description: `${c.stasisApp} · ${c.snapshot.state}${now ? ` · now in ${bridgeLabel(now)}` : ''}`, detail: c.id, id: c.id };
    });
  if (items.length === 0) throw new CommandError(`No channel in a Stasis app of ${session.name} can join ${bridgeLabel(bridge)}: Asterisk bridges only channels inside Stasis.`);
  return (await ctx.ui.pickMany(items, { placeHolder: `Add which channels to ${bridgeLabel(bridge)}?`, matchOnDetail: true }))?.map((i) => i.id);
}
