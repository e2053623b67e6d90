import type { PlaybacksControlOperation } from '../../ari/generated/ariOperations';
import type { Playback } from '../../ari/generated/ariTypes';
import { bridgeLabel } from '../../model/bridges/bridgeLabel';
import type { MediaOutcome, PlayTarget } from '../../model/media/MediaControl';
import type { ServerSession } from '../../model/session/ServerSession';
import type { CommandContext, CommandResult } from './CommandContext';
import { resolveMediaTarget, type MediaTarget } from './mediaTarget';
import { CommandError, resolveConnected } from './targets';

/** The media URI schemes Asterisk plays (docs/ari-behaviour.md#playbacks), each with how it is picked. */
const KINDS = [
  { label: 'Sound…', description: 'sound:<id>, from the sounds Asterisk has (GET /sounds)', scheme: 'sound' },
  { label: 'Tone…', description: 'tone:<name>: ring, busy, congestion, dial, … or a tone string', scheme: 'tone' },
  { label: 'Digits…', description: 'digits:<digits>, said one by one', scheme: 'digits' },
  { label: 'Number…', description: 'number:<n>, said as a number', scheme: 'number' },
  { label: 'Recording…', description: 'recording:<name>, one of the stored recordings', scheme: 'recording' },
  { label: 'Media URI…', description: 'any media URI, typed (several: separated by commas)', scheme: '' },
] as const;

const MEDIA_URI = /^(sound|tone|digits|number|recording|characters):\S+$/;

/** Play Media on a channel or a bridge; how the playback ends is reported when it does (failed, never started, cut short: at warn). */
export async function playMedia(ctx: CommandContext, target?: Partial<MediaTarget>, given?: { media: string[]; lang?: string }): Promise<CommandResult<{ playback: Playback; outcome: Promise<MediaOutcome> }>> {
  const on = await resolveMediaTarget(ctx, target);
  if (!on) return undefined;
  const { session, target: playTarget } = on;
  const media = given?.media ?? (await pickMedia(ctx, session));
  if (!media || media.length === 0) return undefined;
  const { playback, outcome } = await session.media.play(playTarget, media, given?.lang);
  const where = targetName(session, playTarget);
  ctx.log.info(`[${session.name}] playing ${media.join(', ')} on ${where} (playback ${playback.id})`);
  void outcome.then((o) => report(ctx, session, `${media.join(', ')} on ${where}`, o));
  return { ok: true, value: { playback, outcome } };
}

/** Stop Playback: of what plays on the channel or bridge, picked if several. */
export async function stopPlayback(ctx: CommandContext, target?: Partial<MediaTarget>): Promise<CommandResult<string>> {
  const chosen = await pickPlayback(ctx, target, 'Stop');
  if (!chosen) return undefined;
  await chosen.session.media.stop({ playbackId: chosen.playback.id });
  return { ok: true, value: chosen.playback.id };
}

/** Pause, Resume (unpause) or Restart Playback: the spec's `playbacks.control` operations. */
export async function controlPlayback(ctx: CommandContext, target: Partial<MediaTarget> | undefined, operation: PlaybacksControlOperation): Promise<CommandResult<string>> {
  const chosen = await pickPlayback(ctx, target, operation === 'unpause' ? 'Resume' : operation[0].toUpperCase() + operation.slice(1));
  if (!chosen) return undefined;
  await chosen.session.rest.call('playbacks.control', { playbackId: chosen.playback.id, operation });
  return { ok: true, value: chosen.playback.id };
}

export const pausePlayback = (ctx: CommandContext, target?: Partial<MediaTarget>) => controlPlayback(ctx, target, 'pause');
export const resumePlayback = (ctx: CommandContext, target?: Partial<MediaTarget>) => controlPlayback(ctx, target, 'unpause');
export const restartPlayback = (ctx: CommandContext, target?: Partial<MediaTarget>) => controlPlayback(ctx, target, 'restart');

async function pickPlayback(ctx: CommandContext, target: Partial<MediaTarget> | undefined, verb: string): Promise<{ session: ServerSession; playback: Playback } | undefined> {
  const connected = await resolveConnected(ctx, target);
  if (!connected) return undefined;
  const { session } = connected;
  const targets = target?.bridgeId ? [`bridge:${target.bridgeId}`] : target?.channelId ? [`channel:${target.channelId}`] : undefined;
  const playing = targets ? targets.flatMap((t) => session.model.playbacks.on(t)) : [...session.model.playbacks.all];
  if (playing.length === 0) throw new CommandError(`Nothing plays ${targets ? 'there' : `on ${session.name}`} now (only our apps' playbacks are known).`);
  const playback = playing.length === 1 ? playing[0] : (await ctx.ui.pick(playing.map((p) => ({ label: p.media_uri, description: p.target_uri, detail: p.id, playback: p })), { placeHolder: `${verb} which playback?` }))?.playback;
  return playback ? { session, playback } : undefined;
}

async function pickMedia(ctx: CommandContext, session: ServerSession): Promise<string[] | undefined> {
  const kind = await ctx.ui.pick(KINDS, { placeHolder: 'Play what?' });
  if (!kind) return undefined;
  if (kind.scheme === 'sound') {
    const sounds = await session.rest.call('sounds.list', {});
    if (sounds.length === 0) throw new CommandError(`${session.name} has no sounds installed (GET /sounds is empty). Install a sounds package, or play a tone.`);
    const items = sounds.map((s) => ({ label: s.id, description: [...new Set(s.formats.map((f) => f.language))].join(', ') })).sort((a, b) => a.label.localeCompare(b.label));
    const sound = await ctx.ui.pick(items, { placeHolder: 'Which sound? (its languages beside it; the channel\'s own language is played)', matchOnDescription: true });
    return sound ? [`sound:${sound.label}`] : undefined;
  }
  if (kind.scheme === 'recording') {
    const stored = await session.rest.call('recordings.listStored', {});
    if (stored.length === 0) throw new CommandError(`${session.name} has no stored recordings yet.`);
    const recording = await ctx.ui.pick(stored.map((r) => ({ label: r.name, description: r.format })), { placeHolder: 'Which recording?' });
    return recording ? [`recording:${recording.label}`] : undefined;
  }
  const typed = await ctx.ui.input({ title: `Play ${kind.label.replace('…', '')}`, prompt: kind.description, ignoreFocusOut: true, validateInput: (v) => mediaProblem(kind.scheme, v) });
  if (typed === undefined) return undefined;
  return kind.scheme === '' ? typed.split(',').map((m) => m.trim()) : [`${kind.scheme}:${typed.trim()}`];
}

/** What is wrong with what was typed for a scheme ('' for whole URIs), or undefined. */
export function mediaProblem(scheme: string, value: string): string | undefined {
  const v = value.trim();
  if (v === '') return 'Type something to play.';
  if (scheme === 'digits' && !/^[0-9*#A-Da-d]+$/.test(v)) return 'Digits are 0-9, *, # and A-D.';
  if (scheme === 'number' && !/^-?\d+$/.test(v)) return 'A number: digits, perhaps with a minus sign.';
  if (scheme === '') {
    const bad = v.split(',').map((m) => m.trim()).find((m) => !MEDIA_URI.test(m));
    if (bad !== undefined) return `"${bad}" is not a media URI: write sound:, tone:, digits:, number:, recording: or characters: and what to play, e.g. sound:hello-world.`;
  }
  return undefined;
}

function targetName(session: ServerSession, target: PlayTarget): string {
  if ('channelId' in target) return session.model.channels.get(target.channelId)?.snapshot.name ?? target.channelId;
  const bridge = session.model.bridges.get(target.bridgeId);
  return `bridge ${bridge ? bridgeLabel(bridge) : target.bridgeId}`;
}

function report(ctx: CommandContext, session: ServerSession, what: string, outcome: MediaOutcome): void {
  const line = `[${session.name}] playback of ${what}`;
  switch (outcome.kind) {
    case 'done':
    case 'stopped':
    case 'discarded':
      ctx.log.info(`${line}: ${outcome.kind === 'done' ? 'played to its end' : 'stopped'}`);
      return;
    case 'failed':
      return warn(ctx, `${line} failed: Asterisk could not play it (no such sound in the channel's language, or media it cannot read). Its log (messages file) names the file it looked for.`);
    case 'neverStarted':
      return warn(ctx, `${line} never started: still queued after ${outcome.waitedMs / 1000} s (something else plays on it first, or it is not answered).`);
    case 'targetGone':
      return warn(ctx, `${line} ended early: the channel hung up before it finished.`);
  }
}

function warn(ctx: CommandContext, message: string): void {
  ctx.log.warn(message);
  void ctx.ui.warn(message, {});
}
