import { appNameProblem } from '../../ari/appName';
import type { CommandContext, CommandResult } from './CommandContext';
import { CommandError, resolveConnected, type AppTarget, type ServerTarget } from './targets';

/**
 * Register Application…: registering a name another client holds takes it away from that client
 * (Asterisk sends it ApplicationReplaced: docs/ari-behaviour.md#app-registration), so that is
 * confirmed first.
 */
export async function registerApp(ctx: CommandContext, target?: Partial<ServerTarget & AppTarget>, name?: string): Promise<CommandResult<string>> {
  const connected = await resolveConnected(ctx, target);
  if (!connected) return undefined;
  const { server, session } = connected;
  const appName = name ?? target?.app ?? (await ctx.ui.input({ title: `Register a Stasis application on ${server.settings.name}`, prompt: 'Application name (no commas or spaces, at most 73 bytes)', placeHolder: 'my-ari-app', validateInput: appNameProblem, ignoreFocusOut: true }));
  if (appName === undefined) return undefined;
  const problem = appNameProblem(appName);
  if (problem) throw new CommandError(problem);
  if (session.ownership.isOwned(appName)) {
    void ctx.ui.info(`"${appName}" is registered by Stasis Explorer already.`);
    return { ok: true, value: appName };
  }
  const listed = await session.rest.call('applications.list', {});
  if (listed.some((a) => a.name === appName)) {
    const answer = await ctx.ui.warn(
      `"${appName}" is already registered on ${server.settings.name}. Registering it here takes it away from the client that holds it now: Asterisk sends that client ApplicationReplaced and delivers the app's events to Stasis Explorer instead.`,
      { modal: true },
      'Take Over',
    );
    if (answer !== 'Take Over') return undefined;
  }
  await ctx.ui.progress(`Registering ${appName}…`, () => session.registerApp(appName));
  ctx.log.info(`[${server.settings.name}] registered application "${appName}"`);
  void ctx.ui.info(`Registered "${appName}" on ${server.settings.name}. Endpoints with context=stasis-${appName} now land in it, with no dialplan.`);
  return { ok: true, value: appName };
}

export async function unregisterApp(ctx: CommandContext, target?: Partial<AppTarget>): Promise<CommandResult<string>> {
  const connected = await resolveConnected(ctx, target);
  if (!connected) return undefined;
  const { server, session } = connected;
  let app = target?.app;
  if (app === undefined) {
    const owned = session.ownership.owned;
    if (owned.length === 0) throw new CommandError(`Stasis Explorer holds no application on ${server.settings.name}.`);
    app = (await ctx.ui.pick(owned.map((label) => ({ label })), { placeHolder: 'Unregister which application?' }))?.label;
    if (app === undefined) return undefined;
  }
  if (!session.ownership.isOwned(app)) throw new CommandError(`"${app}" is not registered by Stasis Explorer on ${server.settings.name}; only its owner can unregister it.`);
  const channels = session.model.channels.of(app).filter((c) => c.stasisApp === app).length;
  await session.unregisterApp(app);
  ctx.log.info(`[${server.settings.name}] unregistered application "${app}"`);
  if (channels > 0) void ctx.ui.info(`Unregistered "${app}". Its ${channels} channel(s) stay in Stasis under the now inactive app until they hang up or are moved.`);
  return { ok: true, value: app };
}
