import type { BatchBuffers } from './TraceBatch';
import type { TraceRecord } from './TraceRecord';

/**
 * A batch of records as the tap hands it over (TraceTap, TraceBatch), and as it crosses from the
 * proxy's thread (docs/trace-proxy.md#thread). Events, nearly all of a batch, are columns: their
 * frames' bytes in one buffer, their places, sockets and times in typed arrays, all moved rather
 * than copied, so no thread builds or clones an object per event on the way. Other records keep
 * their place in the batch by position.
 */
export interface PackedRecords {
  readonly count: number;
  readonly bytes: ArrayBufferLike;
  /** Per event, in order: where its frame starts and ends in `bytes`. */
  readonly starts: Uint32Array;
  readonly ends: Uint32Array;
  readonly sockets: Int32Array;
  readonly ats: Float64Array;
  /** The records that are not events, each with its position in the batch. */
  readonly others: readonly (readonly [number, TraceRecord])[];
}

/** What postMessage should move rather than copy. */
export function transferOf(packed: PackedRecords): ArrayBuffer[] {
  return [packed.bytes as ArrayBuffer, packed.starts.buffer as ArrayBuffer, packed.ends.buffer as ArrayBuffer, packed.sockets.buffer as ArrayBuffer, packed.ats.buffer as ArrayBuffer];
}

/** A read batch's buffers, whole, to hand back to the tap that filled them (none if it had no events). */
export function returnedBuffers(packed: PackedRecords): BatchBuffers | undefined {
  if (packed.ends.length === 0) return undefined;
  return { bytes: packed.bytes as ArrayBuffer, starts: packed.starts.buffer as ArrayBuffer, ends: packed.ends.buffer as ArrayBuffer, sockets: packed.sockets.buffer as ArrayBuffer, ats: packed.ats.buffer as ArrayBuffer };
}

/**
 * The batch as records, in order, each event's frame a copy of its own: the reader may keep it
 * (the session's event log does), while the batch's buffers go back to be filled again.
 */
export function unpackRecords(packed: PackedRecords): TraceRecord[] {
  const out: TraceRecord[] = new Array(packed.count);
  for (const [position, record] of packed.others) out[position] = record;
  let e = 0;
  for (let position = 0; position < packed.count; position++) {
    if (out[position] !== undefined) continue;
    const start = packed.starts[e];
    out[position] = { kind: 'event', socketId: packed.sockets[e], at: packed.ats[e], frame: Buffer.from(new Uint8Array(packed.bytes, start, packed.ends[e] - start)) };
    e++;
  }
  return out;
}
