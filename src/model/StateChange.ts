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

/** Accumulates one StateChange without duplicates. */
export class StateChangeBuilder {
  private readonly applications = new Set<string>();
  private readonly channels = new Set<string>();
  private readonly removedApplications = new Set<string>();
  private readonly removedChannels = new Set<string>();

  application(name: string): void {
    this.applications.add(name);
  }

  channel(id: string): void {
    this.channels.add(id);
  }

  applicationRemoved(name: string): void {
    this.applications.delete(name);
    this.removedApplications.add(name);
  }

  channelRemoved(id: string): void {
    this.channels.delete(id);
    this.removedChannels.add(id);
  }

  get isEmpty(): boolean {
    return this.applications.size + this.channels.size + this.removedApplications.size + this.removedChannels.size === 0;
  }

  build(): StateChange {
    return {
      applications: [...this.applications],
      channels: [...this.channels],
      removedApplications: [...this.removedApplications],
      removedChannels: [...this.removedChannels],
    };
  }
}
