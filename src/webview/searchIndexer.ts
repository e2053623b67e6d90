/**
 * Builds the search text of rows in slices of a few milliseconds between frames, so the first
 * search over the whole buffer does not pay for serialising it. `data-search-index` on the body
 * says whether it is done (bench/inspectorPage.mjs waits for it). A row let go before its turn
 * is indexed all the same: cheaper than looking.
 */
export class SearchIndexer<Row> {
  private queue: Row[] = [];
  private next = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly textOf: (row: Row) => string) {}

  add(rows: readonly Row[]): void {
    for (const row of rows) this.queue.push(row);
    document.body.dataset.searchIndex = 'building';
    this.timer ??= setTimeout(() => this.run(), 0);
  }

  clear(): void {
    this.queue = [];
    this.next = 0;
  }

  private run(): void {
    this.timer = undefined;
    const until = performance.now() + 8;
    while (this.next < this.queue.length && performance.now() < until) this.textOf(this.queue[this.next++]);
    if (this.next < this.queue.length) {
      this.timer = setTimeout(() => this.run(), 0);
      return;
    }
    this.clear();
    document.body.dataset.searchIndex = 'ready';
  }
}
