/**
 * What one update changed, by name, so a view refreshes only those nodes. An application is
 * listed when its own fields or its list of channels changed; a channel when its snapshot did.
 */
export interface StateChange {
  applications: readonly string[];
  channels: readonly string[];
  removedApplications: readonly string[];
  removedChannels: readonly string[];
}

const NONE: readonly string[] = Object.freeze([]);

/**
 * Accumulates one StateChange without duplicates. One is made per event on the socket's read
 * path, and most events touch one channel: the sets are made only when first needed.
 */
export class StateChangeBuilder {
  private applications: Set<string> | undefined;
  private channels: Set<string> | undefined;
  private removedApplications: Set<string> | undefined;
  private removedChannels: Set<string> | undefined;

  application(name: string): void {
    (this.applications ??= new Set()).add(name);
  }

  channel(id: string): void {
    (this.channels ??= new Set()).add(id);
  }

  applicationRemoved(name: string): void {
    this.applications?.delete(name);
    (this.removedApplications ??= new Set()).add(name);
  }

  channelRemoved(id: string): void {
    this.channels?.delete(id);
    (this.removedChannels ??= new Set()).add(id);
  }

  get isEmpty(): boolean {
    return !this.applications?.size && !this.channels?.size && !this.removedApplications?.size && !this.removedChannels?.size;
  }

  build(): StateChange {
    return {
      applications: this.applications ? [...this.applications] : NONE,
      channels: this.channels ? [...this.channels] : NONE,
      removedApplications: this.removedApplications ? [...this.removedApplications] : NONE,
      removedChannels: this.removedChannels ? [...this.removedChannels] : NONE,
    };
  }
}
