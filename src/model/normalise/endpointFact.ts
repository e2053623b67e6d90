import type { AriEvent } from '../../ari/generated/ariTypes';
import type { EndpointFact } from '../facts/Fact';

/** The endpoint an endpoint event tells of, as a fact; undefined for any other event. Our apps' events and the watcher's read it alike. */
export function endpointFactOf(event: AriEvent): EndpointFact | undefined {
  switch (event.type) {
    case 'EndpointStateChange':
    case 'PeerStatusChange':
      return { kind: 'endpoint', endpoint: event.endpoint };
    case 'ContactStatusChange':
      return { kind: 'endpoint', endpoint: event.endpoint, contact: event.contact_info };
    default:
      return undefined;
  }
}
