import type { AriEvent, Channel } from '../ari/generated/ariTypes';

/**
 * One line per event for the output channel: the type, the app, the channel, then the fields
 * that matter for that type. Values are quoted with JSON.stringify, so a hostile caller name
 * cannot forge a second log line.
 */
export function describeEvent(event: AriEvent): string {
  const parts = [event.type, `app=${q(event.application)}`];
  const channel = (event as { channel?: Channel }).channel;
  if (channel) parts.push(`channel=${channelLabel(channel)}`);
  parts.push(...details(event));
  return parts.join(' ');
}

export function channelLabel(channel: Channel): string {
  return `${q(channel.name)} (${channel.id})`;
}

function details(event: AriEvent): string[] {
  switch (event.type) {
    case 'StasisStart':
      return [`args=${q(event.args)}`, `state=${event.channel.state}`, `caller=${caller(event.channel)}`];
    case 'StasisEnd':
      return [];
    case 'ApplicationMoveFailed':
      return [`destination=${q(event.destination)}`, `args=${q(event.args)}`];
    case 'ChannelStateChange':
      return [`state=${event.channel.state}`];
    case 'ChannelCallerId':
      return [`caller=${caller(event.channel)}`, `presentation=${q(event.caller_presentation_txt)}`];
    case 'ChannelConnectedLine':
      return [`connected=${q(event.channel.connected.name)} <${q(event.channel.connected.number)}>`];
    case 'ChannelDialplan':
      return [`at=${q(`${event.channel.dialplan.context},${event.channel.dialplan.exten},${event.channel.dialplan.priority}`)}`, `dialplan_app=${q(event.dialplan_app)}`, `dialplan_app_data=${q(event.dialplan_app_data)}`];
    case 'ChannelHangupRequest':
      return [`cause=${event.cause ?? '?'}`, ...(event.soft ? ['soft'] : [])];
    case 'ChannelDestroyed':
      return [`cause=${event.cause}`, `cause_txt=${q(event.cause_txt)}`];
    case 'ChannelVarset':
      return [`${q(event.variable)}=${q(event.value)}`];
    case 'ChannelDtmfReceived':
      return [`digit=${q(event.digit)}`, `duration_ms=${event.duration_ms}`];
    case 'ChannelEnteredBridge':
    case 'ChannelLeftBridge':
      return [`bridge=${event.bridge.id}`];
    case 'BridgeCreated':
    case 'BridgeDestroyed':
      return [`bridge=${event.bridge.id}`, `type=${q(event.bridge.bridge_type)}`];
    case 'Dial':
      return [`peer=${channelLabel(event.peer)}`, `dialstatus=${q(event.dialstatus)}`];
    case 'ChannelUserevent':
      return [`eventname=${q(event.eventname)}`];
    case 'PlaybackStarted':
    case 'PlaybackFinished':
      return [`playback=${event.playback.id}`, `state=${event.playback.state}`];
    default:
      return [];
  }
}

function caller(channel: Channel): string {
  return `${q(channel.caller.name)} <${q(channel.caller.number)}>`;
}

/** Longer values are cut: a 10 MB variable must not become a 10 MB log line. */
const MAX_VALUE_CHARS = 200;

/** Printable ASCII without '"' or '\\': JSON.stringify would only add the quotes. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;

function q(value: unknown): string {
  // Most values are plain ids, names and states: quote them without a JSON.stringify per value.
  if (typeof value === 'string' && value.length <= MAX_VALUE_CHARS - 2 && PLAIN.test(value)) return `"${value}"`;
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}… (${text.length} characters)` : text;
}
