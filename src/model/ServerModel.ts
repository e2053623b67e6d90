import type { AppOwnership } from './AppOwnership';
import type { Fact, FactConsumer } from './facts/Fact';
import { ApplicationStore } from './stores/ApplicationStore';
import { BridgeStore } from './stores/BridgeStore';
import { ChannelStore } from './stores/ChannelStore';

/**
 * The live picture of one Asterisk: a store per resource, each fed by the same facts and each with
 * its own change feed. Facts are applied as they come; the stores tell their listeners once per
 * event (or resync), at `flush`.
 */
export class ServerModel implements FactConsumer {
  readonly applications: ApplicationStore;
  readonly channels: ChannelStore;
  readonly bridges: BridgeStore;

  constructor(ownership: AppOwnership, onListenerError?: (error: unknown) => void) {
    this.applications = new ApplicationStore(ownership, onListenerError);
    this.channels = new ChannelStore(onListenerError);
    this.bridges = new BridgeStore(onListenerError);
  }

  apply(fact: Fact): void {
    this.applications.apply(fact);
    this.channels.apply(fact);
    this.bridges.apply(fact);
  }

  flush(): void {
    this.applications.flush();
    this.channels.flush();
    this.bridges.flush();
  }

  /** Forgets everything, e.g. when the user disconnects. */
  clear(): void {
    this.channels.clear();
    this.bridges.clear();
    this.applications.clear();
    this.flush();
  }

  dispose(): void {
    this.applications.dispose();
    this.channels.dispose();
    this.bridges.dispose();
  }
}
