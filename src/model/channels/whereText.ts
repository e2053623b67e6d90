import type { ChannelView } from '../stores/ChannelStore';

const SOURCE: Record<NonNullable<ChannelView['knownFrom']>, string> = {
  events: "from our own app's events",
  listing: "from the server's listing of apps (GET /applications): Asterisk tells no one else of another client's moves",
  dialplan: 'from the dialplan: it started Stasis() there; the listing has not confirmed it yet',
};

/**
 * Where a channel is and how we know, for a tooltip: which app holds it now, and which it entered
 * first, which `dialplan.app_data` still names after a move (docs/ari-behaviour.md#move).
 */
export function whereText(channel: ChannelView): string[] {
  const lines: string[] = [];
  if (channel.stasisApp) {
    lines.push(`In app: ${channel.stasisApp} with args [${channel.args.join(', ')}] (${SOURCE[channel.knownFrom ?? 'listing']})`);
  } else {
    lines.push(channel.subscribedApps.size > 0 ? `Not inside Stasis(); subscribed to ${[...channel.subscribedApps].join(', ')}` : 'Not inside a Stasis app');
  }
  const { app_name, app_data } = channel.snapshot.dialplan;
  if (app_name === 'Stasis') {
    const first = app_data.split(',')[0];
    if (channel.stasisApp && first !== channel.stasisApp) lines.push(`Entered first: ${first} (dialplan app_data still says Stasis(${app_data}): Asterisk does not update it on a move)`);
    else lines.push(`Entered by: Stasis(${app_data})`);
  }
  return lines;
}
