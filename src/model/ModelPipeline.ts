import { systemClock, type Clock } from '../ari/Clock';
import type { AppOwnership } from './AppOwnership';
import { ChannelJourney } from './ChannelJourney';
import type { Fact } from './facts/Fact';
import { FactRouter } from './facts/FactRouter';
import { EMPTY_PATH, type StasisPath } from './facts/StasisPath';
import { MoveTracker } from './moves/MoveTracker';
import { Normaliser } from './normalise/Normaliser';
import { ServerModel } from './ServerModel';

export interface ModelPipelineOptions {
  moveTimeoutMs?: number;
  clock?: Clock;
  onListenerError?: (error: unknown) => void;
  /** Sees each fact before the readers do (tests record them). */
  onFact?: (fact: Fact) => void;
  /** Only the server's listing of apps can now say where a channel is (see Normaliser). */
  onPlacementUnknown?: () => void;
  /** Apps not ours whose own events reach us all the same: those a trace hears (docs/trace-proxy.md). */
  alsoHeard?: (app: string) => boolean;
}

/**
 * What one server's events and resyncs feed, wired once: the normaliser hands each fact to the
 * stores, then the journeys, then the move tracker, and each move request is written into its
 * channel's journey. ServerSession composes it with sockets and REST; tests and benchmarks use the
 * same wiring.
 */
export class ModelPipeline {
  readonly model: ServerModel;
  readonly journeys = new ChannelJourney();
  readonly moves: MoveTracker;
  readonly normaliser: Normaliser;

  constructor(ownership: AppOwnership, options: ModelPipelineOptions = {}) {
    const { onListenerError, onFact } = options;
    this.model = new ServerModel(ownership, onListenerError);
    const alsoHeard = options.alsoHeard;
    const heard = alsoHeard ? { isOwned: (app: string) => ownership.isOwned(app) || alsoHeard(app) } : ownership;
    this.moves = new MoveTracker(heard, options.moveTimeoutMs, options.clock ?? systemClock, onListenerError);
    const route = new FactRouter([...this.model.readers, this.journeys, this.moves]).apply;
    this.normaliser = new Normaliser(
      onFact
        ? (fact) => {
            onFact(fact);
            route(fact);
          }
        : route,
      options.onPlacementUnknown,
    );
    this.moves.onDidStart((m) => this.journeys.recordMoveRequest(m.channelId, m.from, m.to, m.args, new Date(m.requestedAt).toISOString()));
  }

  /** Where the channel is now and its path so far: where a move request starts from. */
  positionOf(channelId: string): { app: string | undefined; path: StasisPath } {
    return { app: this.model.channels.get(channelId)?.stasisApp, path: this.normaliser.pathOf(channelId) ?? EMPTY_PATH };
  }
}
