// `npm run trace -- --to http://127.0.0.1:8088 [--port 8089] [--out trace.ndjson]`, or
// `node dist/trace.js …` in the packaged extension's folder: the trace proxy without VS Code
// (docs/trace-proxy.md). One line per exchange and event on stdout; the records, as the Event
// Inspector imports them, in --out. Ctrl+C stops it cleanly.
import * as fs from 'node:fs';
import { parseArgs } from 'node:util';
import { AriConfigError } from '../ari/AriConfigError';
import { ProxyStartError } from './AriProxy';
import { ProxyThread } from './ProxyThread';
import type { TraceRecord } from './TraceRecord';
import { traceLine } from './traceLine';
import { traceNdjsonLine } from './traceNdjson';
import { TraceSummary } from './TraceSummary';

const USAGE = `usage: npm run trace -- --to <Asterisk HTTP URL> [--port 8089] [--out trace.ndjson] [--ca ca.pem] [--insecure]
  --to        Asterisk's HTTP server, as your app would use it: http(s)://host:port[/prefix]
  --port      where to listen on 127.0.0.1 (default 8089); point your app at http://127.0.0.1:<port>
  --out       also write every exchange and event to this NDJSON file (ARI: Import Events… reads it)
  --ca        PEM file of the CA that signed Asterisk's certificate (https only)
  --insecure  accept any certificate from Asterisk (a lab network only)`;

function fail(message: string, code = 64): never {
  console.error(`trace: ${message}`);
  process.exit(code);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({ options: { to: { type: 'string' }, port: { type: 'string', default: '8089' }, out: { type: 'string' }, ca: { type: 'string' }, insecure: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } } }).values;
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`);
  }
  if (args.help) {
    console.log(USAGE);
    return;
  }
  if (!args.to) fail(`--to is missing: which Asterisk should the trace forward to?\n${USAGE}`);
  const port = Number(args.port);
  if (!/^\d+$/.test(args.port ?? '') || port < 1 || port > 65_535) fail(`--port "${args.port}" is not a port: give a whole number from 1 to 65535.`);
  let ca: string | undefined;
  if (args.ca) {
    try {
      ca = fs.readFileSync(args.ca, 'utf8');
    } catch (error) {
      fail(`cannot read the CA file "${args.ca}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
    }
  }
  const out = args.out ? fs.createWriteStream(args.out, { flags: 'w' }) : undefined;
  out?.on('error', (error) => fail(`cannot write ${args.out}: ${error.message}`, 74));
  const summary = new TraceSummary();
  let proxy: ProxyThread;
  const server = args.to;
  const read = (records: readonly TraceRecord[]) => {
    summary.read(records);
    let lines = '';
    let ndjson = '';
    for (const record of records) {
      const line = traceLine(record);
      if (line) lines += `${line}\n`;
      if (out) ndjson += traceNdjsonLine(record, server) ?? '';
    }
    // A slow terminal or disk makes the trace drop records (counted as a gap), never the app wait.
    if (lines !== '' && !process.stdout.write(lines)) wait('stdout', process.stdout);
    if (ndjson !== '' && out !== undefined && !out.write(ndjson)) wait('file', out);
  };
  /** What is full now; the trace reads on once nothing is. */
  const full = new Set<string>();
  const wait = (what: string, stream: NodeJS.WritableStream) => {
    if (full.has(what)) return;
    full.add(what);
    proxy.pause();
    stream.once('drain', () => {
      full.delete(what);
      if (full.size === 0) proxy.resume();
    });
  };
  try {
    proxy = new ProxyThread({ target: args.to, tls: { ca, rejectUnauthorized: !args.insecure }, port, reader: read, onFailure: (message) => fail(`${message}.`, 70) });
  } catch (error) {
    if (error instanceof ProxyStartError || error instanceof AriConfigError) fail(error.message);
    throw error;
  }
  try {
    const url = await proxy.listen();
    console.error(`trace: forwarding ${url} → ${proxy.targetUrl.toString()}. Point your ARI app at ${url} instead of Asterisk.${args.out ? ` Records go to ${args.out}.` : ''} Ctrl+C stops.`);
  } catch (error) {
    fail((error as Error).message, 69);
  }
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await proxy.close();
    if (out) await new Promise((resolve) => out.end(resolve));
    console.error(`trace: stopped. ${summary.text}.`);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

void main();
