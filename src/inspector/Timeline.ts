/** What the timeline orders and counts its rows by. */
export interface TimedRow {
  readonly kind: string;
  readonly at: number;
}

/**
 * The rows the inspector holds, in time order, and the ones the filter shows, in the same order.
 * Each kind keeps its newest `capacity` rows, as each log does, so a burst of REST calls does not
 * push the events out, nor the other way round. Rows mostly come in time order and are appended;
 * an exchange comes when its answer does, after the events that followed its request, and goes
 * back to its place.
 */
export class Timeline<Row extends TimedRow> {
  private rows: Row[] = [];
  private visible: Row[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private keep: (row: Row) => boolean) {}

  get all(): readonly Row[] {
    return this.rows;
  }

  get shown(): readonly Row[] {
    return this.visible;
  }

  countOf(kind: string): number {
    return this.counts.get(kind) ?? 0;
  }

  /** Puts each row in its place, then lets go of each kind's oldest rows beyond `capacity`. */
  add(batch: readonly Row[], capacity: number): void {
    for (const row of batch) {
      insertByTime(this.rows, row);
      this.counts.set(row.kind, this.countOf(row.kind) + 1);
      if (this.keep(row)) insertByTime(this.visible, row);
    }
    this.evict(capacity);
  }

  /** Shows what `keep` keeps. `narrower`: it keeps a subset of what the last one kept, so only the rows shown need testing. */
  refilter(keep: (row: Row) => boolean, narrower: boolean): void {
    this.keep = keep;
    this.visible = (narrower ? this.visible : this.rows).filter(keep);
  }

  clear(): void {
    this.rows = [];
    this.visible = [];
    this.counts.clear();
  }

  private evict(capacity: number): void {
    const excess = new Map<string, number>();
    let total = 0;
    for (const [kind, count] of this.counts) {
      if (count <= capacity) continue;
      excess.set(kind, count - capacity);
      this.counts.set(kind, capacity);
      total += count - capacity;
    }
    if (total === 0) return;
    // Each kind's oldest rows come first in time order: walk from the start until each has given its excess.
    const gone = new Set<Row>();
    let newestGone = -Infinity;
    for (let i = 0; i < this.rows.length && gone.size < total; i++) {
      const row = this.rows[i];
      const left = excess.get(row.kind) ?? 0;
      if (left === 0) continue;
      excess.set(row.kind, left - 1);
      gone.add(row);
      newestGone = row.at;
    }
    removeEarly(this.rows, gone, newestGone);
    removeEarly(this.visible, gone, newestGone);
  }
}

/** After every row at or before the same time: rows of one instant stay in the order they came. */
function insertByTime<Row extends TimedRow>(list: Row[], row: Row): void {
  if (list.length === 0 || list[list.length - 1].at <= row.at) {
    list.push(row);
    return;
  }
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (list[middle].at <= row.at) low = middle + 1;
    else high = middle;
  }
  list.splice(low, 0, row);
}

/**
 * Removes the rows of `gone` from a time-ordered list in place, in one pass over its start only:
 * none of them is later than `newest`. (No spread: a list holds up to 200,000 rows.)
 */
function removeEarly<Row extends TimedRow>(list: Row[], gone: ReadonlySet<Row>, newest: number): void {
  let write = 0;
  let read = 0;
  for (; read < list.length && list[read].at <= newest; read++) {
    if (!gone.has(list[read])) list[write++] = list[read];
  }
  if (write === read) return;
  list.copyWithin(write, read);
  list.length -= read - write;
}
