import { CHANNELS_MUTE_DIRECTION_VALUES, type ChannelsMuteDirection } from '../../ari/generated/ariOperations';
import type { ServerSession } from '../../model/session/ServerSession';
import type { CommandContext, CommandResult } from './CommandContext';
import { CommandError, resolveChannel, type ChannelTarget } from './targets';

/** What each way of muting means, as the spec's `direction` values (docs: channels.json `mute`). */
const DIRECTIONS: Record<ChannelsMuteDirection, string> = {
  both: 'neither hears the other',
  in: 'the channel is not heard (its audio into Asterisk is dropped)',
  out: 'the channel hears nothing (audio to it is dropped)',
};

const inStasis = (session: ServerSession, id: string) => session.model.channels.get(id)?.stasisApp !== undefined;

/** Send DTMF: digits (0-9, A-D, *, #) and `,` for a pause, as Asterisk's sendDTMF takes them. */
export async function sendDtmf(ctx: CommandContext, target?: Partial<ChannelTarget>, given?: string): Promise<CommandResult<string>> {
  const resolved = await resolveChannel(ctx, target, inStasis);
  if (!resolved) return undefined;
  const dtmf = given ?? (await ctx.ui.input({ title: 'Send DTMF', prompt: 'Digits 0-9, A-D, * and #; a comma pauses', placeHolder: '1234#', ignoreFocusOut: true, validateInput: dtmfProblem }));
  if (dtmf === undefined) return undefined;
  const problem = dtmfProblem(dtmf);
  if (problem) throw new CommandError(problem);
  await resolved.session.rest.call('channels.sendDTMF', { channelId: resolved.channelId, dtmf });
  return { ok: true, value: dtmf };
}

export function dtmfProblem(value: string): string | undefined {
  return /^[0-9A-Da-d*#,]+$/.test(value) ? undefined : `"${value}" is not DTMF: use the digits 0-9, A-D, * and #, and a comma for a pause.`;
}

/** Hold or Unhold: the channel is told it is held (or no longer); it hears music on hold only if something plays it. */
export async function holdChannel(ctx: CommandContext, target?: Partial<ChannelTarget>, hold = true): Promise<CommandResult<string>> {
  const resolved = await resolveChannel(ctx, target, inStasis);
  if (!resolved) return undefined;
  await resolved.session.rest.call(hold ? 'channels.hold' : 'channels.unhold', { channelId: resolved.channelId });
  return { ok: true, value: resolved.channelId };
}

export const unholdChannel = (ctx: CommandContext, target?: Partial<ChannelTarget>) => holdChannel(ctx, target, false);

/** Mute or Unmute, in a direction picked from the spec's. */
export async function muteChannel(ctx: CommandContext, target?: Partial<ChannelTarget>, direction?: ChannelsMuteDirection, mute = true): Promise<CommandResult<ChannelsMuteDirection>> {
  const resolved = await resolveChannel(ctx, target, inStasis);
  if (!resolved) return undefined;
  const chosen = direction ?? (await ctx.ui.pick(CHANNELS_MUTE_DIRECTION_VALUES.map((label) => ({ label, description: DIRECTIONS[label] })), { placeHolder: `${mute ? 'Mute' : 'Unmute'} which way?` }))?.label;
  if (chosen === undefined) return undefined;
  await resolved.session.rest.call(mute ? 'channels.mute' : 'channels.unmute', { channelId: resolved.channelId, direction: chosen });
  return { ok: true, value: chosen };
}

export const unmuteChannel = (ctx: CommandContext, target?: Partial<ChannelTarget>, direction?: ChannelsMuteDirection) => muteChannel(ctx, target, direction, false);

/** Music on Hold: start (a class may be named; empty is the default class) or stop. */
export async function startMoh(ctx: CommandContext, target?: Partial<ChannelTarget>, mohClass?: string): Promise<CommandResult<string>> {
  const resolved = await resolveChannel(ctx, target, inStasis);
  if (!resolved) return undefined;
  const chosen = mohClass ?? (await ctx.ui.input({ title: 'Start Music on Hold', prompt: 'The music on hold class (musiconhold.conf); empty for the default', ignoreFocusOut: true }));
  if (chosen === undefined) return undefined;
  await resolved.session.rest.call('channels.startMoh', { channelId: resolved.channelId, mohClass: chosen || undefined });
  return { ok: true, value: resolved.channelId };
}

export async function stopMoh(ctx: CommandContext, target?: Partial<ChannelTarget>): Promise<CommandResult<string>> {
  const resolved = await resolveChannel(ctx, target, inStasis);
  if (!resolved) return undefined;
  await resolved.session.rest.call('channels.stopMoh', { channelId: resolved.channelId });
  return { ok: true, value: resolved.channelId };
}

/** Get Channel Variable: a variable or a dialplan function (`CALLERID(num)`), its value shown and copyable. */
export async function getVariable(ctx: CommandContext, target?: Partial<ChannelTarget>, given?: string): Promise<CommandResult<string>> {
  const resolved = await resolveChannel(ctx, target, inStasis);
  if (!resolved) return undefined;
  const variable = given ?? (await ctx.ui.input({ title: 'Get Channel Variable', prompt: 'A variable or a function, e.g. CHANNEL(language) or CALLERID(num)', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Name a variable or a function.') }));
  if (variable === undefined) return undefined;
  const { value } = await resolved.session.rest.call('channels.getChannelVar', { channelId: resolved.channelId, variable: variable.trim() });
  void ctx.ui.info(`${variable.trim()} = ${JSON.stringify(value)}`, 'Copy').then((a) => (a === 'Copy' ? ctx.ui.copy(value) : undefined));
  return { ok: true, value };
}

/** Set Channel Variable: name, value (empty clears it), and whether its changes are told in the channel's events (report_events). */
export async function setVariable(ctx: CommandContext, target?: Partial<ChannelTarget>, given?: { variable: string; value: string; reportEvents?: boolean }): Promise<CommandResult<string>> {
  const resolved = await resolveChannel(ctx, target, inStasis);
  if (!resolved) return undefined;
  const variable = given?.variable ?? (await ctx.ui.input({ title: 'Set Channel Variable (1/2)', prompt: 'A variable or a function, e.g. MY_VAR or CHANNEL(language)', ignoreFocusOut: true, validateInput: (v) => (v.trim() ? undefined : 'Name a variable or a function.') }));
  if (variable === undefined) return undefined;
  const value = given?.value ?? (await ctx.ui.input({ title: 'Set Channel Variable (2/3)', prompt: `The value of ${variable.trim()} (empty clears it)`, ignoreFocusOut: true }));
  if (value === undefined) return undefined;
  const report = given ? given.reportEvents : (await ctx.ui.pick([{ label: 'No', description: 'set it quietly' }, { label: 'Yes', description: "its changes come in the channel's events (ChannelVarset, report_events)" }], { placeHolder: 'Set Channel Variable (3/3): report its changes in events?' }))?.label;
  if (report === undefined && !given) return undefined;
  await resolved.session.rest.call('channels.setChannelVar', { channelId: resolved.channelId, variable: variable.trim(), value, report_events: report === true || report === 'Yes' ? true : undefined });
  return { ok: true, value };
}
