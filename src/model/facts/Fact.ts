import type { Bridge, Channel, ContactInfo, Endpoint, LiveRecording, Playback } from '../../ari/generated/ariTypes';
import type { StasisPath } from './StasisPath';

/**
 * What an event (or a resync) means, read once by the normaliser (src/model/normalise) so that
 * every consumer — the stores, the move tracker, the journeys — reads the same meaning instead of
 * re-reading Asterisk's quirks from raw events. `at` is Asterisk's timestamp where there is one.
 */
export type Fact =
  | ChannelSnapshotFact
  | StasisFact
  | MoveFailedFact
  | HungUpFact
  | ChannelGoneFact
  | VariableSetFact
  | ChannelBridgeFact
  | BridgeFact
  | ChannelPlacedFact
  | ApplicationsListedFact
  | BridgesListedFact
  | EndpointFact
  | EndpointsListedFact
  | PlaybackFact
  | RecordingFact
  | ChannelSignalFact
  | AppActivityFact;

export type FactKind = Fact['kind'];

/** A channel's latest snapshot, and the apps that receive its events (its ARI subscriptions) after this event. */
export interface ChannelSnapshotFact {
  readonly kind: 'channelSnapshot';
  readonly channel: Channel;
  readonly subscribedApps: ReadonlySet<string>;
}

/**
 * The channel's path across Stasis apps changed. `path` is the whole path as the events now tell
 * it, whatever order they arrived in; the kind says what the newest change was:
 * - `entered`: it entered `app` (from the dialplan, or an originate);
 * - `moved`: it went from `from` to `to`, as one move (its StasisEnd and StasisStart, in either order);
 * - `left`: it left `app` and is in no Stasis app now (a move's StasisStart may still follow);
 * - `pathRevised`: a late event changed earlier steps (another app's socket delivered an older hop last).
 */
export type StasisFact =
  | (StasisFactBase & { readonly kind: 'entered'; readonly app: string; readonly args: readonly string[] })
  | (StasisFactBase & { readonly kind: 'moved'; readonly from: string; readonly to: string; readonly args: readonly string[] })
  | (StasisFactBase & { readonly kind: 'left'; readonly app: string })
  | (StasisFactBase & { readonly kind: 'pathRevised' });

interface StasisFactBase {
  readonly channel: Channel;
  readonly path: StasisPath;
  readonly at: string;
}

/** Asterisk could not move the channel (ApplicationMoveFailed): it stays in `app`. */
export interface MoveFailedFact {
  readonly kind: 'moveFailed';
  readonly channel: Channel;
  readonly app: string;
  readonly destination: string;
  readonly args: readonly string[];
  readonly at: string;
}

/**
 * The channel hangs up: the first ChannelHangupRequest or ChannelDestroyed of it, once, whichever
 * app told. A soft hangup request carries no Q.850 cause (its `cause` is the soft-hangup reason:
 * docs/ari-behaviour.md#hangup-events), so `cause` is then undefined until the channel is gone.
 */
export interface HungUpFact {
  readonly kind: 'hungUp';
  readonly channel: Channel;
  readonly cause: number | undefined;
  readonly causeText: string | undefined;
  readonly soft: boolean | undefined;
  /** Whether this came from the hangup request (the channel still exists) or from ChannelDestroyed. */
  readonly destroyed: boolean;
  readonly at: string;
}

/** The channel is gone for good: destroyed, hung up and out of Stasis, or no longer listed by REST. */
export interface ChannelGoneFact {
  readonly kind: 'channelGone';
  readonly channelId: string;
  readonly reason: 'destroyed' | 'hungUpAndLeft' | 'notListed';
  /** ChannelDestroyed's cause, the final word on why it hung up. */
  readonly cause?: number;
  readonly causeText?: string;
}

export interface VariableSetFact {
  readonly kind: 'variableSet';
  readonly channel: Channel;
  readonly variable: string;
  readonly value: string;
}

/** The channel entered `bridge` (`inBridge`) or left it; `app` is the app that was told (none when the watcher saw it). */
export interface ChannelBridgeFact {
  readonly kind: 'channelBridge';
  readonly channel: Channel;
  readonly app: string | undefined;
  readonly bridge: Bridge;
  readonly inBridge: boolean;
}

/** A bridge as one app received it (or the watcher, `app` undefined); `destroyed` once it is gone. */
export interface BridgeFact {
  readonly kind: 'bridge';
  readonly app: string | undefined;
  readonly bridge: Bridge;
  readonly destroyed: boolean;
}

/** Where REST puts a channel after a resync: its snapshot, the apps subscribed to it, and its path. */
export interface ChannelPlacedFact {
  readonly kind: 'channelPlaced';
  readonly channel: Channel;
  readonly subscribedApps: ReadonlySet<string>;
  readonly path: StasisPath;
}

/** The applications Asterisk lists now (GET /applications), read at a resync. */
export interface ApplicationsListedFact {
  readonly kind: 'applicationsListed';
  readonly applications: readonly ListedApplication[];
}

/** Every bridge Asterisk has now (GET /bridges), read at a resync. */
export interface BridgesListedFact {
  readonly kind: 'bridgesListed';
  readonly bridges: readonly Bridge[];
}

/** An endpoint's state as an event told it (EndpointStateChange, ContactStatusChange, PeerStatusChange), and the contact it names. */
export interface EndpointFact {
  readonly kind: 'endpoint';
  readonly endpoint: Endpoint;
  readonly contact?: ContactInfo;
}

/** A playback started, went on to its next media, or finished (`playback.state` says how: done or failed). */
export interface PlaybackFact {
  readonly kind: 'playback';
  readonly playback: Playback;
  readonly phase: 'started' | 'continuing' | 'finished';
}

/** A live recording started, finished, or failed (`recording.cause` says why). */
export interface RecordingFact {
  readonly kind: 'recording';
  readonly recording: LiveRecording;
  readonly phase: 'started' | 'finished' | 'failed';
}

/** What a channel signalled: a DTMF digit it received, hold from its side, talking (with TALK_DETECT set). */
export interface ChannelSignalFact {
  readonly kind: 'channelSignal';
  readonly channelId: string;
  /** Asterisk's timestamp: the copies of one event (our app's, the watcher's) share it. */
  readonly at: string;
  readonly signal: { readonly kind: 'dtmf'; readonly digit: string } | { readonly kind: 'hold' | 'talking'; readonly on: boolean };
}

/** Every endpoint Asterisk has now (GET /endpoints), read at a resync. */
export interface EndpointsListedFact {
  readonly kind: 'endpointsListed';
  readonly endpoints: readonly Endpoint[];
}

export interface ListedApplication {
  readonly name: string;
  /** Registered with subscribeAll: Asterisk lists a wildcard instead of channel ids. */
  readonly subscribedToAll: boolean;
  /** The bridges it is subscribed to, or `all` where Asterisk lists the bridge wildcard instead. */
  readonly bridgeIds: ReadonlySet<string> | 'all';
}


/**
 * Evidence of whether a client holds `app` now. Asterisk tells no one (the Application JSON has no
 * such flag, and no read-only request differs: docs/ari-behaviour.md#inactive-apps), so it is
 * read from what only an active or only an inactive app lets happen.
 */
export interface AppActivityFact {
  readonly kind: 'appActivity';
  readonly app: string;
  readonly active: boolean;
  /** Why we say so, for a person: "a call could not enter it", … */
  readonly because: string;
  /** The channel whose fate showed it, when one did (a call that could not enter). */
  readonly channelId?: string;
}
