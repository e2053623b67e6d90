import { channelOfEvent, type AriEvent, type Channel } from '../ari/generated/ariTypes';

/**
 * One line per event for the output channel: the type, the app, the channel, then the fields
 * that matter for that type. Values are quoted as JSON strings, so a hostile caller name cannot
 * forge a second log line. At Debug level this runs on the socket's read path for every event, so
 * it builds one string, without arrays or a JSON.stringify per plain value.
 */
export function describeEvent(event: AriEvent): string {
  let line = `${event.type} app=${q(event.application)}`;
  const channel = channelOfEvent(event);
  if (channel) line += ` channel=${channelLabel(channel)}`;
  return line + details(event);
}

export function channelLabel(channel: Channel): string {
  return `${q(channel.name)} (${channel.id})`;
}

/** The fields after the channel, each with its leading space. */
function details(event: AriEvent): string {
  switch (event.type) {
    case 'StasisStart':
      return ` args=${q(event.args)} state=${event.channel.state} caller=${caller(event.channel)}`;
    case 'ApplicationMoveFailed':
      return ` destination=${q(event.destination)} args=${q(event.args)}`;
    case 'ChannelStateChange':
      return ` state=${event.channel.state}`;
    case 'ChannelCallerId':
      return ` caller=${caller(event.channel)} presentation=${q(event.caller_presentation_txt)}`;
    case 'ChannelConnectedLine':
      return ` connected=${q(event.channel.connected.name)} <${q(event.channel.connected.number)}>`;
    case 'ChannelDialplan': {
      const { context, exten, priority } = event.channel.dialplan;
      return ` at=${q(`${context},${exten},${priority}`)} dialplan_app=${q(event.dialplan_app)} dialplan_app_data=${q(event.dialplan_app_data)}`;
    }
    case 'ChannelHangupRequest':
      return ` cause=${event.cause ?? '?'}${event.soft ? ' soft' : ''}`;
    case 'ChannelDestroyed':
      return ` cause=${event.cause} cause_txt=${q(event.cause_txt)}`;
    case 'ChannelVarset':
      return ` ${q(event.variable)}=${q(event.value)}`;
    case 'ChannelDtmfReceived':
      return ` digit=${q(event.digit)} duration_ms=${event.duration_ms}`;
    case 'ChannelEnteredBridge':
    case 'ChannelLeftBridge':
      return ` bridge=${event.bridge.id}`;
    case 'BridgeCreated':
    case 'BridgeDestroyed':
      return ` bridge=${event.bridge.id} type=${q(event.bridge.bridge_type)}`;
    case 'Dial':
      return ` peer=${channelLabel(event.peer)} dialstatus=${q(event.dialstatus)}`;
    case 'ChannelUserevent':
      return ` eventname=${q(event.eventname)}`;
    case 'PlaybackStarted':
    case 'PlaybackFinished':
      return ` playback=${event.playback.id} state=${event.playback.state}`;
    default:
      return '';
  }
}

function caller(channel: Channel): string {
  return `${q(channel.caller.name)} <${q(channel.caller.number)}>`;
}

/** Longer values are cut: a 10 MB variable must not become a 10 MB log line. */
const MAX_VALUE_CHARS = 200;

function q(value: unknown): string {
  // Most values are plain ids, names and states: quote them without a JSON.stringify.
  if (typeof value === 'string' && value.length <= MAX_VALUE_CHARS - 2 && isPlain(value)) return `"${value}"`;
  const text = JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS)}… (${text.length} characters)` : text;
}

/** Printable ASCII without '"' or '\\': JSON.stringify would only add the quotes. (A regular expression scans faster than a loop over char codes here.) */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
function isPlain(value: string): boolean {
  return PLAIN.test(value);
}
