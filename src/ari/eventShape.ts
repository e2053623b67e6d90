import type { AriEvent } from './generated/ariTypes';

/**
 * What is wrong with an event of a known `type` whose body is not what Asterisk sends, or
 * undefined. Only what the model reads is checked, so that such an event is refused whole
 * rather than applied halfway. It runs for every event on the socket's read path: one switch, no
 * lookups.
 */
export function eventShapeProblem(event: AriEvent): string | undefined {
  const fields = event as unknown as Record<string, unknown>;
  if (typeof fields.application !== 'string') return 'it has no "application"';
  if (typeof fields.timestamp !== 'string') return 'it has no "timestamp"';
  const channel = fields.channel;
  if (channel !== undefined && !isChannel(channel)) return 'its "channel" is not a channel (an object with id, name, state, caller and dialplan)';
  switch (event.type) {
    case 'StasisStart':
      return channel === undefined ? 'it has no "channel"' : isStringList(fields.args) ? undefined : 'its "args" is not a list of strings';
    case 'StasisEnd':
    case 'ChannelDestroyed':
    case 'ChannelHangupRequest':
      // The model reads these channels without a guard (the spec makes them required).
      return channel === undefined ? 'it has no "channel"' : undefined;
    case 'ApplicationMoveFailed':
      if (channel === undefined) return 'it has no "channel"';
      if (typeof fields.destination !== 'string') return 'it has no "destination"';
      return isStringList(fields.args) ? undefined : 'its "args" is not a list of strings';
    case 'ChannelVarset':
      return typeof fields.variable === 'string' && typeof fields.value === 'string' ? undefined : 'its "variable" or "value" is not a string';
    case 'BridgeCreated':
    case 'BridgeDestroyed':
    case 'BridgeMerged':
    case 'BridgeVideoSourceChanged':
    case 'ChannelEnteredBridge':
    case 'ChannelLeftBridge':
      // Which bridge each channel is in is read from the bridge's list of channels.
      return typeof (fields.bridge as { id?: unknown } | undefined)?.id === 'string' && Array.isArray((fields.bridge as { channels?: unknown }).channels) ? undefined : 'its "bridge" has no id or no list of channels';
    case 'EndpointStateChange':
    case 'PeerStatusChange':
      return isEndpoint(fields.endpoint) ? undefined : 'its "endpoint" has no technology or resource';
    case 'PlaybackStarted':
    case 'PlaybackContinuing':
    case 'PlaybackFinished': {
      const playback = fields.playback as { id?: unknown; target_uri?: unknown; media_uri?: unknown } | undefined;
      return typeof playback?.id === 'string' && typeof playback.target_uri === 'string' && typeof playback.media_uri === 'string' ? undefined : 'its "playback" has no id, target or media';
    }
    case 'RecordingStarted':
    case 'RecordingFinished':
    case 'RecordingFailed': {
      const recording = fields.recording as { name?: unknown; target_uri?: unknown } | undefined;
      return typeof recording?.name === 'string' && typeof recording.target_uri === 'string' ? undefined : 'its "recording" has no name or target';
    }
    case 'ContactStatusChange': {
      if (!isEndpoint(fields.endpoint)) return 'its "endpoint" has no technology or resource';
      const contact = fields.contact_info as { uri?: unknown; contact_status?: unknown } | undefined;
      return typeof contact?.uri === 'string' && typeof contact.contact_status === 'string' ? undefined : 'its "contact_info" has no uri or status';
    }
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

function isEndpoint(value: unknown): boolean {
  const endpoint = value as { technology?: unknown; resource?: unknown } | undefined;
  return typeof endpoint?.technology === 'string' && typeof endpoint.resource === 'string';
}

function isStringList(value: unknown): boolean {
  if (!Array.isArray(value)) return false;
  for (const item of value) if (typeof item !== 'string') return false;
  return true;
}
