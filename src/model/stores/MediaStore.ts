import { Emitter } from '../../ari/Emitter';
import type { LiveRecording, Playback } from '../../ari/generated/ariTypes';
import type { Fact, FactKind } from '../facts/Fact';
import { ChangeSetBuilder, type ChangeSet } from './ChangeSet';

type Media = 'playback' | 'recording';
type Item<K extends Media> = K extends 'playback' ? Playback : LiveRecording;

/**
 * The playbacks (or the live recordings) in progress on one server, from the Playback* (or
 * Recording*) events of our apps and traced ones: each under its target, `channel:<id>` or
 * `bridge:<id>`. One goes when it finishes or fails, or when its channel or bridge does (Asterisk
 * may tell nothing more then). Its change feed names targets.
 */
export class MediaStore<K extends Media> {
  private readonly items = new Map<string, Item<K>>();
  private readonly byTarget = new Map<string, Set<string>>();
  private readonly change = new ChangeSetBuilder();
  private readonly emitter: Emitter<ChangeSet>;

  readonly onDidChange: Emitter<ChangeSet>['event'];
  readonly reads: readonly FactKind[];

  constructor(
    private readonly kind: K,
    onListenerError?: (error: unknown) => void,
  ) {
    this.reads = [kind, 'channelGone', 'bridge', 'bridgesListed'];
    this.emitter = new Emitter(onListenerError);
    this.onDidChange = this.emitter.event;
  }

  /** What is in progress on `channel:<id>` or `bridge:<id>` now, oldest first. */
  on(target: string): Item<K>[] {
    return [...(this.byTarget.get(target) ?? [])].map((key) => this.items.get(key)!);
  }

  get all(): IterableIterator<Item<K>> {
    return this.items.values();
  }

  apply(fact: Fact): void {
    // Asterisk may tell nothing more of what played or recorded on a target that went.
    if (fact.kind === 'channelGone' || (fact.kind === 'bridge' && fact.destroyed)) {
      this.dropTarget(fact.kind === 'channelGone' ? `channel:${fact.channelId}` : `bridge:${fact.bridge.id}`);
      return;
    }
    if (fact.kind === 'bridgesListed') {
      const listed = new Set(fact.bridges.map((b) => `bridge:${b.id}`));
      for (const target of [...this.byTarget.keys()]) if (target.startsWith('bridge:') && !listed.has(target)) this.dropTarget(target);
      return;
    }
    if (fact.kind !== this.kind || (fact.kind !== 'playback' && fact.kind !== 'recording')) return;
    const item = (fact.kind === 'playback' ? fact.playback : fact.recording) as Item<K>;
    const key = keyOf(item);
    if (fact.phase === 'finished' || fact.phase === 'failed') {
      this.drop(key);
      return;
    }
    this.items.set(key, item);
    let keys = this.byTarget.get(item.target_uri);
    if (!keys) this.byTarget.set(item.target_uri, (keys = new Set()));
    keys.add(key);
    this.change.changed(item.target_uri);
  }

  flush(): void {
    if (!this.change.isEmpty) this.emitter.fire(this.change.take());
  }

  clear(): void {
    for (const target of this.byTarget.keys()) this.change.changed(target);
    this.items.clear();
    this.byTarget.clear();
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private dropTarget(target: string): void {
    for (const key of [...(this.byTarget.get(target) ?? [])]) this.drop(key);
  }

  private drop(key: string): void {
    const item = this.items.get(key);
    if (!item) return;
    this.items.delete(key);
    const keys = this.byTarget.get(item.target_uri);
    keys?.delete(key);
    if (keys?.size === 0) this.byTarget.delete(item.target_uri);
    this.change.changed(item.target_uri);
  }
}

/** A playback's id; a live recording's name, which ARI names it by. */
function keyOf(item: Playback | LiveRecording): string {
  return 'id' in item ? item.id : item.name;
}
