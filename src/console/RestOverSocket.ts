import type { Disposable } from '../ari/Emitter';
import type { AriEvent, RESTResponse } from '../ari/generated/ariTypes';
import type { Clock } from '../ari/Clock';

/** A RESTResponse, read: its `message_body` is a JSON string (docs/ari-behaviour.md#rest-over-websocket), given here as it came. */
export interface SocketAnswer {
  readonly status: number;
  readonly reason: string;
  readonly contentType?: string;
  /** The message_body text ('' when there is none), to be parsed a second time. */
  readonly text: string;
  readonly durationMs: number;
}

/** What the console needs of a session to send over its events socket. */
export interface SocketSide {
  /** Sends a text frame on one of our open events sockets; false if none is open. */
  send(text: string): boolean;
  /** Every event our sockets receive (a RESTResponse among them). */
  onEvent(listener: (event: AriEvent) => void): Disposable;
}

const TIMEOUT_MS = 10_000;

/**
 * Sends RESTRequest frames (Asterisk 20.14, 21.9, 22.4 and later) on our events socket and pairs
 * each with the RESTResponse of the same `request_id`. An older Asterisk reads and drops the
 * frame without answering (docs/ari-behaviour.md#rest-over-websocket): the timeout then says so.
 */
export class RestOverSocket {
  private next = 1;

  constructor(
    private readonly side: SocketSide,
    private readonly clock: Clock,
    private readonly server: string,
    private readonly timeoutMs = TIMEOUT_MS,
  ) {}

  /** A request id no other request of ours on this server uses. */
  newRequestId(): string {
    return `stasis-explorer-console-${Date.now().toString(36)}-${this.next++}`;
  }

  send(frame: { readonly request_id: string }): Promise<SocketAnswer> {
    return new Promise((resolve, reject) => {
      const started = performance.now();
      const subscription = this.side.onEvent((event) => {
        if (event.type !== 'RESTResponse' || event.request_id !== frame.request_id) return;
        done();
        resolve(read(event, performance.now() - started));
      });
      const timer = this.clock.setTimeout(() => {
        done();
        reject(new Error(`No RESTResponse from ${this.server} within ${this.timeoutMs / 1000} s. REST over WebSocket needs Asterisk 20.14, 21.9, 22.4 or newer; older versions read the frame and drop it. Send it over HTTP instead.`));
      }, this.timeoutMs);
      const done = () => {
        subscription.dispose();
        this.clock.clearTimeout(timer);
      };
      if (!this.side.send(JSON.stringify(frame))) {
        done();
        reject(new Error(`None of Stasis Explorer's events sockets to ${this.server} is open, so the request was not sent. Connect the server (or wait for it to reconnect), or send over HTTP.`));
      }
    });
  }
}

function read(event: RESTResponse, durationMs: number): SocketAnswer {
  const text = typeof event.message_body === 'string' ? event.message_body : '';
  return { status: event.status_code, reason: event.reason_phrase, ...(event.content_type ? { contentType: event.content_type } : {}), text, durationMs };
}
