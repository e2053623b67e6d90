import { Emitter, type Disposable } from '../../ari/Emitter';
import type { AppOwnership } from '../AppOwnership';
import type { Fact, FactKind, ListedApplication } from '../facts/Fact';
import { isWatcherApp } from '../watch/watcherAppName';
import { ChangeSetBuilder, type ChangeSet } from './ChangeSet';

/** Whether a client holds an app, as far as the evidence goes, and what the evidence was. */
export interface AppActivity {
  readonly active: boolean;
  readonly because: string;
}

export interface ApplicationView {
  readonly name: string;
  /** Registered with subscribeAll: Asterisk lists no channel ids for it, only a wildcard. */
  readonly subscribedToAll: boolean;
  /** Unknown until something shows it (docs/ari-behaviour.md#inactive-apps); ask ownership first. */
  readonly activity: AppActivity | undefined;
}

interface Entry {
  name: string;
  subscribedToAll: boolean;
  activity: AppActivity | undefined;
}

/** Asterisk removes a subscribeAll app the moment its client goes (docs/ari-behaviour.md#inactive-apps). */
const LISTED_WITH_WILDCARD: AppActivity = { active: true, because: 'it is registered with subscribeAll, and Asterisk drops such an app as soon as its client goes' };

/**
 * The Stasis applications of one server: those Asterisk lists, those ours registered, and any a
 * fact names (an event arrives for an app before the next resync lists it). Whether one is ours is
 * asked of the ownership, never kept here.
 */
export class ApplicationStore {
  private readonly entries = new Map<string, Entry>();
  private readonly change = new ChangeSetBuilder();
  private readonly emitter: Emitter<ChangeSet>;
  private readonly subscription: Disposable;
  /** The last set of app names ensured, to skip the same channel's subscriptions event after event. */
  private lastEnsured: ReadonlySet<string> | undefined;

  readonly onDidChange: Emitter<ChangeSet>['event'];
  readonly reads: readonly FactKind[] = ['channelSnapshot', 'entered', 'moved', 'pathRevised', 'channelPlaced', 'moveFailed', 'bridge', 'channelBridge', 'applicationsListed', 'appActivity'];

  constructor(
    private readonly ownership: AppOwnership,
    onListenerError?: (error: unknown) => void,
  ) {
    this.emitter = new Emitter(onListenerError);
    this.onDidChange = this.emitter.event;
    this.subscription = ownership.onDidChange((apps) => {
      for (const app of apps) {
        this.ensure(app);
        this.change.changed(app);
      }
      this.flush();
    });
    for (const app of ownership.owned) this.ensure(app);
  }

  get all(): ApplicationView[] {
    return [...this.entries.values()];
  }

  get(name: string): ApplicationView | undefined {
    return this.entries.get(name);
  }

  apply(fact: Fact): void {
    switch (fact.kind) {
      case 'channelSnapshot':
        if (fact.subscribedApps !== this.lastEnsured) {
          this.lastEnsured = fact.subscribedApps;
          for (const app of fact.subscribedApps) this.ensure(app);
        }
        return;
      case 'entered':
      case 'moved':
      case 'pathRevised':
      case 'channelPlaced':
        if (fact.path.current) this.ensure(fact.path.current.app);
        if (fact.kind === 'channelPlaced') for (const app of fact.subscribedApps) this.ensure(app);
        return;
      case 'moveFailed':
      case 'bridge':
      case 'channelBridge':
        if (fact.app !== undefined) this.ensure(fact.app);
        return;
      case 'applicationsListed':
        this.listed(fact.applications);
        return;
      case 'appActivity': {
        // Evidence about an app Asterisk does not list (a call to a name no one registered) says nothing.
        const entry = this.entries.get(fact.app);
        if (entry && (entry.activity?.active !== fact.active || entry.activity.because !== fact.because)) {
          entry.activity = { active: fact.active, because: fact.because };
          this.change.changed(fact.app);
        }
        return;
      }
      default:
        return;
    }
  }

  flush(): void {
    if (!this.change.isEmpty) this.emitter.fire(this.change.take());
  }

  clear(): void {
    for (const name of this.entries.keys()) this.change.removed(name);
    this.entries.clear();
    this.lastEnsured = undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  /** Apps Asterisk no longer lists go, unless they are ours. */
  private listed(applications: readonly ListedApplication[]): void {
    const names = new Set(applications.map((a) => a.name));
    for (const name of [...this.entries.keys()]) {
      if (!names.has(name) && !this.ownership.isOwned(name)) {
        this.entries.delete(name);
        this.change.removed(name);
      }
    }
    this.lastEnsured = undefined;
    for (const listed of applications) {
      const entry = this.ensure(listed.name);
      if (entry && entry.subscribedToAll !== listed.subscribedToAll) {
        entry.subscribedToAll = listed.subscribedToAll;
        if (listed.subscribedToAll) entry.activity = LISTED_WITH_WILDCARD;
        this.change.changed(listed.name);
      }
    }
  }

  /** The app's entry, made if new; none for a watcher (ours or another window's): no one wrote it as an app. */
  private ensure(name: string): Entry | undefined {
    let entry = this.entries.get(name);
    if (!entry && isWatcherApp(name)) return undefined;
    if (!entry) {
      entry = { name, subscribedToAll: false, activity: undefined };
      this.entries.set(name, entry);
      this.change.changed(name);
    }
    return entry;
  }
}
