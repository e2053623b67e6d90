import type { CommandContext, CommandResult } from './CommandContext';
import { CommandError, resolveConnected, type AppTarget } from './targets';

const HANG_UP = 'Hang Up All';
const CONTINUE = 'Continue All in Dialplan';
export type AppChannelsAction = typeof HANG_UP | typeof CONTINUE;

/**
 * Hang Up or Continue Its Channels…: what to do with the calls an app holds, above all an app
 * whose client went away (Asterisk keeps its channels in Stasis() and drops their events:
 * docs/ari-behaviour.md#socket-close). Confirmed first, with the count; each channel is tried,
 * and the ones that failed are named.
 */
export async function clearAppChannels(ctx: CommandContext, target?: Partial<AppTarget>, given?: AppChannelsAction): Promise<CommandResult<number>> {
  const connected = await resolveConnected(ctx, target);
  if (!connected) return undefined;
  const { server, session } = connected;
  const app = target?.app ?? (await ctx.ui.pick([...session.model.channels.appsWithChannels].map((label) => ({ label })), { placeHolder: 'Whose channels?' }))?.label;
  if (app === undefined) return undefined;
  const inside = session.model.channels.of(app).filter((c) => c.stasisApp === app);
  if (inside.length === 0) throw new CommandError(`No channel is inside the Stasis() of "${app}" on ${server.settings.name}.`);
  const activity = session.ownership.isOwned(app) ? undefined : session.model.applications.get(app)?.activity;
  const why = activity?.active === false ? ` Its client is gone: ${activity.because}.` : '';
  const action =
    given ??
    ((await ctx.ui.warn(`"${app}" holds ${inside.length} channel${inside.length === 1 ? '' : 's'} in Stasis().${why}`, { modal: true, detail: 'Continue sends each to the next priority of its dialplan; a channel that came in through stasis-<app> has none, and hangs up.' }, HANG_UP, CONTINUE)) as AppChannelsAction | undefined);
  if (action === undefined) return undefined;
  const failures: string[] = [];
  await ctx.ui.progress(`${action === HANG_UP ? 'Hanging up' : 'Continuing'} ${inside.length} channel(s) of ${app}…`, async () => {
    for (const channel of inside) {
      try {
        if (action === HANG_UP) await session.rest.hangup(channel.id);
        else await session.rest.continueInDialplan(channel.id, {});
      } catch (error) {
        failures.push(`${channel.snapshot.name}: ${(error as Error).message}`);
      }
    }
  });
  const done = inside.length - failures.length;
  const verb = action === HANG_UP ? 'Hung up' : 'Continued';
  ctx.log.info(`[${server.settings.name}] ${verb.toLowerCase()} ${done} of ${inside.length} channel(s) of "${app}"${failures.length ? `; failed: ${failures.join('; ')}` : ''}`);
  if (failures.length > 0) void ctx.ui.warn(`${verb} ${done} of ${inside.length} channels of "${app}". ${failures.length} failed; the first: ${failures[0]}`, {});
  else void ctx.ui.info(`${verb} ${done} channel${done === 1 ? '' : 's'} of "${app}".`);
  return { ok: true, value: done };
}
