/** What one update of a store changed, by id, so a view refreshes only those. */
export interface ChangeSet {
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * Gathers the ids of one change without duplicates. One is filled per event on the socket's read
 * path, and most events touch one thing: the sets are made only when first needed.
 */
export class ChangeSetBuilder {
  private changedIds: Set<string> | undefined;
  private removedIds: Set<string> | undefined;

  changed(id: string): void {
    (this.changedIds ??= new Set()).add(id);
  }

  removed(id: string): void {
    this.changedIds?.delete(id);
    (this.removedIds ??= new Set()).add(id);
  }

  get isEmpty(): boolean {
    return !this.changedIds?.size && !this.removedIds?.size;
  }

  /** The change so far; the builder starts empty again. */
  take(): ChangeSet {
    const change = { changed: this.changedIds ? [...this.changedIds] : NONE, removed: this.removedIds ? [...this.removedIds] : NONE };
    this.changedIds = undefined;
    this.removedIds = undefined;
    return change;
  }
}
