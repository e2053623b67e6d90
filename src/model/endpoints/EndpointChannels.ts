import { ChangeSetBuilder } from '../stores/ChangeSet';

/**
 * A PJSIP channel's endpoint, from its name: chan_pjsip names every channel
 * `PJSIP/<endpoint>-<8 hex digits>` (docs/ari-behaviour.md#endpoints). Asterisk's endpoint events
 * do not tell a subscriber to every endpoint when a channel comes or goes, so the channels an
 * endpoint has now are read from the channels the model knows.
 */
export function endpointOfChannelName(name: string): string | undefined {
  return /^(PJSIP\/.+)-[0-9a-f]{8}$/.exec(name)?.[1];
}

/** Endpoint id → the ids of its channels, kept by ChannelStore as channels come, are renamed and go. */
export class EndpointChannels {
  private readonly byEndpoint = new Map<string, Set<string>>();
  /** Endpoints whose channels changed since the last `take`. */
  readonly changed = new ChangeSetBuilder();

  of(endpointId: string): ReadonlySet<string> {
    return this.byEndpoint.get(endpointId) ?? NONE;
  }

  add(name: string, channelId: string): void {
    const endpoint = endpointOfChannelName(name);
    if (endpoint === undefined) return;
    let ids = this.byEndpoint.get(endpoint);
    if (!ids) this.byEndpoint.set(endpoint, (ids = new Set()));
    ids.add(channelId);
    this.changed.changed(endpoint);
  }

  remove(name: string, channelId: string): void {
    const endpoint = endpointOfChannelName(name);
    const ids = endpoint === undefined ? undefined : this.byEndpoint.get(endpoint);
    if (!ids?.delete(channelId)) return;
    if (ids.size === 0) this.byEndpoint.delete(endpoint!);
    this.changed.changed(endpoint!);
  }
}

const NONE: ReadonlySet<string> = new Set();
