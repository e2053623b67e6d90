// The server's history: newest first, pinned on top; each entry can be sent again, edited, pinned or removed.
import type { HistoryEntry } from '../../console/ConsoleHistory';
import type { ConsoleWebviewMessage } from '../../console/protocol';
import { el, iconButton } from '../dom';

type Action = Extract<ConsoleWebviewMessage, { type: 'historyAction' }>['action'];

export function renderHistory(list: HTMLElement, entries: readonly HistoryEntry[], act: (action: Action, id: number) => void): void {
  list.replaceChildren();
  if (entries.length === 0) list.append(el('li', 'hint', 'Requests you send are kept here.'));
  for (const entry of entries) {
    const item = el('li');
    item.dataset.entry = String(entry.id);
    const line = el('div', 'entry', `${entry.pinned ? '📌 ' : ''}${entry.operationId}`);
    line.title = 'Edit: open it in the form';
    line.addEventListener('click', () => act('edit', entry.id));
    const status = entry.status === undefined ? 'no answer' : String(entry.status);
    const meta = el('div', 'meta', `${new Date(entry.at).toLocaleString()} · ${status}${entry.durationMs !== undefined ? ` · ${entry.durationMs} ms` : ''}${entry.via === 'websocket' ? ' · WebSocket' : ''}`);
    const rerun = iconButton('debug-rerun', 'Re-run', `Send ${entry.operationId} again`, 'mini-button');
    rerun.addEventListener('click', () => act('rerun', entry.id));
    const pin = iconButton(entry.pinned ? 'pinned' : 'pin', entry.pinned ? 'Unpin' : 'Pin', entry.pinned ? 'Unpin it: Clear may forget it then' : 'Pin it: Clear keeps it', 'mini-button');
    pin.addEventListener('click', () => act(entry.pinned ? 'unpin' : 'pin', entry.id));
    const remove = iconButton('close', 'Remove', 'Remove it from the history', 'mini-button');
    remove.addEventListener('click', () => act('remove', entry.id));
    item.append(line, meta, rerun, pin, remove);
    list.append(item);
  }
}
