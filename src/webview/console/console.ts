// The ARI console's page script. It shows what the host sends and sends back what the user typed;
// the host reads and checks the forms (src/console/OperationForm.ts), so the page holds no rules.
import type { Completions } from '../../console/completionKind';
import type { FieldInput, FormInputs } from '../../console/OperationForm';
import { isConsoleHostMessage, type AnswerView, type CausedEventView, type ConsoleHostMessage, type ConsoleWebviewMessage, type OperationView } from '../../console/protocol';
import { byId, el } from '../dom';
import { answerElement, sendingElement, type AnswerHost } from './answerView';
import { markWrong, renderFields } from './fieldsView';
import { renderHistory } from './historyView';
import { matches, renderOperationList } from './operationList';

interface SavedState {
  operationId?: string;
  search: string;
  /** What was typed, per operation, so that going back to one finds it as it was left. */
  inputs: Record<string, FormInputs>;
  /** Ids a tree item gave (Run Operation…), filled into whichever operation is picked. */
  sticky: FormInputs;
  expanded: string[];
}

declare function acquireVsCodeApi(): { postMessage(message: ConsoleWebviewMessage): void; getState(): SavedState | undefined; setState(state: SavedState): void };
const vscode = acquireVsCodeApi();
const state: SavedState = { search: '', inputs: {}, sticky: {}, expanded: [], ...vscode.getState() };
const expanded = new Set(state.expanded);
let operations: readonly OperationView[] = [];
let completions: Completions = {};
let readInputs: () => Record<string, FieldInput> = () => ({});
let draftSeq = 0;
let draftTimer: ReturnType<typeof setTimeout> | undefined;
let current: { key: number; answer?: AnswerView; caused: CausedEventView[]; shownEvent?: number } | undefined;

const post = (message: ConsoleWebviewMessage) => vscode.postMessage(message);
const persist = () => vscode.setState({ ...state, expanded: [...expanded] });
const operation = () => operations.find((op) => op.id === state.operationId);
const answerHost: AnswerHost = { expanded, post, persist, rerender: () => renderAnswer(), openInspector: (channelId) => post({ type: 'openInspector', ...(channelId ? { channelId } : {}) }) };

const search = byId<HTMLInputElement>('search');
const form = byId<HTMLFormElement>('fields');
const problem = byId('problem');
const answer = byId('answer');
search.value = state.search;

function renderList(): void {
  renderOperationList(byId('operation-list'), operations, state.search, state.operationId, pick);
}

function pick(id: string): void {
  saveInputs();
  state.operationId = id;
  current = undefined;
  answer.replaceChildren();
  byId('snippet').hidden = true;
  renderList();
  renderOperation();
  persist();
}

function saveInputs(): void {
  if (state.operationId) state.inputs[state.operationId] = readInputs();
}

function renderOperation(): void {
  const op = operation();
  byId('empty').hidden = op !== undefined;
  byId('operation').hidden = op === undefined;
  if (!op) return;
  const method = byId('op-method');
  method.textContent = op.method;
  method.className = `method ${op.method}`;
  byId('op-path').textContent = `/ari${op.path}`;
  byId('op-summary').textContent = `${op.summary}${op.destructive ? ' (asks before sending: it cannot be undone)' : ''}`;
  const errors = op.errorResponses.map((e) => `${e.code} ${e.reason.replace(/\.$/, '')}`).join('; ');
  const answers = op.responseClass === 'void' ? 'Answers with no body' : `Answers ${op.responseClass}`;
  byId('op-notes').textContent = [op.notes, `${answers}${errors ? `; errors: ${errors}` : ''}.`].filter(Boolean).join(' ');
  // What the tree item gave wins over what was typed before: it is what the user just picked.
  const stickyHere = Object.fromEntries(Object.entries(state.sticky).filter(([name]) => op.fields.some((f) => f.name === name)));
  readInputs = renderFields(form, op.fields, { ...state.inputs[op.id], ...stickyHere }, () => completions, { changed: draft });
  byId<HTMLButtonElement>('send').disabled = op.upgrade;
  draft();
}

/** Asks the host to read the form as it is now; only the newest reading is shown. */
function draft(): void {
  clearTimeout(draftTimer);
  draftTimer = setTimeout(() => {
    const op = operation();
    if (!op) return;
    saveInputs();
    persist();
    post({ type: 'draft', seq: ++draftSeq, operationId: op.id, inputs: readInputs() });
  }, 120);
}

function send(via: 'http' | 'websocket'): void {
  const op = operation();
  if (!op) return;
  saveInputs();
  persist();
  post({ type: 'send', operationId: op.id, inputs: readInputs(), via });
}

function renderAnswer(): void {
  if (!current?.answer) return;
  answer.replaceChildren(answerElement(current.answer, current.caused, current.shownEvent, answerHost, (logId) => {
    if (current) current.shownEvent = logId;
    renderAnswer();
  }));
}

function receive(message: ConsoleHostMessage): void {
  switch (message.type) {
    case 'server': {
      const select = byId<HTMLSelectElement>('server');
      // Ids of one server's items mean nothing on another.
      if (select.value !== '' && select.value !== message.server.id) state.sticky = {};
      select.replaceChildren(...message.servers.map((s) => Object.assign(el('option', undefined, s.name), { value: s.id })));
      select.value = message.server.id;
      byId('read-only').hidden = message.server.readOnly !== true;
      const ws = byId<HTMLButtonElement>('send-ws');
      ws.disabled = !message.server.overWebSocket.possible;
      ws.title = message.server.overWebSocket.why;
      const copyAs = byId<HTMLSelectElement>('copy-as');
      copyAs.replaceChildren(Object.assign(el('option', undefined, 'Copy as…'), { value: '' }), ...message.snippets.map((s) => Object.assign(el('option', undefined, s.label), { value: s.id })));
      return;
    }
    case 'catalogue': {
      const c = message.catalogue;
      operations = c.operations;
      byId('source').textContent = c.source === 'server' ? `${c.operations.length} operations from the server's own spec (ARI ${c.apiVersion})` : `${c.operations.length} operations from the bundled spec (ARI ${c.apiVersion}): ${c.fallbackReason ?? ''}`;
      byId('source').title = c.skipped.length > 0 ? `Left out: ${c.skipped.join(' ')}` : '';
      renderList();
      renderOperation();
      return;
    }
    case 'open':
      if (message.operationId === undefined) {
        state.sticky = message.inputs;
        state.search = message.search ?? '';
        search.value = state.search;
        const shown = operation();
        if (shown && !matches(shown, state.search)) state.operationId = undefined;
        renderList();
        renderOperation();
      } else {
        state.sticky = {};
        state.inputs[message.operationId] = message.inputs;
        state.operationId = undefined;
        pick(message.operationId);
        byId<HTMLElement>('request').scrollTop = 0;
      }
      persist();
      return;
    case 'completions':
      // The suggestion lists read them when shown: the form is not drawn again under the user's hands.
      completions = message.completions;
      return;
    case 'reading':
      if (message.seq !== draftSeq) return;
      byId('uri').textContent = message.uri ?? '';
      problem.textContent = message.message ?? '';
      markWrong(form, message.field);
      return;
    case 'sending':
      current = { key: message.key, caused: [] };
      problem.textContent = '';
      answer.replaceChildren(sendingElement(message.via, message.uri));
      return;
    case 'answer':
      if (current?.key !== message.answer.key) return;
      current.answer = message.answer;
      renderAnswer();
      return;
    case 'caused':
      if (current?.key !== message.caused.key) return;
      current.caused.push(message.caused);
      renderAnswer();
      return;
    case 'failed':
      problem.textContent = message.message;
      markWrong(form, message.field);
      if (message.key !== undefined && current?.key === message.key) answer.replaceChildren(el('div', 'status-line failure', 'No answer.'));
      return;
    case 'snippet':
      byId('snippet').hidden = false;
      byId('snippet-title').textContent = `Copied as ${message.label}:`;
      byId('snippet-text').textContent = message.text;
      byId('snippet').dataset.format = message.format;
      return;
    case 'history':
      renderHistory(byId('history-list'), message.entries, (action, id) => post({ type: 'historyAction', action, id }));
      return;
  }
}

search.addEventListener('input', () => {
  state.search = search.value;
  renderList();
  persist();
});
byId('server').addEventListener('change', (e) => post({ type: 'selectServer', serverId: (e.target as HTMLSelectElement).value }));
byId('send').addEventListener('click', () => send('http'));
byId('send-ws').addEventListener('click', () => send('websocket'));
byId('save-http').addEventListener('click', () => {
  const op = operation();
  if (op) post({ type: 'saveHttp', operationId: op.id, inputs: readInputs() });
});
byId<HTMLSelectElement>('copy-as').addEventListener('change', (e) => {
  const select = e.target as HTMLSelectElement;
  const op = operation();
  const format = select.value as Extract<ConsoleWebviewMessage, { type: 'copyAs' }>['format'] | '';
  select.value = '';
  if (op && format) post({ type: 'copyAs', operationId: op.id, inputs: readInputs(), format });
});
byId('clear-history').addEventListener('click', () => post({ type: 'historyAction', action: 'clear' }));
document.addEventListener('keydown', (e) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) send('http');
  else if (e.key === '/' && document.activeElement === document.body) {
    e.preventDefault();
    search.focus();
  }
});
window.addEventListener('message', (e: MessageEvent<unknown>) => {
  if (isConsoleHostMessage(e.data)) receive(e.data);
});
post({ type: 'ready' });
