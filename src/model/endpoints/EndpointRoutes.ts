import type { AriRestClient } from '../../ari/AriRestClient';
import { Emitter } from '../../ari/Emitter';

/**
 * Where a PJSIP endpoint's calls go: its `context`, read from Asterisk's dynamic configuration
 * (docs/ari-behaviour.md#dynamic-config). A `stasis-<app>` context is the one Asterisk makes for
 * a registered app, so such calls land in that app with no dialplan (#stasis-context).
 */
export type EndpointRoute = { readonly kind: 'stasis'; readonly app: string } | { readonly kind: 'dialplan'; readonly context: string } | { readonly kind: 'unknown'; readonly reason: string };

const STASIS_CONTEXT = /^stasis-(.+)$/;
/** Reads at once, at most: a server with many endpoints is read a few at a time. */
const AT_ONCE = 4;

/**
 * The routes of one server's PJSIP endpoints, read when asked for (the tree asks when it shows
 * them: one request per endpoint, so not at every resync) and kept until `forget`.
 */
export class EndpointRoutes {
  private readonly known = new Map<string, EndpointRoute>();
  private readonly queued: string[] = [];
  private readonly asked = new Set<string>();
  private active = 0;
  /** Bumped by `forget`: an answer to a read of an earlier generation is older than the configuration now. */
  private generation = 0;
  private readonly emitter: Emitter<string>;
  /** An endpoint's route was read (its `tech/resource`). */
  readonly onDidRead: Emitter<string>['event'];

  constructor(
    private readonly rest: Pick<AriRestClient, 'call'>,
    onListenerError?: (error: unknown) => void,
  ) {
    this.emitter = new Emitter(onListenerError);
    this.onDidRead = this.emitter.event;
  }

  routeOf(endpointId: string): EndpointRoute | undefined {
    return this.known.get(endpointId);
  }

  /** Reads the routes of these endpoints (`PJSIP/alice`) not read or asked for yet; other technologies have none. */
  request(endpointIds: Iterable<string>): void {
    for (const id of endpointIds) {
      if (!id.startsWith('PJSIP/') || this.asked.has(id)) continue;
      this.asked.add(id);
      this.queued.push(id);
    }
    while (this.active < AT_ONCE && this.queued.length > 0) void this.read(this.queued.shift()!);
  }

  /** The configuration may have changed (a resync, a Refresh): read again when asked. */
  forget(): void {
    this.generation++;
    this.known.clear();
    this.asked.clear();
    this.queued.length = 0;
  }

  dispose(): void {
    this.forget();
    this.emitter.dispose();
  }

  private async read(endpointId: string): Promise<void> {
    this.active++;
    const generation = this.generation;
    try {
      const tuples = await this.rest.call('asterisk.getObject', { configClass: 'res_pjsip', objectType: 'endpoint', id: endpointId.slice('PJSIP/'.length) });
      const context = tuples.find((t) => t.attribute === 'context')?.value;
      const app = context === undefined ? undefined : STASIS_CONTEXT.exec(context)?.[1];
      this.settle(endpointId, generation, app !== undefined ? { kind: 'stasis', app } : context !== undefined ? { kind: 'dialplan', context } : { kind: 'unknown', reason: 'its configuration names no context' });
    } catch (error) {
      this.settle(endpointId, generation, { kind: 'unknown', reason: (error as Error).message });
    } finally {
      this.active--;
      this.request([]);
    }
  }

  private settle(endpointId: string, generation: number, route: EndpointRoute): void {
    // Forgotten meanwhile: this answer may be older than the configuration now.
    if (generation !== this.generation) return;
    this.known.set(endpointId, route);
    this.emitter.fire(endpointId);
  }
}
