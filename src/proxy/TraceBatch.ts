import type { PackedRecords } from './recordTransfer';
import type { TraceRecord } from './TraceRecord';

/** The buffers of one batch, handed back by the reader once read, to fill again (TraceTap.recycle). */
export interface BatchBuffers {
  readonly bytes: ArrayBuffer;
  readonly starts: ArrayBuffer;
  readonly ends: ArrayBuffer;
  readonly sockets: ArrayBuffer;
  readonly ats: ArrayBuffer;
}

/** A batch holds at most this many frame bytes (but one larger frame, alone) and this many records. */
export const BATCH_BYTES = 1024 * 1024;
export const BATCH_RECORDS = 4096;

type OtherRecord = Exclude<TraceRecord, { kind: 'event' }>;

/**
 * One batch of records as the tap fills it: event frames copied into one buffer and their
 * sockets, times and places in columns, the other records by position (recordTransfer.ts). The
 * frames that are whole in one chunk of the socket are copied with that chunk, at once: one copy
 * and no object per frame (a view per frame cost the proxy's thread more than the copying). Its
 * size is fixed, so that a batch is read in a few milliseconds (the reader's budget is counted
 * per batch: docs/trace-proxy.md#thread) and its buffers can be filled again once read, rather
 * than allocated, zeroed and collected for every batch, which cost the proxy's thread as much as
 * all its reading of frames.
 */
export class TraceBatch {
  private readonly bytes: Uint8Array;
  private readonly starts: Uint32Array;
  private readonly ends: Uint32Array;
  private readonly sockets: Int32Array;
  private readonly ats: Float64Array;
  private used = 0;
  private events = 0;
  private others: [number, TraceRecord][] = [];
  private otherBytes = 0;
  /** The chunk copied last, the part of it copied, and where its byte 0 would be in `bytes`: its next frames in that part are already here. */
  private copied: Uint8Array | undefined;
  private copiedFrom = 0;
  private copiedTo = 0;
  private copiedBase = 0;

  /** Fills `spare` (a read batch's buffers), else new ones; `bytes`: more than BATCH_BYTES for one larger frame. */
  constructor(spare: BatchBuffers | undefined, bytes = BATCH_BYTES) {
    this.bytes = new Uint8Array(spare?.bytes ?? new ArrayBuffer(bytes));
    this.starts = new Uint32Array(spare?.starts ?? new ArrayBuffer(BATCH_RECORDS * 4));
    this.ends = new Uint32Array(spare?.ends ?? new ArrayBuffer(BATCH_RECORDS * 4));
    this.sockets = new Int32Array(spare?.sockets ?? new ArrayBuffer(BATCH_RECORDS * 4));
    this.ats = new Float64Array(spare?.ats ?? new ArrayBuffer(BATCH_RECORDS * 8));
  }

  /** Records in it. */
  get count(): number {
    return this.events + this.others.length;
  }

  /** What it holds, counted against the tap's bound: frames and REST bodies. */
  get held(): number {
    return this.used + this.otherBytes;
  }

  get hasEvents(): boolean {
    return this.events > 0;
  }

  /**
   * Adds the frame `source[start, end)`, copying the rest of its chunk along unless that is here
   * already; returns the bytes it copied, or -1 if it does not fit (a new batch, of `spanOf`, will).
   */
  addEvent(socketId: number, source: Uint8Array, start: number, end: number, at: number): number {
    if (this.count >= BATCH_RECORDS) return -1;
    let added = 0;
    if (source !== this.copied || start < this.copiedFrom || end > this.copiedTo) {
      const span = spanOf(source, start, end);
      // A new batch is made large enough for any one span (TraceTap.next).
      if (this.used + span > this.bytes.length) return -1;
      this.bytes.set(span === source.length - start ? (start === 0 ? source : source.subarray(start)) : source.subarray(start, end), this.used);
      this.copied = source;
      this.copiedFrom = start;
      this.copiedTo = start + span;
      this.copiedBase = this.used - start;
      this.used += span;
      added = span;
    }
    this.starts[this.events] = this.copiedBase + start;
    this.ends[this.events] = this.copiedBase + end;
    this.sockets[this.events] = socketId;
    this.ats[this.events++] = at;
    return added;
  }

  fitsOther(size: number): boolean {
    return this.count < BATCH_RECORDS && this.held + size <= BATCH_BYTES;
  }

  addOther(record: OtherRecord, size: number): void {
    this.others.push([this.count, record]);
    this.otherBytes += size;
  }

  /**
   * The batch to hand over. A batch of events moves its buffers with it; one without keeps them:
   * `spare` is then what the tap may fill next (REST calls alone cost no allocation).
   */
  packed(): { batch: PackedRecords; spare?: BatchBuffers } {
    const others = this.others;
    if (this.events === 0) {
      const batch = { count: others.length, bytes: new ArrayBuffer(0), starts: new Uint32Array(0), ends: new Uint32Array(0), sockets: new Int32Array(0), ats: new Float64Array(0), others };
      return { batch, spare: this.bytes.length === BATCH_BYTES ? this.buffers() : undefined };
    }
    const n = this.events;
    return { batch: { count: this.count, bytes: this.bytes.buffer, starts: this.starts.subarray(0, n), ends: this.ends.subarray(0, n), sockets: this.sockets.subarray(0, n), ats: this.ats.subarray(0, n), others } };
  }

  private buffers(): BatchBuffers {
    return { bytes: this.bytes.buffer as ArrayBuffer, starts: this.starts.buffer as ArrayBuffer, ends: this.ends.buffer as ArrayBuffer, sockets: this.sockets.buffer as ArrayBuffer, ats: this.ats.buffer as ArrayBuffer };
  }
}

/** Whether buffers handed back are a standard batch's, fit to fill again (a large frame's own buffer is not kept). */
export function reusable(buffers: BatchBuffers): boolean {
  return buffers.bytes.byteLength === BATCH_BYTES && buffers.starts.byteLength === BATCH_RECORDS * 4 && buffers.ends.byteLength === BATCH_RECORDS * 4 && buffers.sockets.byteLength === BATCH_RECORDS * 4 && buffers.ats.byteLength === BATCH_RECORDS * 8;
}

/**
 * What adding the frame `source[start, end)` copies into a batch that does not hold its chunk yet:
 * the chunk from the frame on, its next frames with it, unless that is more than a batch holds;
 * then the frame alone, which may be larger than a batch (it gets one of its own size).
 */
export function spanOf(source: Uint8Array, start: number, end: number): number {
  return source.length - start <= BATCH_BYTES ? source.length - start : end - start;
}
