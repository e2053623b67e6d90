import type { TraceRecord } from './TraceRecord';

/**
 * A batch of records as the tap hands it over (TraceTap), and as it crosses from the proxy's
 * thread (docs/trace-proxy.md#thread). Events, nearly all of a batch, are columns: their frames'
 * bytes in one buffer, their sockets, times and frame ends in typed arrays, all moved rather than
 * copied, so no thread builds or clones an object per event on the way. Other records keep their
 * place in the batch by position.
 */
export interface PackedRecords {
  readonly count: number;
  readonly bytes: ArrayBufferLike;
  /** Per event, in order: where its frame ends in `bytes` (it starts where the one before ends). */
  readonly ends: Uint32Array;
  readonly sockets: Int32Array;
  readonly ats: Float64Array;
  /** The records that are not events, each with its position in the batch. */
  readonly others: readonly (readonly [number, TraceRecord])[];
}

/** What postMessage should move rather than copy. */
export function transferOf(packed: PackedRecords): ArrayBuffer[] {
  return [packed.bytes as ArrayBuffer, packed.ends.buffer as ArrayBuffer, packed.sockets.buffer as ArrayBuffer, packed.ats.buffer as ArrayBuffer];
}

/** The batch as records, in order, each event's frame a view of the one buffer. */
export function unpackRecords(packed: PackedRecords): TraceRecord[] {
  const out: TraceRecord[] = new Array(packed.count);
  for (const [position, record] of packed.others) out[position] = record;
  let e = 0;
  let start = 0;
  for (let position = 0; position < packed.count; position++) {
    if (out[position] !== undefined) continue;
    const end = packed.ends[e];
    out[position] = { kind: 'event', socketId: packed.sockets[e], at: packed.ats[e], frame: Buffer.from(packed.bytes as ArrayBuffer, start, end - start) };
    start = end;
    e++;
  }
  return out;
}
