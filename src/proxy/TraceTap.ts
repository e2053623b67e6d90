import type { PackedRecords } from './recordTransfer';
import type { TraceRecord } from './TraceRecord';

export interface TraceTapOptions {
  /** Most records held for the reader at once; past it, records are dropped and counted. */
  readonly maxRecords?: number;
  /** Most bytes (frames and REST bodies) held for the reader at once. */
  readonly maxBytes?: number;
}

type OtherRecord = Exclude<TraceRecord, { kind: 'event' }>;

/** How long records that are not events may wait to go with others (see `schedule`). */
const OTHERS_DELAY_MS = 20;

/**
 * Where the proxy's pipes leave a copy of what passed, for one reader. The pipes only push: the
 * reader gets the records in packed batches (recordTransfer.ts) on a later turn of the event
 * loop, after the bytes were forwarded. An event costs a copy of its frame into the batch and
 * three numbers, no object: the tap reads every frame the app gets, and must cost less than
 * the app's own reading (docs/trace-proxy.md#thread). A reader that falls behind (busy, or
 * refusing with `pause`) makes the tap drop records and count them into a gap record; the pipes
 * never wait for it: Asterisk drops a socket whose writes stall for 100 ms
 * (docs/ari-behaviour.md#write-timeout).
 */
export class TraceTap {
  private bytes = new Uint8Array(16 * 1024);
  private used = 0;
  private ends = new Uint32Array(64);
  private sockets = new Int32Array(64);
  private ats = new Float64Array(64);
  private events = 0;
  private others: [number, TraceRecord][] = [];
  private count = 0;
  /** What the records that are not events hold (REST bodies), counted against maxBytes with the frames. */
  private otherBytes = 0;
  private dropped = 0;
  /** A delivery is due on the next turn (events are queued), or after OTHERS_DELAY_MS (only REST and socket records are). */
  private immediate = false;
  private timer: NodeJS.Timeout | undefined;
  private paused = false;
  private readonly maxRecords: number;
  private readonly maxBytes: number;

  constructor(
    private readonly reader: (batch: PackedRecords) => void,
    options: TraceTapOptions = {},
  ) {
    this.maxRecords = options.maxRecords ?? 50_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /** A text frame Asterisk sent down socket `socketId`, read at `at` (the relay reads the clock once per chunk). */
  pushEvent(socketId: number, frame: Uint8Array, at: number): void {
    if (this.full(frame.byteLength)) return;
    this.gapIfDropped();
    if (this.used + frame.byteLength > this.bytes.length) this.bytes = grown(this.bytes, this.used + frame.byteLength, this.used);
    if (this.events === this.ends.length) this.growColumns();
    this.bytes.set(frame, this.used);
    this.used += frame.byteLength;
    this.ends[this.events] = this.used;
    this.sockets[this.events] = socketId;
    this.ats[this.events++] = at;
    this.count++;
    this.schedule();
  }

  push(record: OtherRecord): void {
    // A socket's opening and end are rare and small, and what the reader knows of the traced apps hangs on them: never dropped.
    if (record.kind !== 'socket' && this.full(sizeOf(record))) return;
    this.gapIfDropped();
    this.others.push([this.count++, record]);
    this.otherBytes += sizeOf(record);
    this.schedule();
  }

  /** The reader cannot take more for now (its batches are not read yet): records queue, then drop. */
  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.schedule();
  }

  /** Hands over what is held now, even to a paused reader: the last records, as the proxy stops. */
  flush(): void {
    if (this.count > 0 || this.dropped > 0) this.deliver(true);
  }

  private full(bytes: number): boolean {
    if (this.count < this.maxRecords && this.used + this.otherBytes + bytes <= this.maxBytes) return false;
    this.dropped++;
    return true;
  }

  private gapIfDropped(): void {
    if (this.dropped === 0) return;
    this.others.push([this.count++, { kind: 'gap', at: Date.now(), dropped: this.dropped }]);
    this.dropped = 0;
  }

  private growColumns(): void {
    const size = this.ends.length * 2;
    this.ends = grown(this.ends, size, this.events);
    this.sockets = grown(this.sockets, size, this.events);
    this.ats = grown(this.ats, size, this.events);
  }

  private schedule(): void {
    if (this.paused || (this.count === 0 && this.dropped === 0)) return;
    if (this.events > 0 || this.dropped > 0) {
      if (this.immediate) return;
      this.immediate = true;
      setImmediate(() => {
        this.immediate = false;
        this.deliver();
      });
    } else {
      // REST exchanges and socket records wait a moment and go together: one hand-over per REST
      // call would wake the reader's thread between the app's request and its answer. Order is
      // kept: an event queued meanwhile takes everything over on the next turn.
      this.timer ??= setTimeout(() => {
        this.timer = undefined;
        this.deliver();
      }, OTHERS_DELAY_MS).unref();
    }
  }

  private deliver(evenPaused = false): void {
    if ((this.paused && !evenPaused) || (this.count === 0 && this.dropped === 0)) return;
    this.gapIfDropped();
    const n = this.events;
    let batch: PackedRecords;
    if (n === 0) {
      // No event (REST exchanges, a socket's end): the buffers stay for the next batch, which saves
      // the proxy's thread an allocation, and a collection, per REST call.
      batch = { count: this.count, bytes: new ArrayBuffer(0), ends: new Uint32Array(0), sockets: new Int32Array(0), ats: new Float64Array(0), others: this.others };
    } else {
      batch = { count: this.count, bytes: this.bytes.buffer, ends: this.ends.subarray(0, n), sockets: this.sockets.subarray(0, n), ats: this.ats.subarray(0, n), others: this.others };
      // The batch takes its buffers with it (they are moved to the reader's thread): the next
      // starts afresh, sized for a batch like this one.
      this.bytes = new Uint8Array(Math.max(16 * 1024, Math.min(this.used, 4 * 1024 * 1024)));
      const columns = Math.max(64, Math.min(n, 65_536));
      this.ends = new Uint32Array(columns);
      this.sockets = new Int32Array(columns);
      this.ats = new Float64Array(columns);
    }
    this.used = 0;
    this.events = 0;
    this.others = [];
    this.otherBytes = 0;
    this.count = 0;
    this.reader(batch);
  }
}

/** A typed array of `size` (at least) holding the first `keep` items of `from`. */
function grown<T extends Uint8Array | Uint32Array | Int32Array | Float64Array>(from: T, size: number, keep: number): T {
  let length = Math.max(16, from.length * 2);
  while (length < size) length *= 2;
  const bigger = new (from.constructor as new (n: number) => T)(length);
  bigger.set(from.subarray(0, keep));
  return bigger;
}

function sizeOf(record: OtherRecord): number {
  return record.kind === 'rest' ? (record.requestBody?.text.length ?? 0) + (record.responseBody?.text.length ?? 0) + 256 : 128;
}
