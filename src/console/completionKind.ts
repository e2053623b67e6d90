/** The kinds of live ids a console field can be completed from. */
export type CompletionKind = 'channel' | 'bridge' | 'application' | 'endpoint' | 'endpointTech' | 'endpointResource' | 'playback' | 'recording' | 'storedRecording' | 'sound' | 'media';

/** One value a field can be completed with, and what it is in words. */
export interface Completion {
  readonly value: string;
  readonly detail: string;
}

export type Completions = Partial<Record<CompletionKind, readonly Completion[]>>;

/**
 * Parameter names as ARI's spec uses them, across resources, and what they name. A field named
 * otherwise (a new id being made, a variable name) gets no completion: a guess would mislead.
 */
const KINDS: Readonly<Record<string, CompletionKind>> = {
  channelId: 'channel',
  channel: 'channel',
  replace_channel: 'channel',
  bridgeId: 'bridge',
  app: 'application',
  applicationName: 'application',
  endpoint: 'endpoint',
  tech: 'endpointTech',
  resource: 'endpointResource',
  playbackId: 'playback',
  recordingName: 'recording',
  soundId: 'sound',
  media: 'media',
};

/** What a parameter of the operation at `path` names, if it names something live. */
export function completionKindOf(parameterName: string, path: string): CompletionKind | undefined {
  if (!Object.hasOwn(KINDS, parameterName)) return undefined;
  const kind = KINDS[parameterName];
  return kind === 'recording' && path.startsWith('/recordings/stored/') ? 'storedRecording' : kind;
}
