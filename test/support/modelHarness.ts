// The model layer as ServerSession wires it (ModelPipeline: normaliser → stores, journeys, move
// tracker), without sockets or REST, so tests feed it events and snapshots in any order they like.
import assert from 'node:assert/strict';
import { Emitter } from '../../src/ari/Emitter';
import type { Application, AriEvent } from '../../src/ari/generated/ariTypes';
import type { AppOwnership } from '../../src/model/AppOwnership';
import type { ChannelJourney, JourneyStep } from '../../src/model/ChannelJourney';
import type { Fact } from '../../src/model/facts/Fact';
import { ModelPipeline } from '../../src/model/ModelPipeline';
import type { MoveTracker, SettledMove } from '../../src/model/moves/MoveTracker';
import type { Normaliser } from '../../src/model/normalise/Normaliser';
import type { ResyncSnapshot } from '../../src/model/normalise/readSnapshot';
import type { ServerModel } from '../../src/model/ServerModel';
import { FakeClock } from './FakeClock';

/** Ownership as a test sets it: the apps "our sockets" hold. */
export class FakeOwnership implements AppOwnership {
  private readonly apps = new Set<string>();
  private readonly emitter = new Emitter<readonly string[]>();
  readonly onDidChange = this.emitter.event;

  constructor(apps: readonly string[] = []) {
    for (const app of apps) this.apps.add(app);
  }

  get owned(): string[] {
    return [...this.apps];
  }

  isOwned(app: string): boolean {
    return this.apps.has(app);
  }

  set(app: string, owned: boolean): void {
    if (owned) this.apps.add(app);
    else this.apps.delete(app);
    this.emitter.fire([app]);
  }
}

export class ModelHarness {
  readonly clock = new FakeClock();
  readonly ownership: FakeOwnership;
  readonly model: ServerModel;
  readonly moves: MoveTracker;
  readonly journeys: ChannelJourney;
  readonly facts: Fact[] = [];
  /** Each fact as it is read, as ServerSession.onFact tells it. */
  readonly factFeed = new Emitter<Fact>();
  readonly settled: SettledMove[] = [];
  readonly normaliser: Normaliser;
  /** How many times the normaliser said only the listing can place a channel now. */
  placementUnknown = 0;
  private readonly pipeline: ModelPipeline;

  constructor(options: { owned?: readonly string[]; moveTimeoutMs?: number } = {}) {
    this.ownership = new FakeOwnership(options.owned);
    this.pipeline = new ModelPipeline(this.ownership, { moveTimeoutMs: options.moveTimeoutMs ?? 5_000, clock: this.clock, onFact: (fact) => {
        this.facts.push(fact);
        this.factFeed.fire(fact);
      }, onPlacementUnknown: () => this.placementUnknown++ });
    this.model = this.pipeline.model;
    this.moves = this.pipeline.moves;
    this.journeys = this.pipeline.journeys;
    this.normaliser = this.pipeline.normaliser;
    this.moves.onDidSettle((s) => this.settled.push(s));
  }

  /** Each event as the session processes one: read, then the stores tell their listeners. */
  apply(...events: AriEvent[]): this {
    for (const event of events) {
      const problem = this.normaliser.readEvent(event);
      assert.equal(problem, undefined, `the normaliser refused a ${event.type}: ${problem}`);
      this.model.flush();
    }
    return this;
  }

  /** Each event as the watcher's socket delivers it. */
  watched(...events: AriEvent[]): this {
    for (const event of events) {
      const problem = this.normaliser.readEvent(event, true);
      assert.equal(problem, undefined, `the normaliser refused a watched ${event.type}: ${problem}`);
      this.model.flush();
    }
    return this;
  }

  /**
   * A read of GET /applications while watching, asked for at `asOf` (the normaliser's mark: now,
   * unless the test says the listing was asked for earlier); returns the ids it named that were unknown.
   */
  listing(applications: Application[], asOf = this.normaliser.mark): string[] {
    const unknown = this.normaliser.readListing(applications, asOf);
    this.model.flush();
    return unknown;
  }

  resync(snapshot: ResyncSnapshot): this {
    this.normaliser.readSnapshot(snapshot);
    this.model.flush();
    return this;
  }

  /** A move request as MoveController makes it: from where the model has the channel, with its path so far. */
  move(channelId: string, to: string, args: readonly string[] = []): Promise<SettledMove> {
    const { app, path } = this.pipeline.positionOf(channelId);
    return this.moves.begin(channelId, app, to, args, path).outcome;
  }

  ids(app: string): string[] {
    return this.model.channels.of(app).map((c) => c.id).sort();
  }

  /** The journey as a person reads it, without the move requests: "entered a", "moved a → b [x]". */
  stasisJourney(channelId: string): string[] {
    return this.journeys.of(channelId).filter((s) => s.kind !== 'moveRequested').map(stepText);
  }
}

export function stepText(step: JourneyStep): string {
  const args = 'args' in step && step.args.length > 0 ? ` [${step.args.join(',')}]` : '';
  switch (step.kind) {
    case 'entered':
      return `entered ${step.app}${args}`;
    case 'moved':
      return `moved ${step.from} → ${step.to}${args}`;
    case 'moveRequested':
      return `move requested ${step.from ?? '?'} → ${step.to}${args}`;
    case 'moveFailed':
      return `move to ${step.destination} failed in ${step.app}${args}`;
    case 'left':
      return `left ${step.app}`;
    case 'hungUp':
      return 'hung up';
  }
}
