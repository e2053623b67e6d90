import { originateArgsProblem, splitOriginateArgs } from '../../ari/appArgs';
import type { ContinueTarget } from '../../ari/AriRestClient';
import { CHANNELS_HANGUP_REASON_VALUES, type ChannelsHangupReason } from '../../ari/generated/ariOperations';
import { originateFate, type OriginateFate } from '../../model/channels/originateFate';
import type { ServerSession } from '../../model/session/ServerSession';
import type { CommandContext, CommandResult } from './CommandContext';
import { CommandError, resolveChannel, resolveConnected, type ChannelTarget, type ServerTarget } from './targets';

const inStasis = (session: ServerSession, id: string) => session.model.channels.get(id)?.stasisApp !== undefined;

export async function answerChannel(ctx: CommandContext, target?: Partial<ChannelTarget>): Promise<CommandResult<string>> {
  // Asterisk answers only an inbound channel that rings (412 for Ringing, Down, Rsrvd: docs/ari-behaviour.md#channels-resource).
  const resolved = await resolveChannel(ctx, target, (s, id) => inStasis(s, id) && s.model.channels.get(id)?.snapshot.state === 'Ring');
  if (!resolved) return undefined;
  await resolved.session.rest.answer(resolved.channelId);
  return { ok: true, value: resolved.channelId };
}

/** What each hangup reason the spec allows means, as Asterisk maps it to a cause (docs/ari-behaviour.md#hangup-reasons). */
const HANGUP_CAUSES: Record<ChannelsHangupReason, string> = {
  normal: 'Normal clearing (16)',
  busy: 'User busy (17)',
  congestion: 'Congestion (34)',
  no_answer: 'No answer (19)',
  timeout: 'No user response (18)',
  rejected: 'Call rejected (21)',
  unallocated: 'Unallocated number (1)',
  normal_unspecified: 'Normal, unspecified (31)',
  number_incomplete: 'Invalid number format (28)',
  codec_mismatch: 'Bearer capability not available (58)',
  interworking: 'Interworking, unspecified (127)',
  failure: 'Network out of order (38)',
  answered_elsewhere: 'Answered elsewhere (26)',
};

export async function hangupChannel(ctx: CommandContext, target?: Partial<ChannelTarget>, reason?: ChannelsHangupReason): Promise<CommandResult<string>> {
  const resolved = await resolveChannel(ctx, target);
  if (!resolved) return undefined;
  const chosen = reason ?? (await ctx.ui.pick(CHANNELS_HANGUP_REASON_VALUES.map((label) => ({ label, description: HANGUP_CAUSES[label] })), { placeHolder: 'Hang up with which cause?' }))?.label;
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
  const defaultEndpoint = ctx.ui.setting('originate.defaultEndpoint', 'Local/100@default');
  const endpoint = given.endpoint ?? (await ctx.ui.input({ title: 'Originate a test call (1/4)', prompt: 'Endpoint to dial (tech/resource)', value: defaultEndpoint, ignoreFocusOut: true, validateInput: (v) => (/^[^/\s]+\/\S+$/.test(v) ? undefined : 'Write it as tech/resource, e.g. Local/100@default or PJSIP/alice.') }));
  if (endpoint === undefined) return undefined;
  let app = given.app ?? target?.app;
  if (app === undefined) {
    const owned = session.ownership.owned;
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
  if (!(await appCanTakeCalls(ctx, session, app))) return undefined;
  const channel = await session.rest.originate({ endpoint, app, appArgs: args, callerId: callerId || undefined });
  const name = connected.server.settings.name;
  ctx.log.info(`[${name}] originated ${channel.name} (${channel.id}) to ${endpoint} into "${app}"`);
  // Asterisk answers 200 before the call has entered the app, or failed to (docs/ari-behaviour.md#inactive-apps).
  const fate = await originateFate(session, channel.id, app, FATE_WAIT_MS);
  const said = fateText(fate, channel.name, app, session);
  ctx.log.info(`[${name}] ${said}`);
  if (fate.kind === 'entered' || fate.kind === 'waiting') void ctx.ui.info(said);
  else throw new CommandError(said);
  return { ok: true, value: channel.id };
}

/** How long Originate Test Call waits to say what became of the call. */
const FATE_WAIT_MS = 5_000;

/**
 * An originate into an app with no client is dropped when it enters Stasis(): refused while our
 * socket for it is down; for another client's app known to be inactive, confirmed first.
 */
async function appCanTakeCalls(ctx: CommandContext, session: ServerSession, app: string): Promise<boolean> {
  const link = session.linkStatusOf(app);
  if (link && link.state !== 'open') {
    throw new CommandError(`The events socket of "${app}" is not open (${link.state}): Asterisk would drop a call entering its Stasis() now, as the app has no client until the socket is back. Try again once ${session.name} shows connected.`);
  }
  const activity = link ? undefined : session.model.applications.get(app)?.activity;
  if (activity?.active !== false) return true;
  const answer = await ctx.ui.warn(`"${app}" has no client as far as Stasis Explorer can tell (${activity.because}): Asterisk would hang up a call entering it.`, { modal: true }, 'Originate Anyway');
  return answer === 'Originate Anyway';
}

function fateText(fate: OriginateFate, channel: string, app: string, session: ServerSession): string {
  switch (fate.kind) {
    case 'entered':
      return `${channel} entered "${app}".`;
    case 'failedToEnter':
      return `${channel} could not enter "${app}": Stasis() failed (no client holds the app), so Asterisk hangs the call up. Asterisk had answered the originate with 200.`;
    case 'hungUp':
      return `${channel} was hung up before it entered "${app}"${fate.cause !== undefined ? `: cause ${fate.cause} (${fate.causeText ?? 'no text'})` : ''}. Asterisk had answered the originate with 200.`;
    case 'waiting':
      return `${channel} has not been seen entering "${app}" after ${FATE_WAIT_MS / 1000} s (state ${fate.state ?? 'unknown'}): an originated call enters when the endpoint answers${session.watcher?.watching ? '' : "; another client's app is seen only at Refresh while watching is off"}.`;
  }
}

export async function copyChannelId(ctx: CommandContext, target?: Partial<ChannelTarget>): Promise<CommandResult<string>> {
  const resolved = await resolveChannel(ctx, target);
  if (!resolved) return undefined;
  await ctx.ui.copy(resolved.channelId);
  ctx.ui.status(`Copied ${resolved.channelId}`, 3_000);
  return { ok: true, value: resolved.channelId };
}
