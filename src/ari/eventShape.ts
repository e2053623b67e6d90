import type { AriEvent, AriEventType } from './generated/ariTypes';

/** Event types whose `channel` the model reads without a guard (the spec makes it required). */
const NEEDS_CHANNEL: ReadonlySet<AriEventType> = new Set<AriEventType>(['StasisStart', 'StasisEnd', 'ApplicationMoveFailed', 'ChannelDestroyed', 'ChannelHangupRequest']);

const BRIDGE_EVENTS: ReadonlySet<AriEventType> = new Set<AriEventType>(['BridgeCreated', 'BridgeDestroyed', 'ChannelEnteredBridge', 'ChannelLeftBridge']);

/**
 * What is wrong with an event of a known `type` whose body is not what Asterisk sends, or
 * undefined. Only what the model reads is checked, so that such an event is refused whole
 * rather than applied halfway.
 */
export function eventShapeProblem(event: AriEvent): string | undefined {
  const fields = event as unknown as Record<string, unknown>;
  if (typeof fields.application !== 'string') return 'it has no "application"';
  if (typeof fields.timestamp !== 'string') return 'it has no "timestamp"';
  if (fields.channel !== undefined && !isChannel(fields.channel)) return 'its "channel" is not a channel (an object with id, name, state, caller and dialplan)';
  if (fields.channel === undefined && NEEDS_CHANNEL.has(event.type)) return 'it has no "channel"';
  if (BRIDGE_EVENTS.has(event.type) && typeof (fields.bridge as { id?: unknown } | undefined)?.id !== 'string') return 'its "bridge" has no id';
  switch (event.type) {
    case 'StasisStart':
      return isStringList(fields.args) ? undefined : 'its "args" is not a list of strings';
    case 'ApplicationMoveFailed':
      if (typeof fields.destination !== 'string') return 'it has no "destination"';
      return isStringList(fields.args) ? undefined : 'its "args" is not a list of strings';
    case 'ChannelVarset':
      return typeof fields.variable === 'string' && typeof fields.value === 'string' ? undefined : 'its "variable" or "value" is not a string';
    default:
      return undefined;
  }
}

function isChannel(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const channel = value as Record<string, unknown>;
  return (
    typeof channel.id === 'string' &&
    typeof channel.name === 'string' &&
    typeof channel.state === 'string' &&
    typeof channel.caller === 'object' &&
    channel.caller !== null &&
    typeof channel.dialplan === 'object' &&
    channel.dialplan !== null
  );
}

function isStringList(value: unknown): boolean {
  return Array.isArray(value) && value.every((item) => typeof item === 'string');
}
