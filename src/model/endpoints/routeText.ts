import type { EndpointRoute } from './EndpointRoutes';

/**
 * Where an endpoint's calls go, for a person: `→ ari-example1 (no dialplan)`, `→ context default`.
 * `registered`: whether some client holds the app now; without one Asterisk has no `stasis-<app>`
 * context, and the calls fail (docs/ari-behaviour.md#stasis-context).
 */
export function routeText(route: EndpointRoute | undefined, registered: (app: string) => boolean): string | undefined {
  if (!route || route.kind === 'unknown') return undefined;
  if (route.kind === 'dialplan') return `→ context ${route.context}`;
  return registered(route.app) ? `→ ${route.app} (no dialplan)` : `→ ${route.app} (no dialplan; no client holds it now, so its calls fail)`;
}
