// The Event Inspector webview: one timeline of ARI events and of the REST exchanges of traced
// apps, in a virtual list, with filters, the selected row's detail and channel journeys.
// Everything from the network is put in the page with textContent: caller names, variables, user
// events, paths and bodies may hold markup.
import { compileFilter, narrows, rowSearchText, type InspectorFilter } from '../inspector/InspectorFilter';
import { isHostMessage, type JourneyView, type TimelineRow, type WebviewMessage } from '../inspector/protocol';
import { Timeline } from '../inspector/Timeline';
import { renderDetailPane } from './detailPane';
import { byId, el, icon } from './dom';
import { FilterBar } from './filterBar';
import { ROW_HEIGHT, rowElement } from './rowElement';
import { SearchIndexer } from './searchIndexer';

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

/** A row with its search text, made once. A property, not a WeakMap: 100,000 lookups cost 40–70 ms more. */
type IndexedRow = TimelineRow & { search?: string };
const textOf = (row: IndexedRow) => (row.search ??= rowSearchText(row));

const vscode = acquireVsCodeApi();
const saved = vscode.getState();
let filter: InspectorFilter = saved?.filter ?? {};
let appliedFilter = filter;
let follow = saved?.follow ?? true;
let paused = false;
let selectedId = saved?.selectedId;
const expanded = new Set(saved?.expanded ?? []);
/** Per kind: the host's logs each hold this many. */
let capacity = 10_000;
const timeline = new Timeline<IndexedRow>(compileFilter(filter, textOf));
/** Live rows that came while paused, bounded per kind as the timeline is. */
const held = new Timeline<IndexedRow>(() => true);
const indexer = new SearchIndexer(textOf);
let journey: JourneyView | undefined;

const list = byId<HTMLDivElement>('list');
const spacer = byId<HTMLDivElement>('spacer');
const detail = byId<HTMLDivElement>('detail');
const count = byId<HTMLSpanElement>('count');
const followBox = byId<HTMLInputElement>('follow');
const pauseButton = byId<HTMLButtonElement>('pause');
const filters = new FilterBar(() => {
  filter = filters.read();
  refilter();
});

function persist(): void {
  vscode.setState({ filter, follow, selectedId, expanded: [...expanded], scrollTop: list.scrollTop });
}

function refilter(): void {
  // Typing on in the search box only ever removes rows: only the ones still shown are tested.
  timeline.refilter(compileFilter(filter, textOf), narrows(appliedFilter, filter));
  appliedFilter = filter;
  render();
  persist();
}

function addRows(rows: readonly IndexedRow[]): void {
  timeline.add(rows, capacity);
  indexer.add(rows);
  filters.learn(rows, filter);
  render();
  if (follow) list.scrollTop = list.scrollHeight;
}

function render(): void {
  const shown = timeline.shown;
  spacer.style.height = `${shown.length * ROW_HEIGHT}px`;
  const first = Math.max(0, Math.floor(list.scrollTop / ROW_HEIGHT) - 5);
  const last = Math.min(shown.length, Math.ceil((list.scrollTop + list.clientHeight) / ROW_HEIGHT) + 5);
  const fragment = document.createDocumentFragment();
  for (let i = first; i < last; i++) fragment.append(rowElement(shown[i], i, shown[i].id === selectedId));
  spacer.replaceChildren(fragment);
  // "N of M events" as before when no app is traced: the words change only when exchanges are there.
  const what = timeline.countOf('exchange') > 0 ? 'events and REST exchanges' : 'events';
  count.textContent = `${shown.length} of ${timeline.all.length} ${what}${held.all.length ? ` · ${held.all.length} held while paused` : ''}`;
}

function select(id: number | undefined, reveal = false): void {
  selectedId = id;
  const index = timeline.shown.findIndex((r) => r.id === id);
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
  renderDetailPane(detail, timeline.all.find((r) => r.id === selectedId), journey, {
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

/** While a capture is open, say so: its rows are not the live ones. */
function showSource(source: string): void {
  const capture = source !== 'live';
  byId<HTMLSpanElement>('source').hidden = !capture;
  byId<HTMLSpanElement>('source-name').textContent = capture ? `Capture: ${source.split(/[\\/]/).pop() ?? source}` : '';
  byId<HTMLSpanElement>('source').title = capture ? source : '';
  for (const control of [followBox, pauseButton]) control.disabled = capture;
}

followBox.addEventListener('change', () => {
  follow = followBox.checked;
  persist();
});
pauseButton.addEventListener('click', () => {
  paused = !paused;
  pauseButton.replaceChildren(icon(paused ? 'debug-continue' : 'debug-pause'), el('span', 'label', paused ? 'Resume' : 'Pause'));
  pauseButton.setAttribute('aria-pressed', String(paused));
  if (!paused && held.all.length) {
    const rows = held.all.slice();
    held.clear();
    addRows(rows);
  }
  render();
});
byId<HTMLButtonElement>('export').addEventListener('click', () => vscode.postMessage({ type: 'export', filter }));
byId<HTMLButtonElement>('import').addEventListener('click', () => vscode.postMessage({ type: 'import' }));
byId<HTMLButtonElement>('live').addEventListener('click', () => vscode.postMessage({ type: 'live' }));
list.addEventListener('scroll', () => {
  render();
  persist();
});
list.addEventListener('click', (e) => {
  const row = (e.target as HTMLElement).closest<HTMLElement>('.row');
  if (row) select(Number(row.dataset.id));
});
list.addEventListener('keydown', (e) => {
  const shown = timeline.shown;
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
  if (e.key === '/' && document.activeElement !== filters.searchBox && !(document.activeElement instanceof HTMLInputElement)) {
    e.preventDefault();
    filters.searchBox.focus();
  }
});

window.addEventListener('message', (e: MessageEvent) => {
  const message: unknown = e.data;
  if (!isHostMessage(message)) return;
  switch (message.type) {
    case 'rows':
      capacity = message.capacity;
      if (paused) {
        held.add(message.rows, capacity);
        render();
      } else addRows(message.rows);
      return;
    case 'reset':
      capacity = message.capacity;
      timeline.clear();
      held.clear();
      indexer.clear();
      addRows(message.rows);
      showSource(message.source);
      return;
    case 'filter':
      filter = message.filter;
      filters.show(filter);
      refilter();
      return;
    case 'journey':
      journey = message.journey;
      renderDetail();
      return;
  }
});

filters.show(filter);
followBox.checked = follow;
list.scrollTop = saved?.scrollTop ?? 0;
vscode.postMessage({ type: 'ready' });
