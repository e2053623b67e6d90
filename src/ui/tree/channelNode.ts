import * as vscode from 'vscode';
import type { Bridge } from '../../ari/generated/ariTypes';
import type { JourneyStep } from '../../model/ChannelJourney';
import type { PendingMove } from '../../model/moves/MoveTracker';
import { localHalf } from '../../model/channels/localPair';
import { whereText } from '../../model/channels/whereText';
import type { ServerSession } from '../../model/session/ServerSession';
import type { ChannelView } from '../../model/stores/ChannelStore';
import { describeStep } from '../journeyText';
import { bridgeLabel } from '../../model/bridges/bridgeLabel';
import { channelContextValue } from './contextValues';
import type { NodeKind } from './NodeKind';
import { LEFT_BEHIND, type ChannelNode } from './nodes';

/** A channel under one app (an originated channel may be listed under several before it enters one). */
export const channelKind: NodeKind<ChannelNode> = {
  showsAge: true,
  item(node, ctx) {
    const session = ctx.manager.server(node.serverId)?.session;
    const channel = session?.model.channels.get(node.channelId);
    if (!session || !channel) return new vscode.TreeItem('(gone)');
    const local = localHalf(channel.snapshot.name);
    const partner = local ? otherHalf(session, node.app, channel) : undefined;
    const bridge = session.model.bridges.bridgeOf(node.channelId);
    const playing = session.model.playbacks.on(`channel:${node.channelId}`).map((p) => p.media_uri);
    const recording = session.model.recordings.on(`channel:${node.channelId}`).map((r) => r.name);
    return new ChannelTreeItem(node, channel, { pending: session.moves.pending(node.channelId), journey: session.journeys.of(node.channelId), now: ctx.now(), hasHalf: local?.half === 1 && partner !== undefined, isHalf: local?.half === 2 && partner !== undefined, bridge, playing, recording });
  },
  children(node, ctx) {
    const session = ctx.manager.server(node.serverId)?.session;
    const channel = session?.model.channels.get(node.channelId);
    const half = session && channel && localHalf(channel.snapshot.name)?.half === 1 ? otherHalf(session, node.app, channel) : undefined;
    return half ? [ctx.nodes.channel(node.serverId, node.app, half.id)] : [];
  },
  parent(node, ctx) {
    const session = ctx.manager.server(node.serverId)?.session;
    const channel = session?.model.channels.get(node.channelId);
    const one = session && channel && localHalf(channel.snapshot.name)?.half === 2 ? otherHalf(session, node.app, channel) : undefined;
    if (one) return ctx.nodes.channel(node.serverId, node.app, one.id);
    return node.app === LEFT_BEHIND ? ctx.nodes.leftBehind(node.serverId) : ctx.nodes.app(node.serverId, node.app);
  },
  target: (node) => ({ serverId: node.serverId, channelId: node.channelId, app: node.app }),
};

/**
 * Everything shown comes from the network (caller names are set by whoever calls), so it goes
 * into plain-string labels and tooltips: never markdown, never command links.
 */
class ChannelTreeItem extends vscode.TreeItem {
  constructor(node: ChannelNode, channel: ChannelView, shown: { pending: readonly PendingMove[]; journey: readonly JourneyStep[]; now: number; hasHalf: boolean; isHalf: boolean; bridge: Bridge | undefined; playing: readonly string[]; recording: readonly string[] }) {
    const { pending, journey, now } = shown;
    const snap = channel.snapshot;
    super(snap.name, shown.hasHalf ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    this.id = node.key;
    const inStasis = channel.stasisApp === node.app;
    const movePending = pending.length > 0;
    this.contextValue = channelContextValue(snap.state, inStasis, movePending, shown.bridge !== undefined, { playing: shown.playing.length > 0, recording: shown.recording.length > 0 });
    const caller = [snap.caller.name, snap.caller.number ? `<${snap.caller.number}>` : ''].filter(Boolean).join(' ');
    const parts = [movePending ? `⇢ moving to ${pending[pending.length - 1].to}` : undefined, shown.playing.length > 0 ? `▶ ${shown.playing.join(', ')}` : undefined, shown.recording.length > 0 ? `● recording ${shown.recording.join(', ')}` : undefined, channel.onHold ? 'on hold' : undefined, channel.talking ? 'talking' : undefined, channel.dtmf ? `DTMF ${channel.dtmf}` : undefined, caller || undefined, snap.state, age(snap.creationtime, now), shown.bridge ? `in ${bridgeLabel(shown.bridge)}` : undefined, inStasis ? undefined : node.app === LEFT_BEHIND ? 'in Stasis() of no listed app' : shown.isHalf ? 'Local ;2 half, runs the dialplan' : 'not in Stasis yet'];
    this.description = parts.filter(Boolean).join(' · ');
    this.accessibilityInformation = { label: `Channel ${snap.name}, ${this.description}`, role: 'treeitem' };
    this.iconPath = movePending ? new vscode.ThemeIcon('sync~spin') : stateIcon(snap.state, inStasis);
    this.tooltip = [
      `${snap.name}`,
      `Id: ${snap.id}`,
      `Caller: ${snap.caller.name || '(no name)'} <${snap.caller.number || '?'}>`,
      `State: ${snap.state}`,
      `Dialplan: ${snap.dialplan.context},${snap.dialplan.exten},${snap.dialplan.priority} ${snap.dialplan.app_name}(${snap.dialplan.app_data})`,
      `Created: ${snap.creationtime}`,
      ...whereText(channel),
      ...(shown.bridge ? [`In bridge: ${bridgeLabel(shown.bridge)} (${shown.bridge.id})`] : []),
      ...(shown.hasHalf ? ['Local channel: its ;2 half (which runs the dialplan) is under it'] : []),
      ...(journey.length ? ['Journey:', ...journey.map((s) => `  ${describeStep(s)}`)] : []),
    ].join('\n');
  }
}

/** The other half of a Local pair listed under the same app, if any. */
function otherHalf(session: ServerSession, app: string, channel: ChannelView): ChannelView | undefined {
  const local = localHalf(channel.snapshot.name);
  if (!local) return undefined;
  // Found by its name, not by a walk of the app's channels: every Local channel item asks.
  const other = session.model.channels.named(`${local.pair};${local.half === 1 ? 2 : 1}`);
  return other && session.model.channels.isListedUnder(other.id, app) ? other : undefined;
}

function stateIcon(state: string, inStasis: boolean): vscode.ThemeIcon {
  if (!inStasis) return new vscode.ThemeIcon('watch');
  switch (state) {
    case 'Up':
      return new vscode.ThemeIcon('call-incoming', new vscode.ThemeColor('testing.iconPassed'));
    case 'Ring':
    case 'Ringing':
      return new vscode.ThemeIcon('bell', new vscode.ThemeColor('editorWarning.foreground'));
    case 'Down':
      return new vscode.ThemeIcon('circle-outline');
    default:
      return new vscode.ThemeIcon('circle-filled');
  }
}

function age(creationtime: string, now: number): string | undefined {
  const created = Date.parse(creationtime);
  if (Number.isNaN(created)) return undefined;
  const minutes = Math.max(0, Math.floor((now - created) / 60_000));
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${minutes}m`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`;
}
