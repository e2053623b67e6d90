import type { AriHttpMethod } from '../ari/generated/ariOperations';
import { requestUri, type ConsoleRequest } from './ConsoleRequest';

/**
 * A REST request as a text frame on an events WebSocket (Asterisk 20.14, 21.9, 22.4 and later;
 * docs/ari-behaviour.md#rest-over-websocket). Asterisk answers with a RESTResponse event that
 * carries the same `request_id` and whose `message_body` is JSON text, to be parsed again.
 */
export interface RestRequestFrame {
  readonly type: 'RESTRequest';
  readonly request_id: string;
  readonly method: AriHttpMethod;
  /** Relative to /ari, no leading slash, with the query as over HTTP: 'channels/abc/move?app=x'. */
  readonly uri: string;
  /** Present with a body only: Asterisk refuses a message_body without it. */
  readonly content_type?: 'application/json';
  /** The JSON body as text. */
  readonly message_body?: string;
}

/**
 * The frame that makes the same request as `request` over HTTP. The query stays in `uri`, encoded
 * as over HTTP: Asterisk 22.10.1 decodes it the same way, `+` as a space included
 * (test/integration/consoleSnippets.test.ts sends such a frame).
 */
export function restRequestFrame(request: ConsoleRequest, requestId: string): RestRequestFrame {
  const frame: RestRequestFrame = { type: 'RESTRequest', request_id: requestId, method: request.method, uri: requestUri(request) };
  if (request.body === undefined) return frame;
  return { ...frame, content_type: 'application/json', message_body: JSON.stringify(request.body) };
}
