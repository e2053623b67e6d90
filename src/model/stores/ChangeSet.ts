/** What one update of a store changed, by id, so a view refreshes only those. */
export interface ChangeSet {
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * Gathers the ids of one change without duplicates. One is filled per event on the socket's read
 * path, and most events touch one thing: lists are made only when first needed, and a short list
 * searched is cheaper than a set made.
 */
export class ChangeSetBuilder {
  private changedIds: string[] | undefined;
  private removedIds: string[] | undefined;

  changed(id: string): void {
    if (!this.changedIds) this.changedIds = [id];
    else if (!this.changedIds.includes(id)) this.changedIds.push(id);
  }

  removed(id: string): void {
    const at = this.changedIds?.indexOf(id) ?? -1;
    if (at >= 0) this.changedIds!.splice(at, 1);
    if (!this.removedIds) this.removedIds = [id];
    else if (!this.removedIds.includes(id)) this.removedIds.push(id);
  }

  get isEmpty(): boolean {
    return !this.changedIds?.length && !this.removedIds?.length;
  }

  /** The change so far; the builder starts empty again. */
  take(): ChangeSet {
    return { changed: this.takeChanged(), removed: this.takeRemoved() };
  }

  takeChanged(): readonly string[] {
    const ids = this.changedIds ?? NONE;
    this.changedIds = undefined;
    return ids;
  }

  takeRemoved(): readonly string[] {
    const ids = this.removedIds ?? NONE;
    this.removedIds = undefined;
    return ids;
  }
}
