// The toolbar's filter controls: the filter they hold, and back. The type, server and app choices
// grow with the rows seen; their labels are network text and go in as text.
import { METHODS, STATUS_CLASSES, type InspectorFilter } from '../inspector/InspectorFilter';
import type { TimelineRow } from '../inspector/protocol';
import { byId, el } from './dom';

export class FilterBar {
  private readonly text = byId<HTMLInputElement>('text');
  private readonly types = byId<HTMLSelectElement>('types');
  private readonly server = byId<HTMLSelectElement>('server');
  private readonly application = byId<HTMLSelectElement>('application');
  private readonly channel = byId<HTMLInputElement>('channel');
  private readonly methods = byId<HTMLSelectElement>('methods');
  private readonly statuses = byId<HTMLSelectElement>('statuses');
  private readonly path = byId<HTMLInputElement>('path');
  private readonly duration = byId<HTMLInputElement>('duration');
  private readonly failures = byId<HTMLInputElement>('failures');
  private readonly known = { types: new Set<string>(), servers: new Set<string>(), apps: new Set<string>() };

  /** `changed` runs on every edit of a control. */
  constructor(changed: () => void) {
    for (const input of [this.text, this.channel, this.path, this.duration]) input.addEventListener('input', changed);
    for (const input of [this.types, this.server, this.application, this.methods, this.statuses, this.failures]) input.addEventListener('change', changed);
  }

  /** The search box, which "/" focuses. */
  get searchBox(): HTMLInputElement {
    return this.text;
  }

  read(): InspectorFilter {
    const chosen = (select: HTMLSelectElement) => [...select.selectedOptions].map((o) => o.value);
    const types = chosen(this.types);
    const methods = METHODS.filter((m) => chosen(this.methods).includes(m));
    const statusClasses = STATUS_CLASSES.filter((c) => chosen(this.statuses).includes(c));
    const ms = this.duration.valueAsNumber;
    return {
      types: types.length ? types : undefined,
      methods: methods.length ? methods : undefined,
      statusClasses: statusClasses.length ? statusClasses : undefined,
      path: this.path.value.trim() || undefined,
      minDurationMs: Number.isFinite(ms) && ms >= 0 ? ms : undefined,
      server: this.server.value || undefined,
      application: this.application.value || undefined,
      channelId: this.channel.value.trim() || undefined,
      text: this.text.value || undefined,
      failuresOnly: this.failures.checked || undefined,
    };
  }

  /** Shows a filter: the one saved with the page, or one the host sent. */
  show(filter: InspectorFilter): void {
    this.text.value = filter.text ?? '';
    this.channel.value = filter.channelId ?? '';
    this.path.value = filter.path ?? '';
    this.duration.value = filter.minDurationMs === undefined ? '' : String(filter.minDurationMs);
    this.failures.checked = filter.failuresOnly ?? false;
    const select = (control: HTMLSelectElement, values: readonly string[] | undefined) => {
      for (const o of control.options) o.selected = values?.includes(o.value) ?? false;
    };
    select(this.types, filter.types);
    select(this.methods, filter.methods);
    select(this.statuses, filter.statusClasses);
    this.server.value = filter.server ?? '';
    this.application.value = filter.application ?? '';
  }

  /** Offers the event types, servers and apps of new rows, selected if `filter` picks them. */
  learn(rows: readonly TimelineRow[], filter: InspectorFilter): void {
    const add = (set: Set<string>, select: HTMLSelectElement, value: string, selected: boolean, label = value) => {
      if (set.has(value)) return;
      set.add(value);
      const option = el('option', undefined, label);
      option.value = value;
      option.selected = selected;
      select.append(option);
    };
    for (const r of rows) {
      if (r.kind === 'event') add(this.known.types, this.types, r.type, filter.types?.includes(r.type) ?? false);
      add(this.known.servers, this.server, r.serverId, filter.server === r.serverId, r.serverName);
      // An exchange that names no app offers none: "" is "all apps".
      if (r.application) add(this.known.apps, this.application, r.application, filter.application === r.application);
    }
  }
}
