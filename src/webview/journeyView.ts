// A channel's journey across applications, as the host worked it out, and the button that asks for one.
import type { JourneyView, TimelineRow } from '../inspector/protocol';
import type { DetailContext } from './detailContext';
import { el, icon, iconButton } from './dom';

export function journeyElement(j: JourneyView, ctx: DetailContext): HTMLElement {
  const box = el('section', 'journey');
  const title = el('h2');
  title.append(icon('milestone'), el('span', undefined, ` Journey of ${j.channelName} (${j.channelId}) on ${j.serverName}`));
  box.append(title);
  const steps = el('ol');
  for (const step of j.steps) steps.append(el('li', undefined, step));
  box.append(steps);
  const close = iconButton('close', 'Close journey', 'Close the journey');
  close.addEventListener('click', () => ctx.closeJourney());
  box.append(close);
  return box;
}

/** "Channel Journey" for the first channel a row names; none if it names none. */
export function journeyButtons(row: TimelineRow, ctx: DetailContext): HTMLButtonElement[] {
  const channelId = row.channelIds[0];
  if (!channelId) return [];
  const open = iconButton('milestone', 'Channel Journey', `Show the journey of channel ${channelId} across applications`);
  open.addEventListener('click', () => ctx.post({ type: 'openJourney', serverId: row.serverId, channelId }));
  return [open];
}
