#!/usr/bin/env node
// A stand-in Asterisk for bench/ingest.mjs: it serves the recorded events (bench/data) on the ARI
// events WebSocket, the ARI spec at /ari/api-docs/*.json (ari-client loads it before anything
// else), and the few REST answers a client needs to connect. Every socket is held after its
// handshake until POST /bench/release, then gets its apps' frames in recorded order, as fast as
// its client reads them (the WebSocket frames are encoded once, up front, so the server costs
// next to nothing per event).
//
//   node bench/replayServer.mjs [--port 0]     prints {"url": …} once listening
//
// GET /bench/info says how many frames a client that registers every recorded app receives.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { readRecording } from './recording.mjs';

export const REPLAY_USERNAME = 'asterisk';
export const REPLAY_PASSWORD = 'replay-secret';

const SPEC_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../spec/ari/api-docs');
const WEBSOCKET_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
/** Bytes gathered per socket before a write: small enough that the sockets' streams stay close to the recorded interleaving. */
const WRITE_CHUNK = 16 * 1024;

export async function startReplayServer({ port = 0 } = {}) {
  const recording = readRecording();
  const frames = recording.frames.map((f) => ({ app: f.app, wire: encodeFrame(Buffer.from(f.text, 'utf8'), 0x1) }));
  const apps = recording.meta.apps.map((a) => a.name);
  const held = new Set();

  const server = http.createServer((req, res) => answerHttp(req, res));
  server.on('upgrade', (req, socket) => acceptEventsSocket(req, socket));
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;

  function answerHttp(req, res) {
    const reqUrl = new URL(req.url, url);
    const reply = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.method === 'POST' && reqUrl.pathname === '/bench/release') return reply(200, { sockets: release() });
    if (req.method === 'GET' && reqUrl.pathname === '/bench/info') return reply(200, { frames: frames.length, apps });
    if (!authorized(req, reqUrl)) {
      res.writeHead(401, { 'www-authenticate': 'Basic realm="Asterisk REST Interface"', 'content-type': 'application/json' });
      return res.end(JSON.stringify({ message: 'Authentication required' }));
    }
    if (req.method !== 'GET') return reply(404, { message: 'Not found in the replay server' });
    const doc = /^\/ari\/api-docs\/(\w+)\.json$/.exec(reqUrl.pathname);
    // Asterisk rewrites basePath to the address it was asked on; swagger clients call that.
    if (doc) return reply(200, { ...specDoc(doc[1]), basePath: `http://${req.headers.host}/ari` });
    switch (reqUrl.pathname) {
      case '/ari/asterisk/info':
        return reply(200, recording.meta.asteriskInfo);
      case '/ari/asterisk/ping':
        return reply(200, { asterisk_id: recording.meta.asteriskInfo.system.entity_id, ping: 'pong', timestamp: new Date().toISOString() });
      case '/ari/applications':
        return reply(200, apps.map((name) => ({ name, channel_ids: [], bridge_ids: [], endpoint_ids: [], device_names: [], events_allowed: [], events_disallowed: [] })));
      case '/ari/channels':
      case '/ari/bridges':
      case '/ari/endpoints':
        return reply(200, []);
      default:
        return reply(404, { message: 'Not found in the replay server' });
    }
  }

  function acceptEventsSocket(req, socket) {
    const reqUrl = new URL(req.url, url);
    const refuse = (status, text) => socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
    if (reqUrl.pathname !== '/ari/events') return refuse(404, 'Not Found');
    if (!authorized(req, reqUrl)) return refuse(401, 'Unauthorized');
    const wanted = (reqUrl.searchParams.get('app') ?? '').split(',').filter(Boolean);
    if (wanted.length === 0) return refuse(400, 'Bad Request');
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${WEBSOCKET_GUID}`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    socket.setNoDelay(true);
    const link = { socket, apps: new Set(wanted), pending: [], pendingBytes: 0, unread: Buffer.alloc(0) };
    held.add(link);
    socket.on('data', (chunk) => answerControlFrames(link, chunk));
    socket.on('close', () => held.delete(link));
    socket.on('error', () => undefined);
  }

  /** Starts streaming to every socket held now; returns how many. */
  function release() {
    const links = [...held];
    held.clear();
    void stream(links);
    return links.length;
  }

  async function stream(links) {
    const linksByApp = new Map();
    for (const link of links) {
      for (const app of link.apps) linksByApp.set(app, [...(linksByApp.get(app) ?? []), link]);
    }
    for (const frame of frames) {
      for (const link of linksByApp.get(frame.app) ?? []) {
        link.pending.push(frame.wire);
        link.pendingBytes += frame.wire.length;
        if (link.pendingBytes >= WRITE_CHUNK) await flush(link);
      }
    }
    for (const link of links) await flush(link);
  }

  return {
    url,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

function authorized(req, reqUrl) {
  const expected = `${REPLAY_USERNAME}:${REPLAY_PASSWORD}`;
  // Like Asterisk: a Basic header, or else api_key=user:password (what ari-client sends).
  if (req.headers.authorization) return req.headers.authorization === `Basic ${Buffer.from(expected).toString('base64')}`;
  return reqUrl.searchParams.get('api_key') === expected;
}

const specCache = new Map();
function specDoc(name) {
  if (!specCache.has(name)) specCache.set(name, JSON.parse(fs.readFileSync(path.join(SPEC_DIR, `${name}.json`), 'utf8')));
  return specCache.get(name);
}

/** Writes what the socket has pending; waits while the client is behind (TCP backpressure). */
async function flush(link) {
  if (link.pending.length === 0 || link.socket.destroyed) return;
  const data = Buffer.concat(link.pending, link.pendingBytes);
  link.pending = [];
  link.pendingBytes = 0;
  if (!link.socket.write(data)) {
    await new Promise((resolve) => {
      const resume = () => {
        link.socket.off('drain', resume);
        link.socket.off('close', resume);
        resolve();
      };
      link.socket.on('drain', resume);
      link.socket.on('close', resume);
    });
  }
}

/** An unmasked (server-to-client) WebSocket frame with FIN set. */
function encodeFrame(payload, opcode) {
  const length = payload.length;
  const header = Buffer.alloc(length < 126 ? 2 : length < 65536 ? 4 : 10);
  header[0] = 0x80 | opcode;
  if (length < 126) {
    header[1] = length;
  } else if (length < 65536) {
    header[1] = 126;
    header.writeUInt16BE(length, 2);
  } else {
    header[1] = 127;
    header.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([header, payload]);
}

/** Clients send only control frames here: answer pings, and close when asked to. */
function answerControlFrames(link, chunk) {
  let data = Buffer.concat([link.unread, chunk]);
  while (data.length >= 2) {
    const opcode = data[0] & 0x0f;
    const masked = (data[1] & 0x80) !== 0;
    let length = data[1] & 0x7f;
    let offset = 2;
    if (length === 126) {
      if (data.length < 4) break;
      length = data.readUInt16BE(2);
      offset = 4;
    } else if (length === 127) {
      if (data.length < 10) break;
      length = Number(data.readBigUInt64BE(2));
      offset = 10;
    }
    const maskAt = offset;
    if (masked) offset += 4;
    if (data.length < offset + length) break;
    const payload = Buffer.from(data.subarray(offset, offset + length));
    if (masked) for (let i = 0; i < payload.length; i++) payload[i] ^= data[maskAt + (i % 4)];
    data = data.subarray(offset + length);
    if (opcode === 0x8) link.socket.end(encodeFrame(payload.subarray(0, 2), 0x8));
    else if (opcode === 0x9) link.socket.write(encodeFrame(payload, 0xa));
  }
  link.unread = data;
}

/** Runs the server in a process of its own (its own core), as ingest.mjs needs; resolves once it listens. */
export async function spawnReplayServer() {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout });
  const first = await new Promise((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`The replay server exited with code ${code} before listening.`)));
  });
  lines.close();
  return { url: JSON.parse(first).url, stop: () => child.kill() };
}

if (path.resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { port: { type: 'string', default: '0' } } });
  const server = await startReplayServer({ port: Number(values.port) });
  console.log(JSON.stringify({ url: server.url }));
}
