import type { StasisNode } from './nodes';

/** What dropping tree items on another does: the commands to run, each as the menus would run it, or why nothing. */
export type DropAction = { readonly run: readonly { readonly command: string; readonly args: readonly unknown[] }[] } | { readonly refused: string };

/**
 * A channel dropped on an app is moved there (asking for the args, as Move Channel does); channels
 * dropped on a bridge are added to it, in one request. Only channels drag, and only within their
 * server. No vscode import: the drag-and-drop controller (treeDragAndDrop.ts) runs what this says.
 */
export function dropAction(sources: readonly StasisNode[], target: StasisNode | undefined): DropAction {
  const channels = sources.filter((n) => n.kind === 'channel' || n.kind === 'bridgeChannel');
  if (channels.length === 0 || !target) return { run: [] };
  if (channels.some((c) => c.serverId !== target.serverId)) return { refused: 'Channels move only between the apps and bridges of their own server.' };
  const ids = [...new Set(channels.map((c) => c.channelId))];
  switch (target.kind) {
    case 'app':
      return { run: ids.filter((id) => !channels.some((c) => c.channelId === id && c.kind === 'channel' && c.app === target.app)).map((channelId) => ({ command: 'moveChannel', args: [{ serverId: target.serverId, channelId }, { app: target.app }] })) };
    case 'bridge':
    case 'bridgeChannel':
      return { run: [{ command: 'addToBridge', args: [{ serverId: target.serverId, bridgeId: target.bridgeId }, ids] }] };
    default:
      return { refused: 'Drop channels on an app (to move them there) or on a bridge (to add them to it).' };
  }
}
