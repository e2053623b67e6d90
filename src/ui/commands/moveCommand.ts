import { splitAppArgs } from '../../ari/appArgs';
import { appNameProblem } from '../../ari/appName';
import type { SettledMove } from '../../model/moves/MoveTracker';
import type { ServerSession } from '../../model/session/ServerSession';
import { continueChannel } from './channelCommands';
import type { CommandContext, CommandResult } from './CommandContext';
import { resolveChannel, type ChannelTarget } from './targets';

export interface MoveInput {
  app?: string;
  args?: string[];
}

const inStasis = (session: ServerSession, id: string) => session.model.channels.get(id)?.stasisApp !== undefined;

/**
 * Move Channel…: the REST call only queues the move (204); the outcome comes later from events
 * (docs/ari-behaviour.md#move), and the tree shows the channel as pending until then.
 */
export async function moveChannel(ctx: CommandContext, target?: Partial<ChannelTarget>, given: MoveInput = {}): Promise<CommandResult<SettledMove>> {
  const resolved = await resolveChannel(ctx, target, inStasis);
  if (!resolved) return undefined;
  const { session, channelId, server } = resolved;
  const channel = session.model.channels.get(channelId);
  const current = channel?.stasisApp;
  let app = given.app;
  if (app === undefined) {
    const apps = session.model.applications.all.filter((a) => a.name !== current);
    const typeOwn = { label: '$(edit) Type an application name…', name: undefined as string | undefined };
    const describe = (name: string) => (session.ownership.isOwned(name) ? 'registered by Stasis Explorer' : 'registered by another client (or inactive)');
    const picked = await ctx.ui.pick([...apps.map((a) => ({ label: a.name, description: describe(a.name), name: a.name as string | undefined })), typeOwn], { placeHolder: `Move ${channel?.snapshot.name ?? channelId} from ${current ?? '?'} to…` });
    if (!picked) return undefined;
    app = picked.name ?? (await ctx.ui.input({ prompt: 'Destination Stasis application', validateInput: appNameProblem, ignoreFocusOut: true }));
    if (app === undefined) return undefined;
  }
  let args = given.args;
  if (args === undefined) {
    const text = await ctx.ui.input({
      title: `Arguments for ${app}`,
      prompt: 'App arguments, separated by commas (StasisStart.args); leave empty for none. An argument cannot contain a comma, and empty ones are dropped by Asterisk.',
      placeHolder: 'some,example,args',
      ignoreFocusOut: true,
    });
    if (text === undefined) return undefined;
    args = splitAppArgs(text);
  }
  const settled = await session.move(channelId, app, args).outcome;
  void reportMove(ctx, server.settings.id, server.settings.name, settled);
  return { ok: true, value: settled };
}

async function reportMove(ctx: CommandContext, serverId: string, serverName: string, move: SettledMove): Promise<void> {
  const session = ctx.manager.server(serverId)?.session;
  const name = session?.model.channels.get(move.channelId)?.snapshot.name ?? move.channelId;
  const target = { serverId, channelId: move.channelId };
  const outcome = move.outcome;
  switch (outcome.kind) {
    case 'moved':
      if (outcome.warning) await ctx.ui.warn(`Moved ${name} to "${move.to}" on ${serverName}, but ${outcome.warning}.`, {});
      else ctx.ui.status(`$(pass) Moved ${name} to ${move.to}`, 5_000);
      return;
    case 'failed': {
      const action = await ctx.ui.warn(
        `Move of ${name} to "${outcome.destination}" with args [${outcome.args.join(', ')}] failed on ${serverName}: Asterisk sent ApplicationMoveFailed (the app is not registered or not active). The channel stays in "${move.from ?? '?'}".`,
        {},
        'Retry',
        'Move Elsewhere…',
        'Continue in Dialplan',
      );
      if (action === 'Retry') await run(ctx, () => moveChannel(ctx, target, { app: move.to, args: [...move.args] }));
      else if (action === 'Move Elsewhere…') await run(ctx, () => moveChannel(ctx, target));
      else if (action === 'Continue in Dialplan') await run(ctx, () => continueChannel(ctx, target));
      return;
    }
    case 'skipped':
      await ctx.ui.warn(`The move of ${name} to "${move.to}" did not happen on its own: ${outcome.reason}.`, {});
      return;
    case 'rejected':
      await ctx.ui.error(outcome.error.message);
      return;
    case 'timedOut':
      await ctx.ui.warn(`No outcome for the move of ${name} to "${move.to}" after ${outcome.afterMs / 1000} s: neither StasisStart nor ApplicationMoveFailed arrived. Check the channel and the Asterisk log.`, {});
      return;
    case 'unknown':
      await ctx.ui.warn(`The outcome of the move of ${name} to "${move.to}" is unknown: ${outcome.reason}.`, {});
      return;
  }
}

async function run(ctx: CommandContext, command: () => Promise<unknown>): Promise<void> {
  try {
    await command();
  } catch (error) {
    ctx.log.error((error as Error).message);
    await ctx.ui.error((error as Error).message);
  }
}
