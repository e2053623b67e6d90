import { clearAppChannels } from './appChannelsCommand';
import * as app from './applicationCommands';
import * as bridge from './bridgeCommands';
import * as channel from './channelCommands';
import * as control from './channelControlCommands';
import * as routing from './channelRoutingCommands';
import type { CommandContext, CommandResult } from './CommandContext';
import * as ariConsole from './consoleCommands';
import * as inspector from './inspectorCommands';
import * as media from './mediaCommands';
import * as recording from './recordingCommands';
import { moveChannel } from './moveCommand';
import * as server from './serverCommands';
import * as trace from './traceCommands';

type Handler = (ctx: CommandContext, ...args: never[]) => Promise<CommandResult>;

/** Every `stasisExplorer.*` command by its name after the prefix, as declared in package.json. */
export const COMMAND_HANDLERS: Record<string, Handler> = {
  addServer: server.addServer,
  editServer: server.editServer,
  removeServer: server.removeServer,
  connect: server.connect,
  disconnect: server.disconnect,
  showServers: server.showServers,
  startSandbox: server.startSandbox,
  refresh: server.refresh,
  registerApp: app.registerApp,
  unregisterApp: app.unregisterApp,
  clearAppChannels,
  answerChannel: channel.answerChannel,
  moveChannel,
  hangupChannel: channel.hangupChannel,
  continueChannel: channel.continueChannel,
  originate: channel.originate,
  copyChannelId: channel.copyChannelId,
  createBridge: bridge.createBridge,
  addToBridge: bridge.addToBridge,
  removeFromBridge: bridge.removeFromBridge,
  destroyBridge: bridge.destroyBridge,
  sendDtmf: control.sendDtmf,
  holdChannel: control.holdChannel,
  unholdChannel: control.unholdChannel,
  muteChannel: control.muteChannel,
  unmuteChannel: control.unmuteChannel,
  startMoh: control.startMoh,
  stopMoh: control.stopMoh,
  getVariable: control.getVariable,
  setVariable: control.setVariable,
  snoopChannel: routing.snoopChannel,
  redirectChannel: routing.redirectChannel,
  dialChannel: routing.dialChannel,
  startBridgeMoh: bridge.bridgeMoh,
  stopBridgeMoh: bridge.stopBridgeMoh,
  playMedia: media.playMedia,
  stopPlayback: media.stopPlayback,
  pausePlayback: media.pausePlayback,
  resumePlayback: media.resumePlayback,
  restartPlayback: media.restartPlayback,
  record: recording.record,
  stopRecording: recording.stopRecording,
  discardRecording: recording.discardRecording,
  deleteStoredRecording: recording.deleteStoredRecording,
  showJourney: inspector.showJourney,
  openInspector: inspector.openInspector,
  exportEvents: inspector.exportEvents,
  importEvents: inspector.importEvents,
  openConsole: ariConsole.openConsole,
  runOperation: ariConsole.runOperation,
  sendHttpRequest: ariConsole.sendHttpRequest,
  traceApp: trace.traceApp,
  stopTrace: trace.stopTrace,
  copyTraceUrl: trace.copyTraceUrl,
};

/**
 * Runs one command as the palette or a menu would: a failure of any kind ends as one error
 * message (the sentence from AriError or CommandError) and a log line; nothing is half-saved.
 * Tree nodes arrive already turned into the fields the commands take.
 */
export async function runCommand(ctx: CommandContext, name: string, args: readonly unknown[]): Promise<CommandResult> {
  const handler = COMMAND_HANDLERS[name] as ((ctx: CommandContext, ...a: unknown[]) => Promise<CommandResult>) | undefined;
  if (!handler) return { ok: false, message: `There is no command stasisExplorer.${name}.` };
  try {
    return await handler(ctx, ...args);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.log.error(`${name}: ${message}`);
    void ctx.ui.error(message);
    return { ok: false, message };
  }
}
