/**
 * What the trace proxy's tap reads from the traffic between a user's ARI app and Asterisk: one
 * record per REST exchange (over HTTP, or over the events socket), per event, per socket opened or
 * closed, and per gap. Credentials never get into a record (see redact.ts).
 */
export type TraceRecord = RestStarted | RestExchange | TracedEvent | TracedSocket | TraceGap;

/** Headers as name/value pairs, names lower-cased, credentials replaced by "…". */
export type HeaderPairs = readonly (readonly [string, string])[];

/** A REST request that has all gone to Asterisk, before its answer: a move is tracked from here. */
export interface RestStarted {
  readonly kind: 'restStarted';
  /** Shared with the exchange record that completes it. */
  readonly exchangeId: number;
  readonly at: number;
  readonly via: 'http' | 'websocket';
  /** The events socket it travels on (REST over WebSocket). */
  readonly socketId?: number;
  readonly method: string;
  /** Relative to /ari, no leading slash, as sent (percent-encoded): `channels/abc/move`. */
  readonly resource: string;
  /** Decoded query pairs, `api_key` redacted. */
  readonly query: HeaderPairs;
  /** Up to the cap: ARI reads an operation's parameters from a JSON body too. */
  readonly requestBody?: TracedBody;
}

/** One request and its answer (or why none came). */
export interface RestExchange extends Omit<RestStarted, 'kind'> {
  readonly kind: 'rest';
  /** HTTP status, or 0 when Asterisk could not be reached (`failure` says why). */
  readonly status: number;
  readonly reason?: string;
  readonly durationMs: number;
  readonly requestHeaders: HeaderPairs;
  readonly responseHeaders: HeaderPairs;
  readonly responseBody?: TracedBody;
  /** The REST-over-WebSocket `request_id`. */
  readonly requestId?: string;
  readonly failure?: string;
}

/** A body as far as the tap keeps it: text up to the cap, and the full size. */
export interface TracedBody {
  readonly text: string;
  readonly bytes: number;
  readonly truncated: boolean;
  readonly contentType?: string;
}

/** One text frame Asterisk sent down an events socket: an ARI event, as its bytes. */
export interface TracedEvent {
  readonly kind: 'event';
  readonly socketId: number;
  readonly at: number;
  /** Its bytes, a copy of its own (recordTransfer.ts): a reader may keep it. A Uint8Array: the inspector's page reads these types too. */
  readonly frame: Uint8Array;
}

/** An events socket of the user's app: its upgrade answered, or its end. */
export interface TracedSocket {
  readonly kind: 'socket';
  readonly socketId: number;
  readonly at: number;
  readonly state: 'opened' | 'refused' | 'closed';
  /** The apps its `app=` registers. */
  readonly apps: readonly string[];
  readonly subscribeAll: boolean;
  /** For 'refused': Asterisk's status for the upgrade (0: not reachable). */
  readonly status?: number;
  /** Why it closed or was refused, as far as the proxy saw: a close frame's code and reason, or the side that went. */
  readonly reason?: string;
  readonly closeCode?: number;
}

/** What the trace misses while the traffic itself lost nothing: records dropped because the reader fell behind, or a stream the tap could not read. */
export interface TraceGap {
  readonly kind: 'gap';
  readonly at: number;
  readonly dropped: number;
  /** A stream the tap stopped reading (its bytes still pass): the app's HTTP, or an events socket's frames. */
  readonly unreadable?: 'http' | 'frames';
  readonly reason?: string;
}
