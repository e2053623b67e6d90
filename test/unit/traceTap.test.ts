// The trace proxy's tap (src/proxy/TraceTap.ts, TraceBatch.ts): when and in what order it hands
// records over, its bounds, and its batches: bounded in size, moved as columns, filled again.
import assert from 'node:assert/strict';
import { returnedBuffers, transferOf, unpackRecords, type PackedRecords } from '../../src/proxy/recordTransfer';
import { BATCH_BYTES, BATCH_RECORDS } from '../../src/proxy/TraceBatch';
import type { TraceRecord } from '../../src/proxy/TraceRecord';
import { TraceTap } from '../../src/proxy/TraceTap';

const turn = () => new Promise((resolve) => setImmediate(resolve));
const frame = (n: number) => Buffer.from(`{"n":${n}}`);
/** A frame in a buffer of its own, as the tap gets fragments joined. */
const whole = (b: Buffer) => [b, 0, b.length] as const;
const text = (r: TraceRecord) => (r.kind === 'event' ? Buffer.from(r.frame).toString() : r.kind);

describe('The trace tap', () => {
  it('the tap hands records over on a later turn, in order, and drops (counting a gap) past its bound rather than hold anything up', async () => {
    const got: TraceRecord[] = [];
    const tap = new TraceTap((batch) => got.push(...unpackRecords(batch)), { maxRecords: 3 });
    for (let n = 0; n < 5; n++) tap.pushEvent(1, ...whole(frame(n)), 0);
    assert.equal(got.length, 0, 'nothing is read on the pipe\'s own turn');
    await turn();
    assert.deepEqual(got.map((r) => r.kind), ['event', 'event', 'event', 'gap']);
    assert.deepEqual(got[3], { kind: 'gap', at: (got[3] as { at: number }).at, dropped: 2 });
    tap.pushEvent(2, ...whole(frame(5)), 0);
    await turn();
    assert.equal(got.length, 5, 'it reads again once it caught up');
    assert.deepEqual(got.map((r) => (r.kind === 'event' ? `${r.socketId}:${Buffer.from(r.frame).toString()}` : r.kind)), ['1:{"n":0}', '1:{"n":1}', '1:{"n":2}', 'gap', '2:{"n":5}']);
  });

  it('REST and socket records wait a moment to go together, unless an event comes: then all go on the next turn, in order', async () => {
    const got: TraceRecord[] = [];
    const tap = new TraceTap((batch) => got.push(...unpackRecords(batch)));
    const started = { kind: 'restStarted', exchangeId: 1, at: 1, via: 'http', method: 'POST', resource: 'channels/c1/move', query: [['app', 'x']] } as const;
    tap.push(started);
    await turn();
    assert.equal(got.length, 0, 'a REST record alone waits');
    tap.pushEvent(1, ...whole(frame(1)), 2);
    await turn();
    assert.deepEqual(got.map((r) => r.kind), ['restStarted', 'event'], 'the request before the event it caused');
    tap.push({ ...started, exchangeId: 2 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(got.length, 3, 'and goes by itself soon after');
  });

  it('a paused reader gets nothing until it resumes; what overflowed meanwhile is one gap', async () => {
    const got: TraceRecord[] = [];
    const tap = new TraceTap((batch) => got.push(...unpackRecords(batch)), { maxRecords: 2 });
    tap.pause();
    for (let n = 0; n < 4; n++) tap.pushEvent(1, ...whole(frame(n)), 0);
    await turn();
    assert.equal(got.length, 0);
    tap.resume();
    await turn();
    assert.deepEqual(got.map((r) => (r.kind === 'gap' ? `gap ${r.dropped}` : r.kind)), ['event', 'event', 'gap 2']);
  });

  it('a batch crosses threads as columns: the frames of a chunk copied with it, at once, into one moved buffer; other records in their place', async () => {
    let packed: PackedRecords | undefined;
    const tap = new TraceTap((batch) => (packed = batch));
    const chunk = Buffer.from('xx{"a":1}yy{"b":2}zz');
    const other = Buffer.from('{"c":3}');
    tap.pushEvent(1, chunk, 2, 9, 1);
    tap.push({ kind: 'gap', at: 2, dropped: 0, reason: 'x' });
    tap.pushEvent(1, chunk, 11, 18, 3);
    tap.pushEvent(2, ...whole(other), 4);
    await turn();
    assert.ok(packed);
    assert.equal(Buffer.from(packed.bytes as ArrayBuffer, 0, 25).toString(), '{"a":1}yy{"b":2}zz{"c":3}', 'the chunk from its first frame on, once; then the other frame');
    assert.deepEqual([...packed.starts], [0, 9, 18]);
    assert.deepEqual([...packed.ends], [7, 16, 25]);
    assert.equal(transferOf(packed)[0], packed.bytes);
    const back = unpackRecords(structuredClone(packed));
    assert.deepEqual(back.map((r) => (r.kind === 'event' ? [r.socketId, Buffer.from(r.frame).toString()] : r.kind)), [[1, '{"a":1}'], 'gap', [1, '{"b":2}'], [2, '{"c":3}']]);
  });

  it('cuts batches at a bounded size, so that reading one is short; a frame larger than a batch goes alone, whole', async () => {
    const batches: PackedRecords[] = [];
    const tap = new TraceTap((batch) => batches.push(batch));
    for (let n = 0; n < BATCH_RECORDS + 10; n++) tap.pushEvent(1, ...whole(frame(n)), 0);
    const large = Buffer.alloc(BATCH_BYTES + 5, 0x61);
    tap.pushEvent(1, ...whole(large), 0);
    tap.pushEvent(1, ...whole(frame(-1)), 0);
    await turn();
    assert.deepEqual(batches.map((b) => b.count), [BATCH_RECORDS, 10, 1, 1]);
    const records = batches.flatMap(unpackRecords);
    assert.deepEqual(records.slice(0, 3).map(text), ['{"n":0}', '{"n":1}', '{"n":2}']);
    assert.equal(text(records[BATCH_RECORDS + 9]), `{"n":${BATCH_RECORDS + 9}}`);
    assert.ok(Buffer.from((records[BATCH_RECORDS + 10] as { frame: Uint8Array }).frame).equals(large));
    assert.equal(text(records.at(-1)!), '{"n":-1}');
  });

  it('a frame larger than a batch, after records that are not events, goes in a batch of its own size', async () => {
    const batches: PackedRecords[] = [];
    const tap = new TraceTap((batch) => batches.push(batch));
    tap.push({ kind: 'gap', at: 1, dropped: 0, reason: 'x' });
    const large = Buffer.alloc(BATCH_BYTES + 100, 0x62);
    tap.pushEvent(1, ...whole(large), 0);
    await turn();
    const records = batches.flatMap(unpackRecords);
    assert.deepEqual(records.map((r) => r.kind), ['gap', 'event']);
    assert.ok(Buffer.from((records[1] as { frame: Uint8Array }).frame).equals(large));
  });

  it('fills a read batch\'s buffers again instead of new ones, but not a large frame\'s own', async () => {
    const batches: PackedRecords[] = [];
    const tap = new TraceTap((batch) => batches.push(batch));
    tap.pushEvent(1, ...whole(frame(1)), 0);
    await turn();
    const first = batches[0];
    const buffers = returnedBuffers(first)!;
    assert.deepEqual(transferOf(first), [buffers.bytes, buffers.starts, buffers.ends, buffers.sockets, buffers.ats]);
    tap.recycle(buffers);
    tap.pushEvent(1, ...whole(frame(2)), 0);
    await turn();
    assert.equal(batches[1].bytes, buffers.bytes, 'the same buffer, filled again');
    assert.equal(text(unpackRecords(batches[1])[0]), '{"n":2}');
    tap.pushEvent(1, ...whole(Buffer.alloc(BATCH_BYTES + 1)), 0);
    await turn();
    tap.recycle(returnedBuffers(batches[2])!);
    tap.pushEvent(1, ...whole(frame(3)), 0);
    await turn();
    assert.equal(batches[3].bytes.byteLength, BATCH_BYTES, 'a standard batch, not the large one\'s buffer');
    tap.push({ kind: 'gap', at: 1, dropped: 0, reason: 'x' });
    await new Promise((resolve) => setTimeout(resolve, 40));
    assert.equal(batches[4].bytes.byteLength, 0, 'a batch without events moves no buffer');
    assert.equal(returnedBuffers(batches[4]), undefined);
  });

  it('a reader that pauses the tap while being handed batches gets no more of them until it resumes', async () => {
    const batches: PackedRecords[] = [];
    const tap = new TraceTap((batch) => {
      batches.push(batch);
      if (batches.length === 1) tap.pause();
    });
    for (let n = 0; n < BATCH_RECORDS * 2 + 1; n++) tap.pushEvent(1, ...whole(frame(n)), 0);
    await turn();
    assert.equal(batches.length, 1);
    tap.resume();
    await turn();
    assert.deepEqual(batches.map((b) => b.count), [BATCH_RECORDS, BATCH_RECORDS, 1]);
  });
});
