import type { Fact, FactKind } from './facts/Fact';
import type { FactReader } from './facts/FactRouter';
import type { PathStep } from './facts/StasisPath';

/** One step of a channel's path across Stasis apps. `at` is Asterisk's timestamp where there is one. */
export type JourneyStep =
  | { kind: 'entered'; at: string; app: string; args: readonly string[] }
  | { kind: 'moved'; at: string; from: string; to: string; args: readonly string[] }
  | { kind: 'moveRequested'; at: string; from: string | undefined; to: string; args: readonly string[] }
  | { kind: 'moveFailed'; at: string; app: string; destination: string; args: readonly string[] }
  | { kind: 'left'; at: string; app: string }
  | { kind: 'hungUp'; at: string; cause: number | undefined; causeText: string | undefined };

interface Journey {
  /** The Stasis path as the normaliser last read it (in the order it happened). */
  path: readonly PathStep[];
  /** Everything else, each after the path step that was the latest when it happened. */
  extras: { after: number; step: JourneyStep }[];
  merged: readonly JourneyStep[] | undefined;
}

const DEFAULT_MAX_CHANNELS = 5_000;

/**
 * Per channel, the ordered record of its moves between apps: the record CEL does not keep (a move
 * produces no CEL event: docs/ari-behaviour.md#move). The Stasis steps come whole from the
 * normaliser's path, so the journey is the same whatever order a move's events arrived in; move
 * requests, failures and the hangup are placed after the step that was current when they happened.
 */
export class ChannelJourney implements FactReader {
  private readonly journeys = new Map<string, Journey>();
  readonly reads: readonly FactKind[] = ['entered', 'moved', 'left', 'pathRevised', 'moveFailed', 'hungUp', 'channelGone'];

  constructor(private readonly maxChannels = DEFAULT_MAX_CHANNELS) {}

  of(channelId: string): readonly JourneyStep[] {
    const journey = this.journeys.get(channelId);
    if (!journey) return [];
    journey.merged ??= merge(journey);
    return journey.merged;
  }

  get size(): number {
    return this.journeys.size;
  }

  recordMoveRequest(channelId: string, from: string | undefined, to: string, args: readonly string[], at: string): void {
    this.add(this.journey(channelId), { kind: 'moveRequested', at, from, to, args });
  }

  apply(fact: Fact): void {
    switch (fact.kind) {
      case 'entered':
      case 'moved':
      case 'left':
      case 'pathRevised': {
        const journey = this.journey(fact.channel.id);
        journey.path = fact.path.steps;
        journey.merged = undefined;
        return;
      }
      case 'moveFailed':
        this.add(this.journey(fact.channel.id), { kind: 'moveFailed', at: fact.at, app: fact.app, destination: fact.destination, args: fact.args });
        return;
      case 'hungUp': {
        // Only for channels whose journey we keep: a channel that never entered an app has none.
        const journey = this.journeys.get(fact.channel.id);
        if (journey) this.add(journey, { kind: 'hungUp', at: fact.at, cause: fact.cause, causeText: fact.causeText });
        return;
      }
      case 'channelGone': {
        // A soft hangup request told no cause: ChannelDestroyed does.
        const step = this.journeys.get(fact.channelId)?.extras.find((e) => e.step.kind === 'hungUp')?.step;
        if (step?.kind === 'hungUp' && step.cause === undefined && fact.cause !== undefined) {
          step.cause = fact.cause;
          step.causeText = fact.causeText;
          this.journeys.get(fact.channelId)!.merged = undefined;
        }
        return;
      }
      default:
        return;
    }
  }

  private add(journey: Journey, step: JourneyStep): void {
    journey.extras.push({ after: journey.path.length, step });
    journey.merged = undefined;
  }

  private journey(channelId: string): Journey {
    let journey = this.journeys.get(channelId);
    if (!journey) {
      if (this.journeys.size >= this.maxChannels) {
        // Forget the channel whose journey started longest ago.
        this.journeys.delete(this.journeys.keys().next().value as string);
      }
      journey = { path: [], extras: [], merged: undefined };
      this.journeys.set(channelId, journey);
    }
    return journey;
  }
}

function merge(journey: Journey): JourneyStep[] {
  const out: JourneyStep[] = [];
  const extrasAfter = (n: number) => {
    for (const extra of journey.extras) if (Math.min(extra.after, journey.path.length) === n) out.push(extra.step);
  };
  extrasAfter(0);
  journey.path.forEach((step, i) => {
    out.push(asJourneyStep(step));
    extrasAfter(i + 1);
  });
  return out;
}

function asJourneyStep(step: PathStep): JourneyStep {
  switch (step.kind) {
    case 'entered':
      return { kind: 'entered', at: step.at, app: step.app, args: step.args };
    case 'moved':
      return { kind: 'moved', at: step.at, from: step.from, to: step.to, args: step.args };
    case 'left':
      return { kind: 'left', at: step.at, app: step.app };
  }
}
