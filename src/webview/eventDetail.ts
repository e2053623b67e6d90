// The selected event in the detail pane: its type, copy JSON, its channel's journey, its payload as a tree.
import type { EventRow } from '../inspector/protocol';
import type { DetailContext } from './detailContext';
import { el, iconButton } from './dom';
import { journeyButtons } from './journeyView';
import { jsonTreeElement } from './jsonTreeView';

export function eventDetail(row: EventRow, ctx: DetailContext): HTMLElement[] {
  const header = el('div', 'detail-header');
  header.append(el('h2', undefined, `#${row.id} ${row.type}`));
  const copyJson = iconButton('copy', 'Copy JSON', 'Copy the whole payload as JSON');
  copyJson.addEventListener('click', () => ctx.post({ type: 'copy', text: JSON.stringify(row.event, null, 2) }));
  header.append(copyJson, ...journeyButtons(row, ctx));
  return [header, jsonTreeElement(row.event, ctx)];
}
