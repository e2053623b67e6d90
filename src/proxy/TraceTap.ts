import type { PackedRecords } from './recordTransfer';
import { BATCH_BYTES, reusable, spanOf, TraceBatch, type BatchBuffers } from './TraceBatch';
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
/** Read batches' buffers kept to fill again: as many as may be away at once, and one being filled. */
const SPARES = 5;

/**
 * Where the proxy's pipes leave a copy of what passed, for one reader. The pipes only push: the
 * reader gets the records in packed batches of a bounded size (TraceBatch) on a later turn of the
 * event loop, after the bytes were forwarded. An event costs its share of one copy of its chunk
 * into the batch, and four numbers (where it starts and ends, its socket, its time), no object: the tap reads every frame the app gets, and must cost less than
 * the app's own reading (docs/trace-proxy.md#thread). A reader that falls behind (busy, or
 * refusing with `pause`) makes the tap drop records and count them into a gap record; the pipes
 * never wait for it: Asterisk drops a socket whose writes stall for 100 ms
 * (docs/ari-behaviour.md#write-timeout).
 */
export class TraceTap {
  /** Full batches not handed over yet, oldest first, and the one being filled. */
  private readonly full: TraceBatch[] = [];
  private filling: TraceBatch | undefined;
  private readonly spares: BatchBuffers[] = [];
  /** Records and bytes held in all of them, for the bounds. */
  private records = 0;
  private bytes = 0;
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

  /**
   * A text frame Asterisk sent down socket `socketId`, `source[start, end)` (its chunk, or a buffer
   * of its own), read at `at` (the relay reads the clock once per chunk).
   */
  pushEvent(socketId: number, source: Uint8Array, start: number, end: number, at: number): void {
    if (this.over(end - start)) return;
    this.gapIfDropped();
    let added = this.filling?.addEvent(socketId, source, start, end, at) ?? -1;
    if (added < 0) added = this.next(spanOf(source, start, end)).addEvent(socketId, source, start, end, at);
    this.hold(added);
  }

  push(record: OtherRecord): void {
    const size = sizeOf(record);
    // A socket's opening and end are rare and small, and what the reader knows of the traced apps hangs on them: never dropped.
    if (record.kind !== 'socket' && this.over(size)) return;
    this.gapIfDropped();
    this.add(record, size);
  }

  /** A read batch's buffers, handed back: the next batches fill them rather than new ones. */
  recycle(buffers: BatchBuffers): void {
    if (this.spares.length < SPARES && reusable(buffers)) this.spares.push(buffers);
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
    this.deliver(true);
  }

  private over(bytes: number): boolean {
    if (this.records < this.maxRecords && this.bytes + bytes <= this.maxBytes) return false;
    this.dropped++;
    return true;
  }

  private gapIfDropped(): void {
    if (this.dropped === 0) return;
    const dropped = this.dropped;
    this.dropped = 0;
    this.add({ kind: 'gap', at: Date.now(), dropped }, 0);
  }

  private add(record: OtherRecord, size: number): void {
    let batch = this.filling;
    if (!batch?.fitsOther(size)) batch = this.next(0);
    batch.addOther(record, size);
    this.hold(size);
  }

  private hold(bytes: number): void {
    this.records++;
    this.bytes += bytes;
    this.schedule();
  }

  /** A new batch to fill, the full one queued; a frame larger than a batch gets one of its own size. */
  private next(bytes: number): TraceBatch {
    if (this.filling) this.full.push(this.filling);
    this.filling = bytes > BATCH_BYTES ? new TraceBatch(undefined, bytes) : new TraceBatch(this.spares.pop());
    return this.filling;
  }

  private schedule(): void {
    if (this.paused || (this.records === 0 && this.dropped === 0)) return;
    if (this.full.length > 0 || this.filling?.hasEvents || this.dropped > 0) {
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

  /** Batch by batch, oldest first; the reader may pause the tap in between (it has enough away). */
  private deliver(evenPaused = false): void {
    this.gapIfDropped();
    while (!this.paused || evenPaused) {
      const batch = this.full.shift() ?? this.filling;
      if (!batch) return;
      if (batch === this.filling) this.filling = undefined;
      this.records -= batch.count;
      this.bytes -= batch.held;
      const { batch: packed, spare } = batch.packed();
      if (spare) this.recycle(spare);
      this.reader(packed);
    }
  }
}

function sizeOf(record: OtherRecord): number {
  return record.kind === 'rest' ? (record.requestBody?.text.length ?? 0) + (record.responseBody?.text.length ?? 0) + 256 : 128;
}
