import * as vscode from 'vscode';
import { originateArgsProblem, splitAppArgs, splitOriginateArgs } from '../../ari/appArgs';
import { appNameProblem } from '../../ari/appName';
import type { ContinueTarget, HangupReason } from '../../ari/AriRestClient';
import type { SettledMove } from '../../model/MoveTracker';
import type { ServerSession } from '../../model/ServerSession';
import type { InspectorFilter } from '../../inspector/InspectorFilter';
import type { JourneyView } from '../../inspector/protocol';
import { InspectorPanel, type InspectorDeps } from '../inspector/InspectorPanel';
import type { CommandContext, CommandResult } from './CommandContext';
import { CommandError, resolveChannel, resolveConnected, type ChannelTarget, type ServerTarget } from './targets';

const inStasis = (session: ServerSession, id: string) => session.state.channel(id)?.stasisApp !== undefined;

export async function answerChannel(ctx: CommandContext, target?: Partial<ChannelTarget>): Promise<CommandResult<string>> {
  // Asterisk answers only an inbound channel that rings (412 for Ringing, Down, Rsrvd).
  const resolved = await resolveChannel(ctx, target, (s, id) => inStasis(s, id) && s.state.channel(id)?.snapshot.state === 'Ring');
  if (!resolved) return undefined;
  await resolved.session.rest.answer(resolved.channelId);
  return { ok: true, value: resolved.channelId };
}

export interface MoveInput {
  app?: string;
  args?: string[];
}

/**
 * Move Channel…: the REST call only queues the move (204); the outcome comes later from events,
 * and the tree shows the channel as pending until then.
 */
export async function moveChannel(ctx: CommandContext, target?: Partial<ChannelTarget>, given: MoveInput = {}): Promise<CommandResult<SettledMove>> {
  const resolved = await resolveChannel(ctx, target, inStasis);
  if (!resolved) return undefined;
  const { session, channelId, server } = resolved;
  const channel = session.state.channel(channelId);
  const current = channel?.stasisApp;
  let app = given.app;
  if (app === undefined) {
    const apps = session.state.applications.filter((a) => a.name !== current);
    const typeOwn = { label: '$(edit) Type an application name…', name: undefined as string | undefined };
    const picked = await ctx.ui.pick(
      [...apps.map((a) => ({ label: a.name, description: a.owned ? 'registered by Stasis Explorer' : 'registered by another client (or inactive)', name: a.name as string | undefined })), typeOwn],
      { placeHolder: `Move ${channel?.snapshot.name ?? channelId} from ${current ?? '?'} to…` },
    );
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
  const { outcome } = session.move(channelId, app, args);
  const settled = await outcome;
  void reportMove(ctx, server.settings.id, server.settings.name, settled);
  return { ok: true, value: settled };
}

async function reportMove(ctx: CommandContext, serverId: string, serverName: string, move: SettledMove): Promise<void> {
  const session = ctx.manager.server(serverId)?.session;
  const name = session?.state.channel(move.channelId)?.snapshot.name ?? move.channelId;
  const target = { serverId, channelId: move.channelId };
  const outcome = move.outcome;
  switch (outcome.kind) {
    case 'moved':
      vscode.window.setStatusBarMessage(`$(pass) Moved ${name} to ${move.to}`, 5_000);
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

const HANGUP_REASONS: { label: HangupReason; description: string }[] = [
  { label: 'normal', description: 'Normal clearing (16)' },
  { label: 'busy', description: 'User busy (17)' },
  { label: 'congestion', description: 'Congestion (34)' },
  { label: 'no_answer', description: 'No answer (19)' },
  { label: 'rejected', description: 'Call rejected (21)' },
  { label: 'unallocated', description: 'Unallocated number (1)' },
  { label: 'answered_elsewhere', description: 'Answered elsewhere (26)' },
  { label: 'failure', description: 'Network out of order (38)' },
];

export async function hangupChannel(ctx: CommandContext, target?: Partial<ChannelTarget>, reason?: HangupReason): Promise<CommandResult<string>> {
  const resolved = await resolveChannel(ctx, target);
  if (!resolved) return undefined;
  const chosen = reason ?? (await ctx.ui.pick(HANGUP_REASONS, { placeHolder: 'Hang up with which cause?' }))?.label;
  if (chosen === undefined) return undefined;
  await resolved.session.rest.hangup(resolved.channelId, chosen);
  return { ok: true, value: resolved.channelId };
}

export async function continueChannel(ctx: CommandContext, target?: Partial<ChannelTarget>, given?: ContinueTarget): Promise<CommandResult<string>> {
  const resolved = await resolveChannel(ctx, target, inStasis);
  if (!resolved) return undefined;
  let where = given;
  if (!where) {
    const text = await ctx.ui.input({
      title: 'Continue in dialplan',
      prompt: 'context,extension,priority — empty continues at the next priority (a channel that came in through stasis-<app> has none, and hangs up)',
      placeHolder: 'default,100,1',
      ignoreFocusOut: true,
      validateInput: (v) => (v === '' || /^[^,]+(,[^,]*(,\d+)?)?$/.test(v) ? undefined : 'Write context,extension,priority (priority a number), e.g. default,100,1.'),
    });
    if (text === undefined) return undefined;
    const [context, extension, priority] = text.split(',');
    where = text === '' ? {} : { context, extension: extension || undefined, priority: priority ? Number(priority) : undefined };
  }
  await resolved.session.rest.continueInDialplan(resolved.channelId, where);
  return { ok: true, value: resolved.channelId };
}

export interface OriginateInput {
  endpoint?: string;
  app?: string;
  args?: string[];
  callerId?: string;
}

export async function originate(ctx: CommandContext, target?: Partial<ServerTarget & { app: string }>, given: OriginateInput = {}): Promise<CommandResult<string>> {
  const connected = await resolveConnected(ctx, target);
  if (!connected) return undefined;
  const { session } = connected;
  const defaultEndpoint = vscode.workspace.getConfiguration('stasisExplorer').get<string>('originate.defaultEndpoint', 'Local/100@default');
  const endpoint = given.endpoint ?? (await ctx.ui.input({ title: 'Originate a test call (1/4)', prompt: 'Endpoint to dial (tech/resource)', value: defaultEndpoint, ignoreFocusOut: true, validateInput: (v) => (/^[^/\s]+\/\S+$/.test(v) ? undefined : 'Write it as tech/resource, e.g. Local/100@default or PJSIP/alice.') }));
  if (endpoint === undefined) return undefined;
  let app = given.app ?? target?.app;
  if (app === undefined) {
    const owned = session.ownedApps;
    if (owned.length === 0) throw new CommandError(`Register an application on ${connected.server.settings.name} first: an originated call needs an app to enter.`);
    app = (await ctx.ui.pick(owned.map((label) => ({ label })), { placeHolder: 'Into which application?' }))?.label;
    if (app === undefined) return undefined;
  }
  // Given arguments go to the REST client as they are, which refuses what Asterisk would change.
  let args = given.args;
  if (args === undefined) {
    const text = await ctx.ui.input({ title: 'Originate a test call (3/4)', prompt: 'App arguments, separated by commas (optional)', ignoreFocusOut: true, validateInput: (v) => originateArgsProblem(splitOriginateArgs(v)) });
    if (text === undefined) return undefined;
    args = splitOriginateArgs(text);
  }
  const callerId = given.callerId ?? (await ctx.ui.input({ title: 'Originate a test call (4/4)', prompt: 'Caller id (optional), e.g. "Test" <100>', ignoreFocusOut: true }));
  if (callerId === undefined) return undefined;
  const channel = await session.rest.originate({ endpoint, app, appArgs: args, callerId: callerId || undefined });
  ctx.log.info(`[${connected.server.settings.name}] originated ${channel.name} (${channel.id}) to ${endpoint} into "${app}"`);
  return { ok: true, value: channel.id };
}

export async function copyChannelId(ctx: CommandContext, target?: Partial<ChannelTarget>): Promise<CommandResult<string>> {
  const resolved = await resolveChannel(ctx, target);
  if (!resolved) return undefined;
  await vscode.env.clipboard.writeText(resolved.channelId);
  vscode.window.setStatusBarMessage(`Copied ${resolved.channelId}`, 3_000);
  return { ok: true, value: resolved.channelId };
}

/** What the Event Inspector needs from the command context; `ui` is read late so tests can swap it. */
export function inspectorDeps(ctx: CommandContext): InspectorDeps {
  return { extensionUri: ctx.extensionUri, manager: ctx.manager, log: ctx.log, ui: () => ctx.ui, capacity: ctx.eventLogCapacity };
}

function inspector(ctx: CommandContext, filter?: InspectorFilter): InspectorPanel {
  return InspectorPanel.show(inspectorDeps(ctx), filter);
}

/** Show Channel Journey: the inspector, filtered to the channel, with its path across apps. */
export async function showJourney(ctx: CommandContext, target?: Partial<ChannelTarget>): Promise<CommandResult<JourneyView>> {
  const resolved = await resolveChannel(ctx, target);
  if (!resolved) return undefined;
  const panel = inspector(ctx);
  const journey = panel.showJourney(resolved.server.settings.id, resolved.channelId);
  return journey ? { ok: true, value: journey } : undefined;
}

/** Open Event Inspector: from a channel or app item it opens filtered to it. */
export async function openInspector(ctx: CommandContext, target?: Partial<ChannelTarget & { app: string }>): Promise<CommandResult<string>> {
  const server = target?.serverId ? ctx.manager.server(target.serverId)?.settings.name : undefined;
  const filter = target?.channelId ? { channelId: target.channelId } : target?.app ? { application: target.app, server } : undefined;
  inspector(ctx, filter);
  return { ok: true, value: 'inspector' };
}

/** Export Events…: the inspector's events (all, or a filter's) to an NDJSON file. */
export async function exportEvents(ctx: CommandContext, to?: vscode.Uri, filter: InspectorFilter = {}): Promise<CommandResult<number>> {
  const panel = inspector(ctx);
  const count = await panel.exportEvents(filter, to);
  return count === undefined ? undefined : { ok: true, value: count };
}

/** Import Events…: an NDJSON capture (ours, or bare events as wscat prints them) into the inspector. */
export async function importEvents(ctx: CommandContext, from?: vscode.Uri): Promise<CommandResult<number>> {
  const panel = inspector(ctx);
  const count = await panel.importEvents(from);
  return count === undefined ? undefined : { ok: true, value: count };
}
