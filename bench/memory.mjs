#!/usr/bin/env node
// Bytes the event log holds per 10,000 events: the recorded frames from bench/data parsed and
// appended through EventLog as the session does (the parsed event, then settled to the frame's
// bytes), with the heap and the memory outside it (ArrayBuffers: the frames) measured after a
// full GC before and after. Needs --expose-gc (run.mjs passes it).
//
//   node --expose-gc bench/memory.mjs
import { bundleForNode, loadBundle } from './pipeline.mjs';
import { readRecording } from './recording.mjs';

const EVENTS = 10_000;

export async function measureMemory() {
  if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
  const bundle = await bundleForNode('../src/model/EventLog.ts');
  try {
    const EventLog = loadBundle(bundle.file, 'EventLog');
    const frames = firstFrames();
    // Each frame becomes its own string inside the measurement, as ws hands them over.
    const heldBy = (keep) => {
      fullGc();
      const before = process.memoryUsage();
      const kept = keep();
      fullGc();
      const after = process.memoryUsage();
      return { kept, held: after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers, heap: after.heapUsed - before.heapUsed };
    };
    const log = heldBy(() => {
      const eventLog = new EventLog(EVENTS);
      for (const source of frames) {
        // A frame of its own, as ws hands each one over.
        const bytes = Buffer.from(source);
        eventLog.append('bench', JSON.parse(bytes.toString('utf8')), Date.now(), bytes).settle();
      }
      return eventLog;
    });
    // For comparison: the frames' text alone.
    const texts = heldBy(() => frames.map((bytes) => bytes.toString('utf8')));
    // Something freed during the measurement that the log did not hold: the figure would be a lie.
    if (log.held <= 0 || texts.held <= 0) throw new Error(`memory measurement broken: the heap shrank while the log filled (${log.held} bytes; frames' text ${texts.held} bytes)`);
    return {
      events: log.kept.size,
      bytesPer10kEvents: Math.round((log.held * 10_000) / log.kept.size),
      heapBytesPer10kEvents: Math.round((log.heap * 10_000) / log.kept.size),
      frameTextBytesPer10k: Math.round((texts.held * 10_000) / texts.kept.length),
    };
  } finally {
    bundle.remove();
  }
}

/** The first frames of the recording, as Buffers. */
function firstFrames() {
  return readRecording()
    .frames.slice(0, EVENTS)
    .map((f) => Buffer.from(f.text));
}

/**
 * Two full collections: with one, the recording's text read just before (about 29 MB) was at times
 * freed only by the collection after the log filled, so the log seemed to hold -29 MB (one run in
 * three). Probably a cache of V8's that the first collection clears (a guess); with two, 15 runs
 * in a row measured 7.99–8.01 MB.
 */
function fullGc() {
  globalThis.gc();
  globalThis.gc();
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await measureMemory());
