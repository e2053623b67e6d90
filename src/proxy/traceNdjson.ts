import type { TraceRecord } from './TraceRecord';

const decoder = new TextDecoder();

/**
 * A record as a line of the NDJSON the Event Inspector imports (src/inspector/Ndjson.ts): events
 * as the inspector's own export writes them, REST exchanges as exchange lines. Requests without
 * their answer yet, sockets and gaps have no line. The server is named, never its credentials
 * (the records carry none).
 */
export function traceNdjsonLine(record: TraceRecord, server: string): string | undefined {
  switch (record.kind) {
    case 'event':
      return `{"server":${JSON.stringify(server)},"serverId":${JSON.stringify(server)},"receivedAt":${record.at},"event":${decoder.decode(record.frame)}}\n`;
    case 'rest':
      return `${JSON.stringify({ server, serverId: server, at: record.at, exchange: record })}\n`;
    default:
      return undefined;
  }
}
