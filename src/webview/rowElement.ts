// One line of the timeline's virtual list: an event, or a REST exchange of a traced app. Every
// part is network text (caller names, paths, reasons) and goes in as text.
import { exchangeLine } from '../inspector/exchangeText';
import type { ExchangeRow, TimelineRow } from '../inspector/protocol';
import { el, icon } from './dom';

export const ROW_HEIGHT = 22;

export function rowElement(row: TimelineRow, index: number, selected: boolean): HTMLElement {
  const node = el('div', `row ${row.kind}${row.failure ? ' failure' : ''}${selected ? ' selected' : ''}`);
  node.style.top = `${index * ROW_HEIGHT}px`;
  node.setAttribute('role', 'option');
  node.setAttribute('aria-selected', String(selected));
  node.dataset.id = String(row.id);
  const lead = [el('span', 'time', new Date(row.at).toISOString().slice(11, 23)), el('span', 'server', row.serverName), el('span', 'app', row.application), ...(row.failure ? [icon('error')] : [])];
  if (row.kind === 'event') {
    node.setAttribute('aria-label', `${row.type} in ${row.application} on ${row.serverName}: ${row.summary}`);
    node.append(...lead, el('span', 'type', row.type), el('span', 'channel', row.channelName), el('span', 'summary', row.summary));
  } else {
    node.setAttribute('aria-label', `REST exchange on ${row.serverName}: ${row.summary}`);
    node.append(...lead, ...exchangeParts(row));
  }
  return node;
}

/** "POST channels/1234/move?app=x → 204 (3.1 ms)", in parts the stylesheet can tell apart. */
function exchangeParts(row: ExchangeRow): HTMLElement[] {
  const line = exchangeLine(row.exchange);
  return [icon('arrow-swap'), el('span', 'method', line.method), el('span', 'path', line.path), el('span', 'status', `→ ${line.answer}`), el('span', 'duration', `(${line.duration})`)];
}
