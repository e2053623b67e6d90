// The inspector's detail pane: the journey of a channel, and the payload of the selected event as
// a collapsible JSON tree with copy value / copy path / copy JSON.
import { jsonTreeRows, valueAt } from '../inspector/JsonTree';
import type { EventRow, JourneyView, WebviewMessage } from '../inspector/protocol';
import { el, icon, iconButton } from './dom';

export interface DetailContext {
  /** Paths of the JSON tree's open nodes; kept by the page, so they survive reloads. */
  readonly expanded: Set<string>;
  post(message: WebviewMessage): void;
  rerender(): void;
  persist(): void;
  closeJourney(): void;
}

/** The detail pane: the open journey, if any, then the selected event's payload as a JSON tree with copy buttons. */
export function renderDetailPane(detail: HTMLElement, row: EventRow | undefined, journey: JourneyView | undefined, ctx: DetailContext): void {
  const { expanded, post } = ctx;
  detail.replaceChildren();
  if (journey) detail.append(journeyElement(journey, ctx));
  if (!row) {
    if (!journey) detail.append(el('p', 'hint', 'Select an event to see its payload. ↑/↓ move, Enter opens, / searches.'));
    return;
  }
  const header = el('div', 'detail-header');
  header.append(el('h2', undefined, `#${row.id} ${row.type}`));
  const copyJson = iconButton('copy', 'Copy JSON', 'Copy the whole payload as JSON');
  copyJson.addEventListener('click', () => post({ type: 'copy', text: JSON.stringify(row.event, null, 2) }));
  header.append(copyJson);
  if (row.channelIds[0]) {
    const open = iconButton('milestone', 'Channel Journey', `Show the journey of channel ${row.channelIds[0]} across applications`);
    open.addEventListener('click', () => post({ type: 'openJourney', serverId: row.serverId, channelId: row.channelIds[0] }));
    header.append(open);
  }
  detail.append(header);
  const tree = el('div', 'json');
  tree.setAttribute('role', 'tree');
  for (const item of jsonTreeRows(row.event, expanded)) {
    const line = el('div', `json-row ${item.kind}`);
    line.setAttribute('role', 'treeitem');
    line.style.paddingLeft = `${item.depth * 14 + 4}px`;
    const twisty = el('span', 'twisty');
    if (item.expandable) twisty.append(icon(expanded.has(item.path) ? 'chevron-down' : 'chevron-right'));
    if (item.expandable) {
      line.setAttribute('aria-expanded', String(expanded.has(item.path)));
      twisty.addEventListener('click', () => {
        if (expanded.has(item.path)) expanded.delete(item.path);
        else expanded.add(item.path);
        ctx.rerender();
        ctx.persist();
      });
    }
    const copyValue = iconButton('copy', 'value', `Copy the value of ${item.path}`, 'mini');
    copyValue.addEventListener('click', () => {
      const value = valueAt(row.event, item.path);
      post({ type: 'copy', text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) });
    });
    const copyPath = iconButton('symbol-key', 'path', `Copy the path ${item.path}`, 'mini');
    copyPath.addEventListener('click', () => post({ type: 'copy', text: item.path }));
    line.append(twisty, el('span', 'key', item.key), el('span', 'value', item.preview), copyValue, copyPath);
    tree.append(line);
  }
  detail.append(tree);
}

function journeyElement(j: JourneyView, ctx: DetailContext): HTMLElement {
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
