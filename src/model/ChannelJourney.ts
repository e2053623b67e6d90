import type { AriEvent } from '../ari/generated/ariTypes';

/** One step of a channel's path across Stasis apps. `at` is Asterisk's timestamp where there is one. */
export type JourneyStep =
  | { kind: 'entered'; at: string; app: string; args: readonly string[] }
  | { kind: 'moved'; at: string; from: string; to: string; args: readonly string[] }
  | { kind: 'moveRequested'; at: string; from: string | undefined; to: string; args: readonly string[] }
  | { kind: 'moveFailed'; at: string; app: string; destination: string; args: readonly string[] }
  | { kind: 'left'; at: string; app: string }
  | { kind: 'hungUp'; at: string; cause: number | undefined; causeText: string | undefined };

const DEFAULT_MAX_CHANNELS = 5_000;

/**
 * Per channel, the ordered record of its moves between apps: the record CEL does not keep
 * (a move produces no CEL event at all). A StasisEnd in one app followed by a StasisStart in
 * another (in either order) is one `moved` step.
 */
export class ChannelJourney {
  private readonly journeys = new Map<string, JourneyStep[]>();

  constructor(private readonly maxChannels = DEFAULT_MAX_CHANNELS) {}

  of(channelId: string): readonly JourneyStep[] {
    return this.journeys.get(channelId) ?? [];
  }

  get size(): number {
    return this.journeys.size;
  }

  recordMoveRequest(channelId: string, from: string | undefined, to: string, args: readonly string[], at: string): void {
    this.steps(channelId).push({ kind: 'moveRequested', at, from, to, args });
  }

  record(event: AriEvent): void {
    switch (event.type) {
      case 'StasisStart': {
        const steps = this.steps(event.channel.id);
        const last = steps[steps.length - 1];
        if (last?.kind === 'left' && last.app !== event.application) {
          steps[steps.length - 1] = { kind: 'moved', at: event.timestamp, from: last.app, to: event.application, args: event.args };
        } else {
          steps.push({ kind: 'entered', at: event.timestamp, app: event.application, args: event.args });
        }
        return;
      }
      case 'StasisEnd': {
        const steps = this.steps(event.channel.id);
        const last = steps[steps.length - 1];
        // The new app's StasisStart can arrive before the old app's StasisEnd.
        if (last?.kind === 'entered' && last.app !== event.application && this.wasIn(steps, event.application)) {
          steps[steps.length - 1] = { kind: 'moved', at: last.at, from: event.application, to: last.app, args: last.args };
        } else {
          steps.push({ kind: 'left', at: event.timestamp, app: event.application });
        }
        return;
      }
      case 'ApplicationMoveFailed':
        this.steps(event.channel.id).push({ kind: 'moveFailed', at: event.timestamp, app: event.application, destination: event.destination, args: event.args });
        return;
      case 'ChannelHangupRequest':
      case 'ChannelDestroyed': {
        const steps = this.journeys.get(event.channel.id);
        // A dialplan-entered channel gets only the hangup request; an originated one gets both,
        // and every subscribed app gets its own copy. Record the hangup once.
        if (steps && !steps.some((s) => s.kind === 'hungUp')) {
          const causeText = event.type === 'ChannelDestroyed' ? event.cause_txt : undefined;
          steps.push({ kind: 'hungUp', at: event.timestamp, cause: event.cause, causeText });
        }
        return;
      }
      default:
        return;
    }
  }

  /** Whether the channel's latest entry into `app` is still open. */
  private wasIn(steps: readonly JourneyStep[], app: string): boolean {
    for (let i = steps.length - 2; i >= 0; i--) {
      const step = steps[i];
      if (step.kind === 'entered') return step.app === app;
      if (step.kind === 'moved') return step.to === app;
      if (step.kind === 'left') return false;
    }
    return false;
  }

  private steps(channelId: string): JourneyStep[] {
    let steps = this.journeys.get(channelId);
    if (!steps) {
      if (this.journeys.size >= this.maxChannels) {
        // Forget the channel whose journey started longest ago.
        const oldest = this.journeys.keys().next().value as string;
        this.journeys.delete(oldest);
      }
      steps = [];
      this.journeys.set(channelId, steps);
    }
    return steps;
  }
}
