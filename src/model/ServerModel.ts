import type { AppOwnership } from './AppOwnership';
import type { FactReader } from './facts/FactRouter';
import { ApplicationStore } from './stores/ApplicationStore';
import { BridgeStore } from './stores/BridgeStore';
import { ChannelStore } from './stores/ChannelStore';
import { EndpointStore } from './stores/EndpointStore';
import { MediaStore } from './stores/MediaStore';

/** A store of one resource: it reads its facts, and tells its listeners at `flush`. */
export interface ResourceStore extends FactReader {
  flush(): void;
  /** Forgets everything (the removals are told at the next flush). */
  clear(): void;
  dispose(): void;
}

/**
 * The live picture of one Asterisk: a store per resource, each fed by the facts it reads and each
 * with its own change feed. Facts are applied as they come; the stores tell their listeners once
 * per event (or resync), at `flush`. A new resource is one more store in `readers`.
 */
export class ServerModel {
  readonly applications: ApplicationStore;
  readonly channels: ChannelStore;
  readonly bridges: BridgeStore;
  readonly endpoints: EndpointStore;
  readonly playbacks: MediaStore<'playback'>;
  readonly recordings: MediaStore<'recording'>;
  /** The stores, as fact readers (ModelPipeline routes facts to them and to its other readers). */
  readonly readers: readonly ResourceStore[];

  constructor(ownership: AppOwnership, onListenerError?: (error: unknown) => void) {
    this.applications = new ApplicationStore(ownership, onListenerError);
    this.channels = new ChannelStore(onListenerError);
    this.bridges = new BridgeStore(onListenerError);
    this.endpoints = new EndpointStore(onListenerError);
    this.playbacks = new MediaStore('playback', onListenerError);
    this.recordings = new MediaStore('recording', onListenerError);
    this.readers = [this.applications, this.channels, this.bridges, this.endpoints, this.playbacks, this.recordings];
  }

  flush(): void {
    for (const store of this.readers) store.flush();
  }

  /** Forgets everything, e.g. when the user disconnects. */
  clear(): void {
    for (const store of this.readers) store.clear();
    this.flush();
  }

  dispose(): void {
    for (const store of this.readers) store.dispose();
  }
}
