import type { AriEvent, AriEventType } from '../ari/generated/ariTypes';
import { channelIdsOf } from './channelIdsOf';
import { Ring } from './Ring';

/**
 * One event of the log. While its listeners run it holds the parsed event; afterwards only the
 * frame's bytes (`settle`), which `event` parses again on each later read. 10,000 parsed events
 * held for minutes cost the socket's read path more than anything else does: each one survives
 * two young-generation collections, which copy its tree of objects, while a frame's bytes live
 * outside the JavaScript heap and are not copied (bench/ingest.mjs).
 */
export class LoggedEvent {
  private parsed: AriEvent | undefined;

  constructor(
    /** Increasing, never reused, across evictions. */
    readonly id: number,
    /** Local receive time, ms since the epoch. */
    readonly receivedAt: number,
    /** The id of the server it came from. */
    readonly serverId: string,
    event: AriEvent,
    private readonly frame: Uint8Array | undefined,
    /** It came to the watcher (docs/ari-behaviour.md#watching), not to an app of ours. */
    readonly fromWatcher = false,
  ) {
    this.parsed = event;
  }

  /** The event; read again from the frame once settled, so keep it while you use it rather than reading it often. */
  get event(): AriEvent {
    return this.parsed ?? (JSON.parse(decoder.decode(this.frame)) as AriEvent);
  }

  /** Lets go of the parsed event when the frame can stand for it. */
  settle(): void {
    if (this.frame) this.parsed = undefined;
  }
}

const decoder = new TextDecoder();

const DEFAULT_EVENT_LOG_CAPACITY = 10_000;

/**
 * The last N events of a server, in a ring: append and eviction are O(1) and make nothing but the
 * entry. Nothing is indexed: an index kept on every append (by channel, app or type) cost more on
 * the socket's read path than the rare questions it answers, which a person asks (a channel's
 * journey, an export) and a scan answers in milliseconds.
 */
export class EventLog {
  private readonly ring: Ring<LoggedEvent>;
  private nextId = 1;

  constructor(readonly capacity = DEFAULT_EVENT_LOG_CAPACITY) {
    this.ring = new Ring(capacity);
  }

  get size(): number {
    return this.ring.size;
  }

  /** Id of the oldest event still held (or the next id if empty). */
  get firstId(): number {
    return this.ring.at(0)?.id ?? this.nextId;
  }

  get lastId(): number {
    return this.nextId - 1;
  }

  /** Appends an event; with its frame's bytes, the entry can let go of the parsed event once settled. */
  append(serverId: string, event: AriEvent, receivedAt = Date.now(), frame?: Uint8Array, fromWatcher = false): LoggedEvent {
    const entry = new LoggedEvent(this.nextId++, receivedAt, serverId, event, frame, fromWatcher);
    this.ring.push(entry);
    return entry;
  }

  get(id: number): LoggedEvent | undefined {
    // Ids are consecutive in the ring: the oldest held is at 0.
    return this.ring.at(id - this.firstId);
  }

  /** All held events, oldest first. */
  all(): LoggedEvent[] {
    return this.ring.toArray();
  }

  /** The events that name this channel (in any role: a Dial names caller and peer), oldest first. */
  forChannel(channelId: string): LoggedEvent[] {
    return this.all().filter((e) => channelIdsOf(e.event).includes(channelId));
  }

  forApplication(app: string): LoggedEvent[] {
    return this.all().filter((e) => e.event.application === app);
  }

  forType(type: AriEventType): LoggedEvent[] {
    return this.all().filter((e) => e.event.type === type);
  }

  clear(): void {
    this.ring.clear();
  }
}
