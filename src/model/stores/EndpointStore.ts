import { Emitter } from '../../ari/Emitter';
import type { ContactInfo, Endpoint } from '../../ari/generated/ariTypes';
import type { Fact, FactKind } from '../facts/Fact';
import { ChangeSetBuilder, type ChangeSet } from './ChangeSet';

export interface EndpointView {
  /** `tech/resource`, as ARI names an endpoint: `PJSIP/alice`. */
  readonly id: string;
  readonly endpoint: Endpoint;
  /** Its contacts as ContactStatusChange told them, by URI (GET /endpoints lists none). */
  readonly contacts: ReadonlyMap<string, ContactInfo>;
}

/** `tech/resource` of an endpoint. */
export const endpointId = (endpoint: Pick<Endpoint, 'technology' | 'resource'>): string => `${endpoint.technology}/${endpoint.resource}`;

/**
 * The endpoints of one server: each one's latest snapshot (from GET /endpoints at a resync, then
 * from the endpoint events the watcher receives), and its contacts as their status changes told
 * them. An endpoint goes when a resync no longer lists it.
 */
export class EndpointStore {
  private readonly entries = new Map<string, EndpointView>();
  private readonly change = new ChangeSetBuilder();
  private readonly emitter: Emitter<ChangeSet>;

  readonly onDidChange: Emitter<ChangeSet>['event'];
  readonly reads: readonly FactKind[] = ['endpoint', 'endpointsListed'];

  constructor(onListenerError?: (error: unknown) => void) {
    this.emitter = new Emitter(onListenerError);
    this.onDidChange = this.emitter.event;
  }

  get(id: string): EndpointView | undefined {
    return this.entries.get(id);
  }

  get all(): IterableIterator<EndpointView> {
    return this.entries.values();
  }

  get size(): number {
    return this.entries.size;
  }

  apply(fact: Fact): void {
    switch (fact.kind) {
      case 'endpoint': {
        const id = endpointId(fact.endpoint);
        const contacts = new Map(this.entries.get(id)?.contacts);
        if (fact.contact?.contact_status === 'Removed') contacts.delete(fact.contact.uri);
        else if (fact.contact) contacts.set(fact.contact.uri, fact.contact);
        this.set({ id, endpoint: fact.endpoint, contacts });
        return;
      }
      case 'endpointsListed': {
        const listed = new Set(fact.endpoints.map(endpointId));
        for (const id of [...this.entries.keys()]) {
          if (listed.has(id)) continue;
          this.entries.delete(id);
          this.change.removed(id);
        }
        for (const endpoint of fact.endpoints) {
          const id = endpointId(endpoint);
          this.set({ id, endpoint, contacts: this.entries.get(id)?.contacts ?? new Map() });
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
    for (const id of this.entries.keys()) this.change.removed(id);
    this.entries.clear();
  }

  dispose(): void {
    this.emitter.dispose();
  }

  private set(view: EndpointView): void {
    this.entries.set(view.id, view);
    this.change.changed(view.id);
  }
}
