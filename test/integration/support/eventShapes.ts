import type { AriEvent } from '../../../src/ari/generated/ariTypes';

/**
 * What an app received, in a form two runs of one scenario can be compared in: per app and per
 * channel leg, the sequence of events as "Type detail" (the state, args, destination, variable…
 * that the app acts on), with the run's own names (app names, channel ids) replaced by roles.
 *
 * Why grouped: Asterisk interleaves the events of a Local channel's two legs, and of two apps, in
 * a different order from run to run (a move's StasisEnd and StasisStart are on two apps' topics,
 * docs/ari-behaviour.md#move-ordering), while each leg's events to one app keep their order
 * (seen stable over repeated direct runs). So the same app on the same Asterisk gets the same
 * groups, and a lost, duplicated, altered or reordered frame changes one.
 */
export function shapesByLeg(events: readonly AriEvent[], role: (name: string) => string): Record<string, string[]> {
  const groups: Record<string, string[]> = {};
  for (const event of events) {
    const e = event as AriEvent & Record<string, unknown>;
    const leg = (e.channel ?? e.peer) as { id: string; state: string } | undefined;
    const key = `${role(event.application)} ${leg ? role(leg.id) : '-'}`;
    (groups[key] ??= []).push(shapeOf(e, leg?.state, role));
  }
  return groups;
}

function shapeOf(e: Record<string, unknown>, state: string | undefined, role: (name: string) => string): string {
  const parts: string[] = [String(e.type)];
  if (e.type === 'ChannelStateChange') parts.push(`state=${state}`);
  if (e.type === 'ChannelDialplan') parts.push(`app=${String(e.dialplan_app)}`);
  if (e.type === 'ChannelVarset') parts.push(`${String(e.variable)}=${String(e.value)}`);
  if (e.type === 'Dial') parts.push(`dialstatus=${String(e.dialstatus)}`);
  if (e.type === 'ChannelDestroyed' || e.type === 'ChannelHangupRequest') parts.push(`cause=${String(e.cause)}${e.soft ? ' soft' : ''}`);
  if (Array.isArray(e.args)) parts.push(`args=${JSON.stringify(e.args)}`);
  if (typeof e.destination === 'string') parts.push(`destination=${role(e.destination)}`);
  return parts.join(' ');
}

/** Replaces each of a run's own names in a text by its role (longest first, so no name is cut). */
export function roleMap(names: Record<string, string>): (text: string) => string {
  const entries = Object.entries(names).sort((a, b) => b[0].length - a[0].length);
  return (text) => {
    let out = text;
    for (const [name, role] of entries) out = out.split(name).join(role);
    return out;
  };
}
