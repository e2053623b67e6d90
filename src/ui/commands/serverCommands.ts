import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { baseUrlProblem } from '../../ari/AriBaseUrl';
import { appListProblem, appNameProblem, splitAppNames } from '../../ari/appName';
import { usernameProblem } from '../../ari/basicAuth';
import type { ServerSettings } from '../servers/ServerSettings';
import type { CommandContext, CommandResult } from './CommandContext';
import { sandboxScript } from './sandboxScript';
import { CommandError, resolveServer, type ServerTarget } from './targets';

/** What Add Server asks for; a caller may pass any of it to skip those prompts. */
export interface ServerInput {
  name?: string;
  url?: string;
  username?: string;
  password?: string;
  apps?: string[];
  subscribeAll?: boolean;
}

async function ask(ctx: CommandContext, given: ServerInput, current?: ServerSettings): Promise<Required<Omit<ServerInput, 'password'>> & { password: string | undefined } | undefined> {
  const names = ctx.manager.servers.filter((s) => s.settings.id !== current?.id).map((s) => s.settings.name);
  const nameProblem = (v: string) => (v.trim() === '' ? 'Enter a short name, e.g. pbx1.' : names.includes(v.trim()) ? `A server named "${v.trim()}" exists already. Pick another name.` : undefined);
  const step = async (value: string | undefined, problem: (v: string) => string | undefined, options: Parameters<CommandContext['ui']['input']>[0]) => {
    if (value !== undefined) {
      const p = problem(value);
      if (p) throw new CommandError(p);
      return value;
    }
    return ctx.ui.input({ ignoreFocusOut: true, validateInput: problem, ...options });
  };
  const name = await step(given.name, nameProblem, { title: 'ARI server (1/5)', prompt: 'A short name for this Asterisk', value: current?.name, placeHolder: 'pbx1' });
  if (name === undefined) return undefined;
  const url = await step(given.url, baseUrlProblem, { title: 'ARI server (2/5)', prompt: "Address of Asterisk's HTTP server (http.conf), with its prefix if any", value: current?.url ?? 'http://127.0.0.1:8088', placeHolder: 'http://127.0.0.1:8088' });
  if (url === undefined) return undefined;
  const username = await step(given.username, usernameProblem, { title: 'ARI server (3/5)', prompt: 'ARI user (ari.conf)', value: current?.username ?? 'asterisk' });
  if (username === undefined) return undefined;
  let password = given.password;
  if (password === undefined) {
    password = await ctx.ui.input({
      ignoreFocusOut: true,
      password: true,
      title: 'ARI server (4/5)',
      prompt: current ? `Password of ${username} (leave empty to keep the stored one)` : `Password of ${username}; kept in VS Code's secret storage, never in settings`,
      validateInput: (v) => (!current && v === '' ? 'Enter the password of the ARI user.' : undefined),
    });
    if (password === undefined) return undefined;
    if (current && password === '') password = undefined;
  }
  const appsText = given.apps !== undefined ? given.apps.join(',') : await ctx.ui.input({
    ignoreFocusOut: true,
    title: 'ARI server (5/5)',
    prompt: 'Stasis apps to register when connecting, separated by commas (optional)',
    value: current?.apps?.join(', ') ?? '',
    placeHolder: 'ari-example1, ari-example2',
    validateInput: appListProblem,
  });
  if (appsText === undefined) return undefined;
  const appProblem = given.apps?.map(appNameProblem).find(Boolean) ?? appListProblem(appsText);
  if (appProblem) throw new CommandError(appProblem);
  return { name: name.trim(), url: url.trim(), username: username.trim(), password, apps: given.apps ?? splitAppNames(appsText), subscribeAll: given.subscribeAll ?? current?.subscribeAll ?? false };
}

/** Add Server…: asks, tests with GET /asterisk/info, and saves only if Asterisk answered. */
export async function addServer(ctx: CommandContext, given: ServerInput = {}): Promise<CommandResult<{ id: string; version: string }>> {
  const input = await ask(ctx, given);
  if (!input) return undefined;
  const settings: ServerSettings = { id: randomUUID(), name: input.name, url: input.url, username: input.username, apps: input.apps, subscribeAll: input.subscribeAll };
  const info = await ctx.ui.progress(`Testing ${settings.url}…`, () => ctx.manager.testConnection(settings, input.password!));
  const version = info.system?.version ?? 'unknown version';
  await ctx.store.save(settings, input.password);
  ctx.log.info(`[${settings.name}] added: ${settings.url} (Asterisk ${version}), apps ${JSON.stringify(settings.apps)}`);
  void ctx.ui.info(`Connected to Asterisk ${version} at ${settings.url}. Saved "${settings.name}"; its password is in VS Code's secret storage.`);
  await ctx.manager.connect(settings.id);
  return { ok: true, value: { id: settings.id, version } };
}

export async function editServer(ctx: CommandContext, target?: Partial<ServerTarget>, given: ServerInput = {}): Promise<CommandResult> {
  const server = await resolveServer(ctx, target, () => true, 'No ARI server is configured. Add one first (ARI: Add Server…).');
  if (!server) return undefined;
  const input = await ask(ctx, given, server.settings);
  if (!input) return undefined;
  const settings: ServerSettings = { ...server.settings, name: input.name, url: input.url, username: input.username, apps: input.apps, subscribeAll: input.subscribeAll };
  const password = input.password ?? (await ctx.store.password(server.settings.id));
  if (password === undefined) throw new CommandError(`No password is stored for ${settings.name}. Enter it.`);
  await ctx.ui.progress(`Testing ${settings.url}…`, () => ctx.manager.testConnection(settings, password));
  await ctx.store.save(settings, input.password);
  ctx.log.info(`[${settings.name}] settings updated`);
  // A new password alone changes no setting, so nothing else would reconnect with it.
  if (input.password !== undefined && server.session) {
    await ctx.manager.disconnect(settings.id);
    await ctx.manager.connect(settings.id);
  }
  return { ok: true, value: settings.id };
}

export async function removeServer(ctx: CommandContext, target?: Partial<ServerTarget>): Promise<CommandResult> {
  const server = await resolveServer(ctx, target, () => true, 'No ARI server is configured.');
  if (!server) return undefined;
  const answer = await ctx.ui.warn(`Remove the ARI server "${server.settings.name}"?`, { modal: true, detail: 'It is disconnected and its stored password is deleted.' }, 'Remove');
  if (answer !== 'Remove') return undefined;
  await ctx.manager.disconnect(server.settings.id);
  await ctx.store.remove(server.settings.id);
  ctx.log.info(`[${server.settings.name}] removed (password deleted from secret storage)`);
  return { ok: true, value: server.settings.id };
}

export async function connect(ctx: CommandContext, target?: Partial<ServerTarget>): Promise<CommandResult> {
  const server = await resolveServer(ctx, target, (s) => !s.session, 'Every configured server is connected already.');
  if (!server) return undefined;
  await ctx.ui.progress(`Connecting to ${server.settings.name}…`, () => ctx.manager.connect(server.settings.id));
  return { ok: true, value: server.settings.id };
}

export async function disconnect(ctx: CommandContext, target?: Partial<ServerTarget>): Promise<CommandResult> {
  const server = await resolveServer(ctx, target, (s) => s.session !== undefined, 'No server is connected.');
  if (!server) return undefined;
  await ctx.manager.disconnect(server.settings.id);
  ctx.log.info(`[${server.settings.name}] disconnected by the user`);
  return { ok: true, value: server.settings.id };
}

/** The status bar's quick pick: each server with its state, then what can be done with it. */
export async function showServers(ctx: CommandContext): Promise<CommandResult> {
  const server = await resolveServer(ctx, undefined, () => true, 'No ARI server is configured. Add one with ARI: Add Server….');
  if (!server) return undefined;
  const connected = server.session !== undefined;
  const actions = connected ? ['Disconnect', 'Edit…', 'Remove'] : ['Connect', 'Edit…', 'Remove'];
  const picked = await ctx.ui.pick(actions.map((label) => ({ label })), { placeHolder: `${server.settings.name}: ${server.session?.status.state ?? server.lastError ?? 'disconnected'}` });
  const target = { serverId: server.settings.id };
  switch (picked?.label) {
    case 'Connect':
      return connect(ctx, target);
    case 'Disconnect':
      return disconnect(ctx, target);
    case 'Edit…':
      return editServer(ctx, target);
    case 'Remove':
      return removeServer(ctx, target);
    default:
      return undefined;
  }
}

/** Runs the repo's Asterisk sandbox and adds it as a server. Offered only where it can run. */
export async function startSandbox(ctx: CommandContext): Promise<CommandResult> {
  const script = sandboxScript(ctx.extensionPath);
  if (!script) throw new CommandError('The local Asterisk sandbox needs Linux, root, and the Stasis Explorer source tree (test/sandbox/sandbox.sh).');
  const run = promisify(execFile);
  await ctx.ui.progress('Starting the Asterisk sandbox (the first start builds it: about a minute)…', () => run('bash', [script, 'up'], { timeout: 600_000 }));
  const { stdout } = await run('bash', [script, 'env']);
  const env = Object.fromEntries(stdout.split('\n').map((l) => l.split('=')).filter((p) => p.length >= 2).map(([k, ...v]) => [k.trim(), v.join('=').trim()]));
  const existing = ctx.manager.servers.find((s) => s.settings.url === env.ARI_URL);
  if (existing) return connect(ctx, { serverId: existing.settings.id });
  return addServer(ctx, { name: 'sandbox', url: env.ARI_URL, username: env.ARI_USERNAME, password: env.ARI_PASSWORD, apps: ['ari-example1', 'ari-example2'] });
}


/** Refresh: every connected server resyncs from REST (the safety net for apps we only observe). */
export async function refresh(ctx: CommandContext): Promise<CommandResult> {
  await ctx.ui.progress('Refreshing from Asterisk…', () => Promise.all(ctx.manager.connectedServers.map((s) => s.session?.resync())));
  ctx.tree.refreshAll();
  return { ok: true, value: undefined };
}
