import * as vscode from 'vscode';
import type { StasisNode } from '../tree/nodes';
import * as app from './applicationCommands';
import * as channel from './channelCommands';
import type { CommandContext, CommandResult } from './CommandContext';
import * as server from './serverCommands';

type Handler = (ctx: CommandContext, ...args: never[]) => Promise<CommandResult>;

const HANDLERS: Record<string, Handler> = {
  addServer: server.addServer,
  editServer: server.editServer,
  removeServer: server.removeServer,
  connect: server.connect,
  disconnect: server.disconnect,
  showServers: server.showServers,
  startSandbox: server.startSandbox,
  registerApp: app.registerApp,
  unregisterApp: app.unregisterApp,
  answerChannel: channel.answerChannel,
  moveChannel: channel.moveChannel,
  hangupChannel: channel.hangupChannel,
  continueChannel: channel.continueChannel,
  originate: channel.originate,
  copyChannelId: channel.copyChannelId,
  showJourney: channel.showJourney,
  openInspector: channel.openInspector,
  exportEvents: channel.exportEvents,
  importEvents: channel.importEvents,
  refresh: server.refresh,
};

/**
 * Registers every `stasisExplorer.*` command. A failure of any kind ends as one error message
 * (the sentence from AriError or CommandError) and a log line; nothing is half-saved.
 */
export function registerCommands(ctx: CommandContext): vscode.Disposable[] {
  const disposables = Object.entries(HANDLERS).map(([name, handler]) =>
    vscode.commands.registerCommand(`stasisExplorer.${name}`, async (...args: unknown[]): Promise<CommandResult> => {
      try {
        return await (handler as (ctx: CommandContext, ...a: unknown[]) => Promise<CommandResult>)(ctx, ...args.map(fromTree));
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        ctx.log.error(`${name}: ${message}`);
        void ctx.ui.error(message);
        return { ok: false, message };
      }
    }),
  );
  return disposables;
}

/** Tree nodes carry the same fields the commands accept from any caller. */
function fromTree(arg: unknown): unknown {
  const node = arg as StasisNode | undefined;
  if (!node || typeof node !== 'object' || !('kind' in node)) return arg;
  switch (node.kind) {
    case 'server':
      return { serverId: node.serverId };
    case 'app':
      return { serverId: node.serverId, app: node.app };
    case 'channel':
      return { serverId: node.serverId, channelId: node.channelId, app: node.app };
  }
}
