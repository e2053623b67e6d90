import { AriError } from '../../ari/AriError';
import { describeOperation } from '../../ari/describeOperation';
import { Emitter } from '../../ari/Emitter';
import { explainHttpStatus } from '../../ari/explainAriFailure';
import { asteriskMessageIn } from '../../ari/jsonText';
import { matchOperation } from '../../ari/matchOperation';
import { readFrame, type FrameProblem, type ReceivedEvent } from '../../ari/readFrame';
import type { RestExchange, RestStarted, TraceRecord, TracedBody } from '../../proxy/TraceRecord';
import type { MoveTracker } from '../moves/MoveTracker';
import type { Normaliser } from '../normalise/Normaliser';
import type { MoveController } from '../session/MoveController';
import { ExchangeLog, type LoggedExchange } from './ExchangeLog';
import { TracedApps } from './TracedApps';

/** A REST call of a traced app that failed, explained as our own calls' failures are. */
export interface TracedRestError {
  readonly exchange: RestExchange;
  /** "Move channel "…" to "x" failed: …", naming the operation, what Asterisk said and what to do. */
  readonly message: string;
}

export interface TraceFeedParts {
  readonly serverId: string;
  readonly serverName: string;
  /**
   * An event as the traced app got it: read as that app's own (as our own apps' are), or, from a
   * `subscribeAll` socket and not one of its app's Stasis events, as an observation (as the
   * watcher's copies are): such a socket hears every channel, in its app or not.
   */
  readonly receive: (received: ReceivedEvent, observed: boolean) => void;
  readonly frameProblem: (problem: FrameProblem) => void;
  /** Tracks the moves the traced app asks for, as ours are. */
  readonly moves: Pick<MoveController, 'tracedMove'>;
  readonly tracker: Pick<MoveTracker, 'reject' | 'linkLost'>;
  /** Told when a traced client's sockets show an app gaining or losing its client (docs/ari-behaviour.md#inactive-apps). */
  readonly normaliser: Pick<Normaliser, 'appActivity'>;
  /** The trace dropped records (its reader fell behind): what the model read of the traced apps is no longer whole. */
  readonly missed: () => void;
  readonly onListenerError: (error: unknown) => void;
  readonly capacity?: number;
}

/**
 * What a session makes of a trace of the user's own app (docs/trace-proxy.md): the events its
 * sockets got feed the model as that app's own, the moves it asks for are tracked like ours, and
 * its REST exchanges are kept for the Event Inspector, with every failure explained.
 */
export class TraceFeed {
  readonly exchanges: ExchangeLog;
  readonly apps = new TracedApps();
  private readonly moves = new Map<number, number>();
  private readonly exchangeEmitter: Emitter<LoggedExchange>;
  private readonly errorEmitter: Emitter<TracedRestError>;
  private readonly changeEmitter: Emitter<void>;

  /** Each exchange once its answer came (or did not). */
  readonly onExchange: Emitter<LoggedExchange>['event'];
  readonly onRestError: Emitter<TracedRestError>['event'];
  /** The traced apps changed. */
  readonly onDidChangeApps: Emitter<void>['event'];

  constructor(private readonly parts: TraceFeedParts) {
    this.exchanges = new ExchangeLog(parts.capacity);
    this.exchangeEmitter = new Emitter(parts.onListenerError);
    this.errorEmitter = new Emitter(parts.onListenerError);
    this.changeEmitter = new Emitter(parts.onListenerError);
    this.onExchange = this.exchangeEmitter.event;
    this.onRestError = this.errorEmitter.event;
    this.onDidChangeApps = this.changeEmitter.event;
  }

  /** Whether a traced client's socket registers `app`. */
  hears(app: string): boolean {
    return this.apps.hears(app);
  }

  read(records: readonly TraceRecord[]): void {
    for (const record of records) {
      switch (record.kind) {
        case 'event': {
          // Its own bytes already (recordTransfer.ts): read as a Buffer, not copied again.
          const frame = Buffer.from(record.frame.buffer, record.frame.byteOffset, record.frame.byteLength);
          const event = readFrame(frame, this.parts.frameProblem);
          if (event) this.parts.receive({ event, frame, receivedAt: record.at }, this.apps.subscribedToAll(record.socketId) && !STASIS_EVENTS.has(event.type));
          break;
        }
        case 'socket': {
          if (record.state === 'refused') break;
          const gone = this.apps.read(record);
          this.clientGone(gone, `the traced client's events socket for it closed (${record.reason ?? 'closed'})`);
          if (record.state === 'opened') for (const app of record.apps) this.parts.normaliser.appActivity(app, true, 'a traced client registered it');
          this.changeEmitter.fire();
          break;
        }
        case 'restStarted':
          this.started(record);
          break;
        case 'rest':
          this.completed(record);
          break;
        case 'gap':
          // The app got events the model did not: REST tells where things stand now.
          if (record.dropped > 0 || record.unreadable === 'frames') this.parts.missed();
          break;
      }
    }
  }

  /** The trace stopped: nothing more comes through it, and its clients' sockets were closed with it. */
  stopped(): void {
    const apps = this.apps.apps;
    this.apps.clear();
    this.clientGone(apps, 'the trace it went through stopped, closing its client\'s events socket');
    this.moves.clear();
    this.changeEmitter.fire();
  }

  dispose(): void {
    for (const e of [this.exchangeEmitter, this.errorEmitter, this.changeEmitter]) e.dispose();
  }

  /** No traced socket holds these apps now: as far as we know they have no client, and their moves' outcomes will not come. */
  private clientGone(apps: readonly string[], because: string): void {
    if (apps.length === 0) return;
    for (const app of apps) this.parts.normaliser.appActivity(app, false, because);
    this.parts.tracker.linkLost(because, apps);
  }

  private started(request: RestStarted): void {
    const op = matchOperation(request.method, request.resource, [...bodyParams(request.requestBody), ...request.query]);
    if (op?.id !== 'channels.move' || !op.params.app) return;
    const args = op.params.appArgs ? op.params.appArgs.split(',') : [];
    try {
      this.moves.set(request.exchangeId, this.parts.moves.tracedMove(op.params.channelId, op.params.app, args).id);
    } catch {
      // A move Asterisk will refuse (a bad app name): its answer tells, as a REST error.
    }
  }

  private completed(exchange: RestExchange): void {
    const logged = this.exchanges.append(this.parts.serverId, exchange);
    const moveId = this.moves.get(exchange.exchangeId);
    this.moves.delete(exchange.exchangeId);
    const error = exchange.status >= 400 || exchange.status === 0 ? this.explain(exchange) : undefined;
    if (error && moveId !== undefined) this.parts.tracker.reject(moveId, new Error(error));
    this.exchangeEmitter.fire(logged);
    if (error) this.errorEmitter.fire({ exchange, message: error });
  }

  private explain(exchange: RestExchange): string {
    const op = matchOperation(exchange.method, exchange.resource, [...bodyParams(exchange.requestBody), ...exchange.query]);
    const operation = op ? describeOperation(op.id, op.params, this.parts.serverName) : { description: `${exchange.method} /ari/${exchange.resource}` };
    const asteriskMessage = asteriskMessageIn(exchange.responseBody?.text);
    const advice = exchange.status === 0 ? `${exchange.failure ?? 'no answer'}.` : explainHttpStatus(operation, exchange.status, asteriskMessage, this.parts.serverName);
    return new AriError({ kind: exchange.status === 0 ? 'network' : 'http', server: this.parts.serverName, method: exchange.method, path: `/ari/${exchange.resource}`, operation, status: exchange.status || undefined, asteriskMessage, advice }).message;
  }
}

/** The Stasis events of a socket's own app: never observations, even from a subscribeAll socket. */
const STASIS_EVENTS = new Set(['StasisStart', 'StasisEnd', 'ApplicationMoveFailed', 'ApplicationReplaced']);

/**
 * The parameters a JSON body carries, as ARI reads them: its string members named like query
 * parameters, read after the query, so they win (docs/ari-behaviour.md#request-encoding); put
 * first, as matchOperation keeps the first value of a name.
 */
function bodyParams(body: TracedBody | undefined): [string, string][] {
  if (!body || body.truncated || !/json/i.test(body.contentType ?? 'application/json')) return [];
  try {
    const value: unknown = JSON.parse(body.text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
    return Object.entries(value as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  } catch {
    return [];
  }
}
