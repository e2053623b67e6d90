// The Event Inspector webview: a virtual list of events, filters, a JSON tree of the selected
// payload, and channel journeys. Everything from a payload is put in the page with textContent:
// caller names, variables and user events come from the network and may hold markup.
import { compileFilter, narrows, searchTextOf, type InspectorFilter } from '../inspector/InspectorFilter';
import { isHostMessage, type EventRow, type JourneyView, type WebviewMessage } from '../inspector/protocol';
import { renderDetailPane } from './detailPane';
import { el, icon } from './dom';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): SavedState | undefined;
  setState(state: SavedState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface SavedState {
  filter: InspectorFilter;
  follow: boolean;
  selectedId: number | undefined;
  expanded: string[];
  scrollTop: number;
}

const ROW_HEIGHT = 22;
const vscode = acquireVsCodeApi();
const saved = vscode.getState();
let filter: InspectorFilter = saved?.filter ?? {};
let follow = saved?.follow ?? true;
let paused = false;
let selectedId = saved?.selectedId;
const expanded = new Set(saved?.expanded ?? []);
let capacity = 10_000;
let all: EventRow[] = [];
let shown: EventRow[] = [];
let held: EventRow[] = [];
/** A row with its search text, made once. A property, not a WeakMap: 100,000 lookups cost 40–70 ms more. */
type IndexedRow = EventRow & { search?: string };
const textOf = (row: IndexedRow) => (row.search ??= searchTextOf(row.event));
let predicate = compileFilter(filter, textOf);
let journey: JourneyView | undefined;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const list = $<HTMLDivElement>('list');
const spacer = $<HTMLDivElement>('spacer');
const detail = $<HTMLDivElement>('detail');
const count = $<HTMLSpanElement>('count');
const text = $<HTMLInputElement>('text');
const types = $<HTMLSelectElement>('types');
const server = $<HTMLSelectElement>('server');
const application = $<HTMLSelectElement>('application');
const channel = $<HTMLInputElement>('channel');
const failures = $<HTMLInputElement>('failures');
const followBox = $<HTMLInputElement>('follow');
const pauseButton = $<HTMLButtonElement>('pause');

function persist(): void {
  vscode.setState({ filter, follow, selectedId, expanded: [...expanded], scrollTop: list.scrollTop });
}

let appliedFilter: InspectorFilter = filter;

function refilter(): void {
  predicate = compileFilter(filter, textOf);
  // Typing on in the search box only ever removes rows: test the ones still shown.
  shown = (narrows(appliedFilter, filter) ? shown : all).filter(predicate);
  appliedFilter = filter;
  render();
  persist();
}

/**
 * Builds the search text of every row in slices of a few milliseconds between frames, so the
 * first search over the whole buffer does not pay for serialising it.
 */
let indexed = 0;
let indexing: ReturnType<typeof setTimeout> | undefined;
function indexSearchText(): void {
  indexing = undefined;
  const until = performance.now() + 8;
  while (indexed < all.length && performance.now() < until) textOf(all[indexed++]);
  if (indexed < all.length) indexing = setTimeout(indexSearchText, 0);
  else document.body.dataset.searchIndex = 'ready';
}
function indexLater(dropped: number): void {
  indexed = Math.max(0, indexed - dropped);
  document.body.dataset.searchIndex = 'building';
  indexing ??= setTimeout(indexSearchText, 0);
}

function addRows(rows: EventRow[]): void {
  for (const row of rows) all.push(row);
  let dropped = 0;
  if (all.length > capacity) {
    dropped = all.length - capacity;
    all.splice(0, dropped);
  }
  const firstKept = all[0]?.id ?? 0;
  if (dropped > 0) shown = shown.filter((r) => r.id >= firstKept);
  for (const row of rows) if (row.id >= firstKept && predicate(row)) shown.push(row);
  indexLater(dropped);
  updateOptions(rows);
  render();
  if (follow) list.scrollTop = list.scrollHeight;
}

const known = { types: new Set<string>(), servers: new Set<string>(), apps: new Set<string>() };

function updateOptions(rows: EventRow[]): void {
  const add = (set: Set<string>, select: HTMLSelectElement, value: string, selected: boolean, label = value) => {
    if (set.has(value)) return;
    set.add(value);
    const option = el('option', undefined, label);
    option.value = value;
    option.selected = selected;
    select.append(option);
  };
  for (const r of rows) {
    add(known.types, types, r.type, filter.types?.includes(r.type) ?? false);
    add(known.servers, server, r.serverId, filter.server === r.serverId, r.serverName);
    add(known.apps, application, r.application, filter.application === r.application);
  }
}

function render(): void {
  spacer.style.height = `${shown.length * ROW_HEIGHT}px`;
  const first = Math.max(0, Math.floor(list.scrollTop / ROW_HEIGHT) - 5);
  const last = Math.min(shown.length, Math.ceil((list.scrollTop + list.clientHeight) / ROW_HEIGHT) + 5);
  const fragment = document.createDocumentFragment();
  for (let i = first; i < last; i++) fragment.append(rowElement(shown[i], i));
  spacer.replaceChildren(fragment);
  count.textContent = `${shown.length} of ${all.length} events${held.length ? ` · ${held.length} held while paused` : ''}`;
}

function rowElement(row: EventRow, index: number): HTMLElement {
  const node = el('div', `row${row.failure ? ' failure' : ''}${row.id === selectedId ? ' selected' : ''}`);
  node.style.top = `${index * ROW_HEIGHT}px`;
  node.setAttribute('role', 'option');
  node.setAttribute('aria-selected', String(row.id === selectedId));
  node.setAttribute('aria-label', `${row.type} in ${row.application} on ${row.serverName}: ${row.summary}`);
  node.dataset.id = String(row.id);
  node.append(
    el('span', 'time', new Date(row.receivedAt).toISOString().slice(11, 23)),
    el('span', 'server', row.serverName),
    el('span', 'app', row.application),
    ...(row.failure ? [icon('error')] : []),
    el('span', 'type', row.type),
    el('span', 'channel', row.channelName),
    el('span', 'summary', row.summary),
  );
  return node;
}

function select(id: number | undefined, reveal = false): void {
  selectedId = id;
  const index = shown.findIndex((r) => r.id === id);
  if (reveal && index >= 0) {
    const top = index * ROW_HEIGHT;
    if (top < list.scrollTop) list.scrollTop = top;
    else if (top + ROW_HEIGHT > list.scrollTop + list.clientHeight) list.scrollTop = top + ROW_HEIGHT - list.clientHeight;
  }
  render();
  renderDetail();
  persist();
}

function renderDetail(): void {
  renderDetailPane(detail, all.find((r) => r.id === selectedId), journey, {
    expanded,
    post: (message) => vscode.postMessage(message),
    rerender: renderDetail,
    persist,
    closeJourney: () => {
      journey = undefined;
      renderDetail();
    },
  });
}

/** While a capture is open, say so: its events are not the live ones. */
function showSource(source: string): void {
  const capture = source !== 'live';
  $<HTMLSpanElement>('source').hidden = !capture;
  $<HTMLSpanElement>('source-name').textContent = capture ? `Capture: ${source.split(/[\\/]/).pop() ?? source}` : '';
  $<HTMLSpanElement>('source').title = capture ? source : '';
  for (const control of [followBox, pauseButton]) control.disabled = capture;
}

function readFilter(): void {
  const chosen = [...types.selectedOptions].map((o) => o.value);
  filter = {
    types: chosen.length ? chosen : undefined,
    server: server.value || undefined,
    application: application.value || undefined,
    channelId: channel.value.trim() || undefined,
    text: text.value || undefined,
    failuresOnly: failures.checked || undefined,
  };
  refilter();
}

function showFilter(): void {
  text.value = filter.text ?? '';
  channel.value = filter.channelId ?? '';
  failures.checked = filter.failuresOnly ?? false;
  followBox.checked = follow;
  for (const o of types.options) o.selected = filter.types?.includes(o.value) ?? false;
  server.value = filter.server ?? '';
  application.value = filter.application ?? '';
}

for (const input of [text, channel]) input.addEventListener('input', readFilter);
for (const input of [types, server, application, failures]) input.addEventListener('change', readFilter);
followBox.addEventListener('change', () => {
  follow = followBox.checked;
  persist();
});
pauseButton.addEventListener('click', () => {
  paused = !paused;
  pauseButton.replaceChildren(icon(paused ? 'debug-continue' : 'debug-pause'), el('span', 'label', paused ? 'Resume' : 'Pause'));
  pauseButton.setAttribute('aria-pressed', String(paused));
  if (!paused && held.length) {
    const rows = held;
    held = [];
    addRows(rows);
  }
  render();
});
$<HTMLButtonElement>('export').addEventListener('click', () => vscode.postMessage({ type: 'export', filter }));
$<HTMLButtonElement>('import').addEventListener('click', () => vscode.postMessage({ type: 'import' }));
$<HTMLButtonElement>('live').addEventListener('click', () => vscode.postMessage({ type: 'live' }));
list.addEventListener('scroll', () => {
  render();
  persist();
});
list.addEventListener('click', (e) => {
  const row = (e.target as HTMLElement).closest<HTMLElement>('.row');
  if (row) select(Number(row.dataset.id));
});
list.addEventListener('keydown', (e) => {
  const index = shown.findIndex((r) => r.id === selectedId);
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    const next = Math.max(0, Math.min(shown.length - 1, index + (e.key === 'ArrowDown' ? 1 : -1)));
    select(shown[next]?.id, true);
  } else if (e.key === 'Enter' && index >= 0) {
    detail.querySelector<HTMLElement>('button')?.focus();
  }
});
document.addEventListener('keydown', (e) => {
  if (e.key === '/' && document.activeElement !== text && !(document.activeElement instanceof HTMLInputElement)) {
    e.preventDefault();
    text.focus();
  }
});

window.addEventListener('message', (e: MessageEvent) => {
  const message: unknown = e.data;
  if (!isHostMessage(message)) return;
  switch (message.type) {
    case 'events':
      capacity = message.capacity;
      if (paused) {
        held = held.concat(message.rows).slice(-capacity);
        render();
      } else addRows(message.rows);
      return;
    case 'reset':
      capacity = message.capacity;
      all = [];
      shown = [];
      held = [];
      indexed = 0;
      addRows(message.rows);
      showSource(message.source);
      return;
    case 'filter':
      filter = message.filter;
      showFilter();
      refilter();
      return;
    case 'journey':
      journey = message.journey;
      renderDetail();
      return;
  }
});

showFilter();
list.scrollTop = saved?.scrollTop ?? 0;
vscode.postMessage({ type: 'ready' });
