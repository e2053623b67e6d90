import { appNameProblem } from '../../ari/appName';
import { CHANNELS_SNOOP_CHANNEL_SPY_VALUES, CHANNELS_SNOOP_CHANNEL_WHISPER_VALUES, type ChannelsSnoopChannelSpy, type ChannelsSnoopChannelWhisper } from '../../ari/generated/ariOperations';
import type { Channel } from '../../ari/generated/ariTypes';
import type { ServerSession } from '../../model/session/ServerSession';
import type { CommandContext, CommandResult } from './CommandContext';
import { CommandError, resolveChannel, type ChannelTarget } from './targets';

const inStasis = (session: ServerSession, id: string) => session.model.channels.get(id)?.stasisApp !== undefined;

/** What each snoop direction means, for `spy` (hear) and `whisper` (speak). */
const SNOOP_DIRECTIONS: Record<ChannelsSnoopChannelSpy, string> = { none: 'not at all', both: 'both ways', in: 'what the channel says', out: 'what the channel hears' };

export interface SnoopInput {
  app?: string;
  spy?: ChannelsSnoopChannelSpy;
  whisper?: ChannelsSnoopChannelWhisper;
}

/**
 * Snoop: a new channel that hears (spy) and/or speaks into (whisper) this one, placed into an app.
 * It answers with the snoop channel at once; channel operations on it answer 409 until its
 * StasisStart (docs/ari-behaviour.md#errors).
 */
export async function snoopChannel(ctx: CommandContext, target?: Partial<ChannelTarget>, given: SnoopInput = {}): Promise<CommandResult<Channel>> {
  const resolved = await resolveChannel(ctx, target, inStasis);
  if (!resolved) return undefined;
  const { session, channelId } = resolved;
  const app = given.app ?? (await pickApp(ctx, session));
  if (app === undefined) return undefined;
  const direction = async (what: 'spy' | 'whisper', values: readonly ChannelsSnoopChannelSpy[]) =>
    (await ctx.ui.pick(values.map((label) => ({ label, description: SNOOP_DIRECTIONS[label] })), { placeHolder: what === 'spy' ? 'Spy: hear which way?' : 'Whisper: speak which way?' }))?.label;
  const spy = given.spy ?? (await direction('spy', CHANNELS_SNOOP_CHANNEL_SPY_VALUES));
  if (spy === undefined) return undefined;
  const whisper = given.whisper ?? (await direction('whisper', CHANNELS_SNOOP_CHANNEL_WHISPER_VALUES));
  if (whisper === undefined) return undefined;
  if (spy === 'none' && whisper === 'none') throw new CommandError('A snoop that neither spies nor whispers does nothing: pick a direction for one of them.');
  const snoop = await session.rest.call('channels.snoopChannel', { channelId, app, spy, whisper });
  ctx.log.info(`[${session.name}] ${snoop.name} snoops on ${session.model.channels.get(channelId)?.snapshot.name ?? channelId} (spy ${spy}, whisper ${whisper}), into ${app}`);
  return { ok: true, value: snoop };
}

/** Redirect: the channel is sent to another endpoint (for PJSIP, a SIP 302); `tech/resource`. */
export async function redirectChannel(ctx: CommandContext, target?: Partial<ChannelTarget>, endpoint?: string): Promise<CommandResult<string>> {
  const resolved = await resolveChannel(ctx, target, inStasis);
  if (!resolved) return undefined;
  const to = endpoint ?? (await ctx.ui.input({ title: 'Redirect', prompt: 'To which endpoint (tech/resource)? A SIP channel is redirected with a 302', placeHolder: 'PJSIP/bob', ignoreFocusOut: true, validateInput: endpointProblem }));
  if (to === undefined) return undefined;
  await resolved.session.rest.call('channels.redirect', { channelId: resolved.channelId, endpoint: to.trim() });
  return { ok: true, value: to.trim() };
}

/** Dial: a channel made with POST /channels/create (in Stasis, not dialled yet) is dialled now. */
export async function dialChannel(ctx: CommandContext, target?: Partial<ChannelTarget>, timeoutSeconds?: number): Promise<CommandResult<string>> {
  const resolved = await resolveChannel(ctx, target, inStasis);
  if (!resolved) return undefined;
  const text = timeoutSeconds === undefined ? await ctx.ui.input({ title: 'Dial', prompt: 'Give up after how many seconds (0: never)?', value: '30', ignoreFocusOut: true, validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'A whole number of seconds, 0 for no limit.') }) : String(timeoutSeconds);
  if (text === undefined) return undefined;
  await resolved.session.rest.call('channels.dial', { channelId: resolved.channelId, timeout: Number(text) });
  return { ok: true, value: resolved.channelId };
}

export function endpointProblem(value: string): string | undefined {
  return /^[^/\s]+\/\S+$/.test(value.trim()) ? undefined : 'Write it as tech/resource, e.g. PJSIP/bob.';
}

async function pickApp(ctx: CommandContext, session: ServerSession): Promise<string | undefined> {
  const apps = session.model.applications.all.map((a) => ({ label: a.name, description: session.ownership.isOwned(a.name) ? 'ours' : "another client's" }));
  const typed = { label: '$(edit) Type an application name…', description: '' };
  const picked = await ctx.ui.pick([...apps, typed], { placeHolder: 'Into which app does the snoop channel go?' });
  if (!picked) return undefined;
  return picked === typed ? ctx.ui.input({ prompt: 'Stasis application', validateInput: appNameProblem, ignoreFocusOut: true }) : picked.label;
}
