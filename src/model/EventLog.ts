import type { AriEvent, AriEventType } from '../ari/generated/ariTypes';
import { channelIdsOf } from './channelIdsOf';

export interface LoggedEvent {
  /** Increasing, never reused, across evictions. */
  readonly id: number;
  /** Local receive time, ms since the epoch. */
  readonly receivedAt: number;
  /** The id of the server it came from. */
  readonly serverId: string;
  readonly event: AriEvent;
  readonly channelIds: readonly string[];
}

/** A queue of ids with O(1) push and pop at the front; the front is always the oldest id. */
class IdQueue {
  private items: number[] = [];
  private head = 0;

  push(id: number): void {
    this.items.push(id);
  }

  dropIfFirst(id: number): boolean {
    if (this.items[this.head] !== id) return false;
    this.head++;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return true;
  }

  get size(): number {
    return this.items.length - this.head;
  }

  toArray(): number[] {
    return this.items.slice(this.head);
  }
}

export const DEFAULT_EVENT_LOG_CAPACITY = 10_000;

/**
 * The last N events of a server, indexed by channel: journeys and the inspector ask by channel.
 * By application or type it scans, as only tests ask; an index per field cost about 1.5 µs per
 * event on the socket's read path (bench/ingest.mjs). Append and eviction are O(1) (plus the
 * number of channels an event names): each index holds ids in increasing order, so the evicted
 * event's id is at the front of each of its queues.
 */
export class EventLog {
  private readonly ring: (LoggedEvent | undefined)[];
  private start = 0;
  private count = 0;
  private nextId = 1;
  private readonly byChannel = new Map<string, IdQueue>();

  constructor(readonly capacity = DEFAULT_EVENT_LOG_CAPACITY) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`EventLog capacity must be a positive integer, not ${capacity}.`);
    this.ring = new Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Id of the oldest event still held (or the next id if empty). */
  get firstId(): number {
    return this.count === 0 ? this.nextId : this.ring[this.start]!.id;
  }

  get lastId(): number {
    return this.nextId - 1;
  }

  append(serverId: string, event: AriEvent, receivedAt = Date.now()): LoggedEvent {
    if (this.count === this.capacity) this.evictOldest();
    const entry: LoggedEvent = { id: this.nextId++, receivedAt, serverId, event, channelIds: channelIdsOf(event) };
    this.ring[(this.start + this.count) % this.capacity] = entry;
    this.count++;
    for (const channelId of entry.channelIds) index(this.byChannel, channelId).push(entry.id);
    return entry;
  }

  get(id: number): LoggedEvent | undefined {
    const first = this.firstId;
    if (id < first || id > this.lastId) return undefined;
    return this.ring[(this.start + (id - first)) % this.capacity];
  }

  /** All held events, oldest first. */
  all(): LoggedEvent[] {
    const out: LoggedEvent[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.ring[(this.start + i) % this.capacity]!);
    return out;
  }

  forChannel(channelId: string): LoggedEvent[] {
    return this.resolve(this.byChannel.get(channelId));
  }

  forApplication(app: string): LoggedEvent[] {
    return this.all().filter((e) => e.event.application === app);
  }

  forType(type: AriEventType): LoggedEvent[] {
    return this.all().filter((e) => e.event.type === type);
  }

  clear(): void {
    this.ring.fill(undefined);
    this.start = 0;
    this.count = 0;
    this.byChannel.clear();
  }

  private evictOldest(): void {
    const oldest = this.ring[this.start]!;
    this.ring[this.start] = undefined;
    this.start = (this.start + 1) % this.capacity;
    this.count--;
    for (const channelId of oldest.channelIds) unindex(this.byChannel, channelId, oldest.id);
  }

  private resolve(queue: IdQueue | undefined): LoggedEvent[] {
    if (!queue) return [];
    return queue.toArray().map((id) => this.get(id)!);
  }
}

function index(map: Map<string, IdQueue>, key: string): IdQueue {
  let queue = map.get(key);
  if (!queue) map.set(key, (queue = new IdQueue()));
  return queue;
}

function unindex(map: Map<string, IdQueue>, key: string, id: number): void {
  const queue = map.get(key);
  if (queue?.dropIfFirst(id) && queue.size === 0) map.delete(key);
}
