import type { RestExchange } from '../proxy/TraceRecord';

/**
 * A time in ms since the epoch that a Date can hold (ECMA-262: ±8.64e15). The page formats times
 * with toISOString, which throws beyond; a record checked by this never makes it throw.
 */
export function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= 8.64e15;
}

/**
 * What is wrong with a value that should be a REST exchange as the trace records it, or undefined.
 * An exchange comes from a file (an import) or across the webview boundary, so every field the
 * inspector reads is checked: the page renders a checked record, never a guess.
 */
export function exchangeShapeProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'it is not an object';
  if (value.kind !== 'rest') return 'its "kind" is not "rest"';
  for (const key of ['exchangeId', 'status', 'durationMs'] as const) {
    if (typeof value[key] !== 'number' || !Number.isFinite(value[key])) return `its "${key}" is not a number`;
  }
  if (!isTime(value.at)) return 'its "at" is not a time (ms since 1970)';
  if (value.via !== 'http' && value.via !== 'websocket') return 'its "via" is neither "http" nor "websocket"';
  for (const key of ['method', 'resource'] as const) if (typeof value[key] !== 'string') return `its "${key}" is not a string`;
  for (const key of ['query', 'requestHeaders', 'responseHeaders'] as const) if (!isPairs(value[key])) return `its "${key}" is not a list of [name, value] pairs`;
  for (const key of ['reason', 'requestId', 'failure'] as const) if (value[key] !== undefined && typeof value[key] !== 'string') return `its "${key}" is not a string`;
  if (value.socketId !== undefined && typeof value.socketId !== 'number') return 'its "socketId" is not a number';
  for (const key of ['requestBody', 'responseBody'] as const) if (value[key] !== undefined && !isBody(value[key])) return `its "${key}" is not a body (text, bytes, truncated)`;
  return undefined;
}

export function isRestExchange(value: unknown): value is RestExchange {
  return exchangeShapeProblem(value) === undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isPairs(v: unknown): boolean {
  return Array.isArray(v) && v.every((pair) => Array.isArray(pair) && pair.length === 2 && typeof pair[0] === 'string' && typeof pair[1] === 'string');
}

function isBody(v: unknown): boolean {
  return isObject(v) && typeof v.text === 'string' && typeof v.bytes === 'number' && typeof v.truncated === 'boolean' && (v.contentType === undefined || typeof v.contentType === 'string');
}
