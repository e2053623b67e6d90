// An answer as the console shows it: status, duration, headers, the body as the inspector's JSON
// tree (or as text), the spec's reason and our explanation, and the events the request caused.
import type { AnswerView, CausedEventView } from '../../console/protocol';
import { el } from '../dom';
import { jsonTreeElement, type JsonTreeContext } from '../jsonTreeView';

export interface AnswerHost extends JsonTreeContext {
  openInspector(channelId: string | undefined): void;
}

export function sendingElement(via: AnswerView['via'], uri: string): HTMLElement {
  return el('div', 'status-line', `Sending ${uri}${via === 'websocket' ? ' over the events WebSocket' : ''}…`);
}

export function answerElement(answer: AnswerView, caused: readonly CausedEventView[], shownEvent: number | undefined, host: AnswerHost, select: (logId: number | undefined) => void): HTMLElement {
  const box = el('div', 'answer');
  const failure = answer.status >= 400;
  const line = el('div', `status-line${failure ? ' failure' : ''}`, `${answer.status} ${answer.statusMessage} · ${answer.durationMs.toFixed(1)} ms${answer.via === 'websocket' ? ' · over WebSocket (RESTResponse)' : ''}`);
  line.dataset.status = String(answer.status);
  box.append(line);
  if (answer.explanation) {
    const why = el('div', 'explanation');
    if (answer.explanation.specReason) why.append(el('div', 'spec-reason', `The spec: ${answer.explanation.specReason}.`));
    why.append(el('div', 'ours', answer.explanation.explanation));
    box.append(why);
  }
  if (answer.headers.length > 0) {
    const headers = el('details', 'headers');
    headers.append(el('summary', undefined, `Headers (${answer.headers.length})`), ...answer.headers.map(([name, value]) => el('div', 'header', `${name}: ${value}`)));
    box.append(headers);
  }
  if (answer.body !== undefined) box.append(jsonTreeElement(answer.body, host, 'answer:'));
  else if (answer.text !== '') box.append(el('pre', 'answer-text', answer.text));
  else box.append(el('div', 'hint', 'No body.'));
  box.append(causedElement(caused, shownEvent, host, select));
  return box;
}

function causedElement(caused: readonly CausedEventView[], shownEvent: number | undefined, host: AnswerHost, select: (logId: number | undefined) => void): HTMLElement {
  const section = el('section', 'caused');
  section.append(el('h3', undefined, caused.length === 0 ? 'Events it caused: none yet' : `Events it caused (${caused.length})`));
  const list = el('ul');
  for (const c of caused) {
    const item = el('li', undefined, `${new Date(c.receivedAt).toLocaleTimeString()} ${c.type}${c.application ? ` · ${c.application}` : ''}${c.channelId ? ` · ${c.channelId}` : ''}`);
    item.dataset.type = c.type;
    item.tabIndex = 0;
    item.addEventListener('click', () => select(shownEvent === c.logId ? undefined : c.logId));
    list.append(item);
    if (shownEvent === c.logId) {
      const open = el('button', 'mini-button', 'Show in Event Inspector');
      open.type = 'button';
      open.addEventListener('click', () => host.openInspector(c.channelId));
      const detail = el('li', 'event-detail');
      detail.append(open, jsonTreeElement(c.event, host, `event${c.logId}:`));
      list.append(detail);
    }
  }
  section.append(list);
  return section;
}
