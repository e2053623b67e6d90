import type { Clock } from '../ari/Clock';
import { parseJson } from '../ari/jsonText';
import type { Disposable } from '../ari/Emitter';
import type { AriRestClient, RawAnswer } from '../ari/AriRestClient';
import type { CatalogueOperation } from '../ari/spec/AriCatalogue';
import type { LoggedEvent } from '../model/EventLog';
import { CAUSED_WINDOW_MS, CausedEvents } from './CausedEvents';
import { requestUri, type ConsoleRequest } from './ConsoleRequest';
import { explainAnswer } from './explainAnswer';
import type { AnswerView, CausedEventView } from './protocol';
import { restRequestFrame } from './restRequestFrame';
import { RestOverSocket } from './RestOverSocket';

/** What the console needs of a connected server (a ServerSession has it all). */
export interface ConsoleServerSide {
  readonly name: string;
  readonly rest: Pick<AriRestClient, 'send'>;
  readonly clock: Clock;
  onEvent(listener: (logged: LoggedEvent) => void): Disposable;
  sendOnEventsSocket(text: string): boolean;
}

/** What became of one request: its answer, or why none came. */
export type SendOutcome = { readonly ok: true; readonly answer: AnswerView } | { readonly ok: false; readonly message: string };

/**
 * Sends a console request over HTTP or as a RESTRequest frame on our events socket, reads the
 * answer (JSON parsed, errors explained), and links the events it caused as they come, for
 * CAUSED_WINDOW_MS after the answer.
 */
export class ConsoleSender {
  private readonly socket: RestOverSocket;
  /** The requests whose caused events are still watched. */
  private readonly watching = new Set<Disposable>();

  constructor(private readonly server: ConsoleServerSide) {
    this.socket = new RestOverSocket({ send: (text) => server.sendOnEventsSocket(text), onEvent: (listener) => server.onEvent((logged) => listener(logged.event)) }, server.clock, server.name);
  }

  async send(key: number, op: CatalogueOperation, request: ConsoleRequest, via: AnswerView['via'], caused: (event: CausedEventView) => void): Promise<SendOutcome> {
    const watch = new CausedEvents(request.params, (e) => caused({ key, logId: e.logId, receivedAt: e.receivedAt, type: e.type, application: e.application, ...channelOf(e.event), event: e.event }));
    const listening = this.server.onEvent((logged) => watch.seen(logged.id, logged.receivedAt, logged.event));
    const subscription = { dispose: () => (this.watching.delete(subscription), listening.dispose()) };
    this.watching.add(subscription);
    let answer: AnswerView;
    try {
      const raw = via === 'http' ? await this.overHttp(op, request) : await this.overSocket(request);
      answer = this.viewOf(key, via, op, request, raw);
    } catch (error) {
      subscription.dispose();
      return { ok: false, message: (error as Error).message };
    }
    watch.answer(answer.body);
    this.server.clock.setTimeout(() => subscription.dispose(), CAUSED_WINDOW_MS);
    return { ok: true, answer };
  }

  /** Stops watching for the events of every request sent. */
  dispose(): void {
    for (const subscription of [...this.watching]) subscription.dispose();
  }

  private overHttp(op: CatalogueOperation, request: ConsoleRequest): Promise<RawAnswer> {
    const query = new URLSearchParams(request.query.map(([name, value]): [string, string] => [name, value]));
    const built = { method: request.method, resource: request.resource, query, ...(request.body !== undefined ? { body: request.body } : {}) };
    return this.server.rest.send(built, `${op.id} (${request.method} /ari/${requestUri(request)})`);
  }

  private async overSocket(request: ConsoleRequest): Promise<RawAnswer> {
    const frame = restRequestFrame(request, this.socket.newRequestId());
    const answer = await this.socket.send(frame);
    return { status: answer.status, statusMessage: answer.reason, headers: answer.contentType ? { 'content-type': answer.contentType } : {}, text: answer.text, durationMs: answer.durationMs };
  }

  private viewOf(key: number, via: AnswerView['via'], op: CatalogueOperation, request: ConsoleRequest, raw: RawAnswer): AnswerView {
    const headers = Object.entries(raw.headers).flatMap(([name, value]): [string, string][] => (value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => [name, v])));
    const explanation = explainAnswer(op, request.params, raw.status, raw.text, this.server.name);
    const body = parseJson(raw.text);
    return {
      key,
      via,
      status: raw.status,
      statusMessage: raw.statusMessage,
      headers,
      durationMs: raw.durationMs,
      text: raw.text,
      ...(body.ok ? { body: body.value } : {}),
      ...(explanation ? { explanation } : {}),
    };
  }
}

function channelOf(event: unknown): { channelId?: string } {
  const id = (event as { channel?: { id?: unknown } }).channel?.id;
  return typeof id === 'string' ? { channelId: id } : {};
}
