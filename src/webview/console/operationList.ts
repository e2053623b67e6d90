// The operations, grouped by resource, filtered by what is typed in the search box.
import type { OperationView } from '../../console/protocol';
import { el } from '../dom';

/** Whether every word typed appears in the operation's id, method, path or summary. */
export function matches(op: OperationView, search: string): boolean {
  const text = `${op.id} ${op.method} ${op.path} ${op.summary}`.toLowerCase();
  return search.toLowerCase().split(/\s+/).filter(Boolean).every((word) => text.includes(word));
}

export function renderOperationList(list: HTMLElement, operations: readonly OperationView[], search: string, selected: string | undefined, pick: (id: string) => void): void {
  list.replaceChildren();
  let resource = '';
  const shown = operations.filter((op) => matches(op, search));
  for (const op of shown) {
    if (op.resource !== resource) {
      resource = op.resource;
      list.append(el('div', 'resource', resource));
    }
    const item = el('div', `op${op.id === selected ? ' selected' : ''}`);
    item.setAttribute('role', 'option');
    item.setAttribute('aria-selected', String(op.id === selected));
    item.dataset.operation = op.id;
    item.tabIndex = 0;
    item.title = `${op.id}: ${op.summary}`;
    item.append(el('span', `method ${op.method}`, op.method), el('span', 'path', ` ${op.path}`), el('span', 'hint', ` ${op.id.slice(op.resource.length + 1)}`));
    item.addEventListener('click', () => pick(op.id));
    item.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') pick(op.id);
    });
    list.append(item);
  }
  if (shown.length === 0) list.append(el('div', 'hint', `No operation matches "${search}".`));
}
