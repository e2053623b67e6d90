import type { ConsoleRequest, ConsoleTarget } from '../ConsoleRequest';
import { restRequestFrame } from '../restRequestFrame';

/**
 * The RESTRequest frame to send as text on an events WebSocket
 * (`ws://host:port/ari/events?app=<name>`), pretty-printed: the frame the console sends, with the
 * operation as its request_id. The target does not show: the socket already names the server.
 */
export function wsFrameSnippet(request: ConsoleRequest, _target: ConsoleTarget): string {
  return JSON.stringify(restRequestFrame(request, request.operationId), null, 2);
}
