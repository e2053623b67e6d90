import WebSocket from 'ws';
import type { AriEvent, RESTResponse } from '../../../src/ari/generated/ariTypes';
import { nextEvent } from './nextEvent';
import type { SandboxEnv } from './sandbox';

export interface WsRestRequest {
  readonly requestId?: string;
  readonly transactionId?: string;
  readonly query?: readonly { name: string; value: string }[];
}

/**
 * A user's app written against REST over WebSocket (Asterisk 22.4+,
 * docs/ari-behaviour.md#rest-over-websocket) with a plain `ws` socket: its REST requests travel
 * as RESTRequest frames on its events socket and come back as RESTResponse frames. It keeps every
 * text frame it got as bytes, so a trace of it can be held against them byte for byte.
 */
export class WsRestApp {
  /** Every text frame received, in order, as sent. */
  readonly frames: Buffer[] = [];
  /** The frames that are events, parsed: all but the RESTResponses. */
  readonly events: AriEvent[] = [];
  readonly responses: RESTResponse[] = [];
  /** When and how the socket closed (its `close` event). */
  readonly closed: Promise<{ code: number; at: number }>;
  private readonly waiting = new Map<string, (response: RESTResponse) => void>();
  private readonly listeners = new Set<(event: AriEvent) => void>();

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      if (isBinary) return;
      this.frames.push(data);
      const message = JSON.parse(data.toString('utf8')) as AriEvent;
      if (message.type === 'RESTResponse') {
        this.responses.push(message);
        const key = message.request_id || message.transaction_id;
        this.waiting.get(key)?.(message);
        this.waiting.delete(key);
        return;
      }
      this.events.push(message);
      for (const listener of this.listeners) listener(message);
    });
    this.closed = new Promise((resolve) => socket.once('close', (code: number) => resolve({ code, at: Date.now() })));
    socket.on('error', () => undefined);
  }

  /** Opens `<baseUrl>/ari/events?app=…` with a Basic header; resolves once Asterisk accepted it. */
  static async start(baseUrl: string, apps: readonly string[], env: Pick<SandboxEnv, 'username' | 'password'>): Promise<WsRestApp> {
    const url = `${baseUrl.replace(/^http/, 'ws')}/ari/events?app=${apps.map(encodeURIComponent).join(',')}`;
    const socket = new WebSocket(url, { headers: { Authorization: `Basic ${Buffer.from(`${env.username}:${env.password}`).toString('base64')}` } });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new WsRestApp(socket);
  }

  /** Sends one RESTRequest (`uri` relative to /ari) and resolves with its RESTResponse. */
  request(method: string, uri: string, options: WsRestRequest = {}, ms = 10_000): Promise<RESTResponse> {
    const key = options.requestId ?? options.transactionId;
    if (!key) throw new Error('a request needs a request_id or a transaction_id to be matched with its answer');
    const frame = { type: 'RESTRequest', method, uri, ...(options.requestId ? { request_id: options.requestId } : {}), ...(options.transactionId ? { transaction_id: options.transactionId } : {}), ...(options.query ? { query_strings: options.query } : {}) };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(key);
        reject(new Error(`no RESTResponse to ${method} ${uri} within ${ms} ms`));
      }, ms);
      this.waiting.set(key, (response) => {
        clearTimeout(timer);
        resolve(response);
      });
      this.socket.send(JSON.stringify(frame));
    });
  }

  /** Resolves with the first event (from now on, or already received when `past`) that matches. */
  next(predicate: (event: AriEvent) => boolean, what: string, ms = 10_000, past = true): Promise<AriEvent> {
    const seen = past ? this.events.find(predicate) : undefined;
    if (seen) return Promise.resolve(seen);
    return nextEvent(this.listeners, predicate, what, ms);
  }

  async close(): Promise<void> {
    if (this.socket.readyState !== WebSocket.CLOSED) this.socket.close();
    await this.closed;
  }
}
