import type { Fact, FactKind } from './Fact';

/** A consumer of facts that says which kinds it reads, so it is handed only those. */
export interface FactReader {
  readonly reads: readonly FactKind[];
  apply(fact: Fact): void;
}

/**
 * Hands each fact to the readers of its kind, in the order they were given. Most events make one
 * channelSnapshot fact, read by two stores: routing by kind keeps every other reader off the
 * socket's read path for it.
 */
export class FactRouter {
  private readonly byKind = new Map<FactKind, FactReader[]>();

  constructor(readers: readonly FactReader[]) {
    for (const reader of readers) {
      for (const kind of reader.reads) {
        let list = this.byKind.get(kind);
        if (!list) this.byKind.set(kind, (list = []));
        list.push(reader);
      }
    }
  }

  readonly apply = (fact: Fact): void => {
    const readers = this.byKind.get(fact.kind);
    if (!readers) return;
    for (let i = 0; i < readers.length; i++) readers[i].apply(fact);
  };
}
