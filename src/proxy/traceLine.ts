import { readFrame } from '../ari/readFrame';
import { exchangeLine } from '../inspector/exchangeText';
import { describeEvent } from '../model/describeEvent';
import type { RestExchange, TraceRecord } from './TraceRecord';

/**
 * One readable line per record, for the command line (`npm run trace`): what the app asked and
 * what it got, each event it was told, its sockets coming and going. A request's line waits for
 * its answer; undefined for records with no line of their own.
 */
export function traceLine(record: TraceRecord): string | undefined {
  const time = new Date(record.at).toISOString().slice(11, 23);
  switch (record.kind) {
    case 'rest':
      return `${time} REST   ${exchangeText(record)}`;
    case 'event': {
      const event = readFrame(Buffer.from(record.frame.buffer, record.frame.byteOffset, record.frame.byteLength), () => undefined);
      return `${time} EVENT  [socket ${record.socketId}] ${event ? describeEvent(event) : `(not an ARI event: ${record.frame.byteLength} bytes)`}`;
    }
    case 'socket': {
      const apps = `app=${record.apps.join(',') || '(none)'}${record.subscribeAll ? ' subscribeAll' : ''}`;
      if (record.state === 'opened') return `${time} SOCKET [socket ${record.socketId}] opened: ${apps}`;
      if (record.state === 'refused') return `${time} SOCKET [socket ${record.socketId}] refused (${apps}): ${record.reason ?? `HTTP ${record.status ?? '?'}`}`;
      return `${time} SOCKET [socket ${record.socketId}] closed (${apps}): ${record.reason ?? 'closed'}`;
    }
    case 'gap':
      return `${time} GAP    ${record.reason ?? `${record.dropped} records dropped from the trace (it fell behind); the app's traffic itself lost nothing`}`;
    case 'restStarted':
      return undefined;
  }
}

/** The inspector's line of an exchange, with Asterisk's reason phrase and, for REST over WebSocket, its socket. */
function exchangeText(exchange: RestExchange): string {
  const line = exchangeLine(exchange);
  const via = exchange.via === 'websocket' ? ` [socket ${exchange.socketId ?? '?'}, REST over WebSocket]` : '';
  const reason = exchange.status !== 0 && exchange.reason ? ` ${exchange.reason}` : '';
  return `${line.method} ${line.path}${via} → ${line.answer}${reason} (${line.duration})`;
}
