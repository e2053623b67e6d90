import { CHANNELS_RECORD_TERMINATE_ON_VALUES, type ChannelsRecordTerminateOn } from '../../ari/generated/ariOperations';
import type { LiveRecording } from '../../ari/generated/ariTypes';
import type { MediaOutcome, NewRecording } from '../../model/media/MediaControl';
import type { ServerSession } from '../../model/session/ServerSession';
import type { CommandContext, CommandResult } from './CommandContext';
import { resolveMediaTarget, type MediaTarget } from './mediaTarget';
import { CommandError, resolveConnected } from './targets';

/** Formats every Asterisk records in (its core codecs); the spec names none. */
const FORMATS = ['wav', 'gsm', 'ulaw', 'alaw', 'sln'];
const TERMINATE: Record<ChannelsRecordTerminateOn, string> = { none: 'only Stop ends it', any: 'any DTMF digit ends it', '*': '* ends it', '#': '# ends it' };

/** Record: a channel or a bridge, under a name; how it ends is reported (a failure with Asterisk's cause, at warn). */
export async function record(ctx: CommandContext, target?: Partial<MediaTarget>, given?: NewRecording): Promise<CommandResult<{ recording: LiveRecording; outcome: Promise<MediaOutcome> }>> {
  const on = await resolveMediaTarget(ctx, target);
  if (!on) return undefined;
  const recording = given ?? (await askRecording(ctx));
  if (!recording) return undefined;
  const made = await on.session.media.record(on.target, recording);
  const what = `recording "${made.recording.name}" of ${made.recording.target_uri}`;
  ctx.log.info(`[${on.session.name}] ${what} started (${made.recording.format})`);
  void made.outcome.then((o) => report(ctx, on.session, what, o));
  return { ok: true, value: made };
}

/** Stop Recording (kept) or Discard Recording (thrown away): of what records on the channel or bridge, picked if several. */
export async function stopRecording(ctx: CommandContext, target?: Partial<MediaTarget>, discard = false): Promise<CommandResult<string>> {
  const connected = await resolveConnected(ctx, target);
  if (!connected) return undefined;
  const { session } = connected;
  const where = target?.bridgeId ? `bridge:${target.bridgeId}` : target?.channelId ? `channel:${target.channelId}` : undefined;
  const live = where ? session.model.recordings.on(where) : [...session.model.recordings.all];
  if (live.length === 0) throw new CommandError(`Nothing records ${where ? 'there' : `on ${session.name}`} now (only our apps' recordings are known).`);
  const chosen = live.length === 1 ? live[0] : (await ctx.ui.pick(live.map((r) => ({ label: r.name, description: r.target_uri, recording: r })), { placeHolder: `${discard ? 'Discard' : 'Stop'} which recording?` }))?.recording;
  if (!chosen) return undefined;
  if (discard) await session.media.discard(chosen.name);
  else await session.media.stop({ recordingName: chosen.name });
  return { ok: true, value: chosen.name };
}

export const discardRecording = (ctx: CommandContext, target?: Partial<MediaTarget>) => stopRecording(ctx, target, true);

/** Delete Stored Recording: picked from GET /recordings/stored, after asking. */
export async function deleteStoredRecording(ctx: CommandContext, target?: Partial<MediaTarget>, name?: string): Promise<CommandResult<string>> {
  const connected = await resolveConnected(ctx, target);
  if (!connected) return undefined;
  const { session } = connected;
  let chosen = name;
  if (chosen === undefined) {
    const stored = await session.rest.call('recordings.listStored', {});
    if (stored.length === 0) throw new CommandError(`${session.name} has no stored recordings.`);
    chosen = (await ctx.ui.pick(stored.map((r) => ({ label: r.name, description: r.format })), { placeHolder: 'Delete which stored recording?' }))?.label;
    if (chosen === undefined) return undefined;
    if ((await ctx.ui.warn(`Delete the stored recording "${chosen}"?`, { modal: true, detail: 'Its file is removed from Asterisk.' }, 'Delete')) !== 'Delete') return undefined;
  }
  await session.rest.call('recordings.deleteStored', { recordingName: chosen });
  return { ok: true, value: chosen };
}

async function askRecording(ctx: CommandContext): Promise<NewRecording | undefined> {
  const name = await ctx.ui.input({ title: 'Record (1/5)', prompt: 'Its name: the stored recording it becomes (letters, digits, - _ and /)', value: `stasis-${new Date().toISOString().replace(/[:.]/g, '-')}`, ignoreFocusOut: true, validateInput: recordingNameProblem });
  if (name === undefined) return undefined;
  const format = (await ctx.ui.pick(FORMATS.map((label) => ({ label })), { placeHolder: 'Record (2/5): in which format?' }))?.label;
  if (format === undefined) return undefined;
  const seconds = await ctx.ui.input({ title: 'Record (3/5)', prompt: 'At most how many seconds (0: until stopped)', value: '0', ignoreFocusOut: true, validateInput: (v) => (/^\d+$/.test(v.trim()) ? undefined : 'A whole number of seconds, 0 for no limit.') });
  if (seconds === undefined) return undefined;
  const end = (await ctx.ui.pick(CHANNELS_RECORD_TERMINATE_ON_VALUES.map((label) => ({ label, description: TERMINATE[label] })), { placeHolder: 'Record (4/5): which DTMF ends it?' }))?.label;
  if (end === undefined) return undefined;
  const beep = (await ctx.ui.pick([{ label: 'Beep', description: 'a beep plays as it starts' }, { label: 'No beep' }], { placeHolder: 'Record (5/5): beep first?' }))?.label;
  if (beep === undefined) return undefined;
  return { name: name.trim(), format, maxDurationSeconds: Number(seconds.trim()), beep: beep === 'Beep', terminateOn: end };
}

export function recordingNameProblem(value: string): string | undefined {
  return /^[A-Za-z0-9_\-/]+$/.test(value.trim()) && !value.includes('..') ? undefined : 'Use letters, digits, "-", "_" and "/" (no ".."): the name is a file under Asterisk\'s recordings folder.';
}

function report(ctx: CommandContext, session: ServerSession, what: string, outcome: MediaOutcome): void {
  const line = `[${session.name}] ${what}`;
  if (outcome.kind === 'done') return ctx.log.info(`${line}: saved${outcome.durationSeconds !== undefined ? ` (${outcome.durationSeconds} s)` : ''}; play it with Play Media → Recording…`);
  if (outcome.kind === 'discarded') return ctx.log.info(`${line}: discarded`);
  const message =
    outcome.kind === 'failed'
      ? `${line} failed: ${outcome.cause ?? 'Asterisk gave no cause'}.${outcome.cause === 'Cannot record channel while in bridge' ? ' Record the bridge instead, or take the channel out of it first.' : ''}`
      : outcome.kind === 'neverStarted'
        ? `${line} never started: still queued after ${outcome.waitedMs / 1000} s.`
        : `${line} ended early: the channel hung up before it was stopped.`;
  ctx.log.warn(message);
  void ctx.ui.warn(message, {});
}
