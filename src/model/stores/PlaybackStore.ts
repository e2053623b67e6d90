import { Emitter } from '../../ari/Emitter';
import type { Playback } from '../../ari/generated/ariTypes';
import type { Fact, FactKind } from '../facts/Fact';
import { ChangeSetBuilder, type ChangeSet } from './ChangeSet';

/**
 * The playbacks in progress on one server, from the Playback* events of our apps (and traced
 * ones): each under its target, `channel:<id>` or `bridge:<id>`. A playback goes when it
 * finishes, or when its channel does (Asterisk may send no PlaybackFinished then). Its change
 * feed names targets.
 */
export class PlaybackStore {
  private readonly playbacks = new Map<string, Playback>();
  private readonly byTarget = new Map<string, Set<string>>();
  private readonly change = new ChangeSetBuilder();
  private readonly emitter: Emitter<ChangeSet>;

  readonly onDidChange: Emitter<ChangeSet>['event'];
  readonly reads: readonly FactKind[] = ['playback', 'channelGone'];

  constructor(onListenerError?: (error: unknown) => void) {
    this.emitter = new Emitter(onListenerError);
    this.onDidChange = this.emitter.event;
  }

  /** What plays on `channel:<id>` or `bridge:<id>` now, oldest first. */
  on(target: string): Playback[] {
    return [...(this.byTarget.get(target) ?? [])].map((id) => this.playbacks.get(id)!);
  }

  get all(): IterableIterator<Playback> {
    return this.playbacks.values();
  }

  get(id: string): Playback | undefined {
    return this.playbacks.get(id);
  }

  apply(fact: Fact): void {
    if (fact.kind === 'channelGone') {
      for (const id of [...(this.byTarget.get(`channel:${fact.channelId}`) ?? [])]) this.drop(id);
      return;
    }
    if (fact.kind !== 'playback') return;
    const { playback } = fact;
    if (fact.phase === 'finished') {
      this.drop(playback.id);
      return;
    }
    this.playbacks.set(playback.id, playback);
    let ids = this.byTarget.get(playback.target_uri);
    if (!ids) this.byTarget.set(playback.target_uri, (ids = new Set()));
    ids.add(playback.id);
    this.change.changed(playback.target_uri);
  }

  flush(): void {
    if (!this.change.isEmpty) this.emitter.fire(this.change.take());
  }

  clear(): void {
    for (const target of this.byTarget.keys()) this.change.changed(target);
    this.playbacks.clear();
    this.byTarget.clear();
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private drop(id: string): void {
    const playback = this.playbacks.get(id);
    if (!playback) return;
    this.playbacks.delete(id);
    const ids = this.byTarget.get(playback.target_uri);
    ids?.delete(id);
    if (ids?.size === 0) this.byTarget.delete(playback.target_uri);
    this.change.changed(playback.target_uri);
  }
}
