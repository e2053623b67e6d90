import type { JourneyStep } from '../model/ChannelJourney';

/** A journey step as a line a person reads: "12:00:01.234 moved ari-example1 → ari-example2 [some, example, args]". */
export function describeStep(step: JourneyStep): string {
  const at = step.at.replace(/^.*T/, '').replace(/[+-]\d{4}$|Z$/, '');
  const args = (a: readonly string[]) => `[${a.join(', ')}]`;
  switch (step.kind) {
    case 'entered':
      return `${at} entered ${step.app} ${args(step.args)}`;
    case 'moved':
      return `${at} moved ${step.from} → ${step.to} ${args(step.args)}`;
    case 'moveRequested':
      return `${at} move requested ${step.from ?? '?'} → ${step.to} ${args(step.args)}`;
    case 'moveFailed':
      return `${at} move to ${step.destination} FAILED (still in ${step.app}) ${args(step.args)}`;
    case 'left':
      return `${at} left ${step.app}`;
    case 'hungUp':
      return `${at} hung up (${step.causeText ?? 'cause'} ${step.cause ?? '?'})`;
  }
}
