// contextValue strings for tree items, matched by the `when` clauses in package.json.
// No vscode import: these are plain functions of state.
import type { SessionStatus } from '../../model/session/ServerSession';

/** `server.connected`, `server.reconnecting`, … */
export function serverContextValue(status: SessionStatus | undefined): string {
  return `server.${status?.state ?? 'disconnected'}`;
}

/** `app.<owned|observed>[.inactive][.hasChannels]`, e.g. `app.observed.inactive.hasChannels`. */
export function applicationContextValue(owned: boolean, inactive = false, hasChannels = false): string {
  return `app.${owned ? 'owned' : 'observed'}${inactive ? '.inactive' : ''}${hasChannels ? '.hasChannels' : ''}`;
}

/** What plays and records on a channel or a bridge, as context value suffixes: `.playing`, `.recording`. */
export interface MediaState {
  readonly playing: boolean;
  readonly recording: boolean;
}

const mediaSuffix = (media?: MediaState) => `${media?.playing ? '.playing' : ''}${media?.recording ? '.recording' : ''}`;

/** `channel.<state>[.inStasis][.movePending][.bridged][.playing][.recording]`, e.g. `channel.ring.inStasis`, `channel.up.inStasis.movePending`. */
export function channelContextValue(state: string, inStasis: boolean, movePending: boolean, bridged = false, media?: MediaState): string {
  const slug = state.toLowerCase().replace(/[^a-z]+/g, '-').replace(/-+$/, '') || 'unknown';
  return `channel.${slug}${inStasis ? '.inStasis' : ''}${movePending ? '.movePending' : ''}${bridged ? '.bridged' : ''}${mediaSuffix(media)}`;
}

/** `bridge[.playing][.recording]`. */
export function bridgeContextValue(media: MediaState): string {
  return `bridge${mediaSuffix(media)}`;
}
