// The recorded ARI event stream that the ingest benchmark replays: one WebSocket frame per line,
// exactly as Asterisk sent it (ari.conf pretty=no, so a frame never contains a newline), gzipped;
// and a small JSON file saying what was recorded and how.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');
export const FRAMES_FILE = path.join(DATA_DIR, 'ari-events.ndjson.gz');
export const META_FILE = path.join(DATA_DIR, 'ari-events.meta.json');

/**
 * The frames as text, each with the app whose socket received it. Asterisk names that app in
 * every event's `application` field (one app per socket when recording), so the file needs no
 * column of its own for it.
 */
export function readRecording() {
  const text = zlib.gunzipSync(fs.readFileSync(FRAMES_FILE)).toString('utf8');
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const frames = lines.map((line) => ({ text: line, app: JSON.parse(line).application }));
  const meta = JSON.parse(fs.readFileSync(META_FILE, 'utf8'));
  return { frames, meta };
}

export function writeRecording(frameTexts, meta) {
  fs.mkdirSync(DATA_DIR, { recursive: true });
  fs.writeFileSync(FRAMES_FILE, zlib.gzipSync(frameTexts.map((t) => `${t}\n`).join(''), { level: 9 }));
  fs.writeFileSync(META_FILE, `${JSON.stringify(meta, null, 2)}\n`);
}

/** Events per type, most frequent first. */
export function typeHistogram(frameTexts) {
  const counts = new Map();
  for (const text of frameTexts) {
    const type = JSON.parse(text).type;
    counts.set(type, (counts.get(type) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
}
