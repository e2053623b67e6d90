import type { TraceRecord } from './TraceRecord';

const decoder = new TextDecoder();

/**
 * A record as a line of the NDJSON the Event Inspector imports (src/inspector/Ndjson.ts): events
 * as the inspector's own export writes them, REST exchanges as exchange lines. Requests without
 * their answer yet, sockets, gaps and frames that are not JSON have no line. The server is named, never its credentials
 * (the records carry none).
 */
export function traceNdjsonLine(record: TraceRecord, server: string): string | undefined {
  switch (record.kind) {
    case 'event': {
      // Parsed and written again: with pretty=yes in ari.conf a frame's JSON spans lines (docs/ari-behaviour.md#framing).
      const event = parsed(decoder.decode(record.frame));
      return event === undefined ? undefined : `${JSON.stringify({ server, serverId: server, receivedAt: record.at, event })}\n`;
    }
    case 'rest':
      return `${JSON.stringify({ server, serverId: server, at: record.at, exchange: record })}\n`;
    default:
      return undefined;
  }
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
