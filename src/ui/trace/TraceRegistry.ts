import { Emitter, type Disposable } from '../../ari/Emitter';
import type { SettledMove } from '../../model/moves/MoveTracker';
import type { ServerSession } from '../../model/session/ServerSession';
import type { ProxyThread } from '../../proxy/ProxyThread';
import type { TraceRecord } from '../../proxy/TraceRecord';
import { TraceSummary } from '../../proxy/TraceSummary';
import { core } from '../core';
import { followSessions } from '../servers/followSessions';
import type { ServerManager } from '../servers/ServerManager';
import type { ServerSettings } from '../servers/ServerSettings';

/** One server's trace: its proxy, and what it has seen. */
export interface ActiveTrace {
  readonly serverId: string;
  /** The address to give the user's app instead of Asterisk's. */
  readonly url: string;
  readonly summary: TraceSummary;
}

/** Where "Trace an App…" listens when the server's entry names no `tracePort`. */
export const DEFAULT_TRACE_PORT = 8089;

/**
 * The traces of the user's own apps, one per server at most (docs/trace-proxy.md): each a local
 * proxy whose records feed the server's session (when connected) and a summary. A session that
 * connects while a trace runs is told of the sockets already open through it. A trace follows
 * its server's settings: removed, it stops; pointed elsewhere, it starts again there. Plain
 * TypeScript: the proxy itself is loaded with the core, at the first trace.
 */
export class TraceRegistry implements Disposable {
  private readonly traces = new Map<string, ActiveTrace & { proxy: ProxyThread; port: number; settings: string }>();
  private readonly starting = new Map<string, Promise<ActiveTrace>>();
  private readonly changeEmitter = new Emitter<string>();
  private readonly failedMoveEmitter = new Emitter<{ session: ServerSession; move: SettledMove }>();
  private readonly problemEmitter = new Emitter<string>();
  private readonly following: Disposable;
  private readonly settingsFollowing: Disposable;
  private disposed = false;

  /** A trace started, stopped, or saw something (the server's id); fired at most once per batch of records. */
  readonly onDidChange = this.changeEmitter.event;
  /** A move the traced app asked for failed (Asterisk sent ApplicationMoveFailed). */
  readonly onTracedMoveFailed = this.failedMoveEmitter.event;
  /** A trace failed, or the one the settings ask for (`trace: true`) could not start: a sentence to show. */
  readonly onProblem = this.problemEmitter.event;

  constructor(private readonly manager: ServerManager) {
    this.following = followSessions(manager, (session, server) => {
      const trace = this.traces.get(session.id);
      if (trace) session.trace.read(trace.summary.openSockets);
      else if (server.trace) {
        const port = server.tracePort ?? DEFAULT_TRACE_PORT;
        this.start(server.id, port).catch((error: Error) => this.problemEmitter.fire(`${server.name}: the trace its settings ask for ("trace": true, on port ${port}) did not start: ${error.message}`));
      }
      return [
        session.moves.onDidSettle((move) => {
          if (move.by === 'tracedApp' && move.outcome.kind === 'failed') this.failedMoveEmitter.fire({ session, move });
        }),
      ];
    });
    this.settingsFollowing = manager.onDidChange((id) => this.followSettings(id));
  }

  get(serverId: string): ActiveTrace | undefined {
    return this.traces.get(serverId);
  }

  get all(): ActiveTrace[] {
    return [...this.traces.values()];
  }

  /** Starts the server's trace on `port` (127.0.0.1); rejects with what to do if the port is taken or the settings are unusable. */
  start(serverId: string, port: number): Promise<ActiveTrace> {
    const known = this.traces.get(serverId);
    if (known) return Promise.resolve(known);
    // A second start while the first is listening gets the first's trace, not a port conflict.
    let starting = this.starting.get(serverId);
    if (!starting) {
      starting = this.open(serverId, port).finally(() => this.starting.delete(serverId));
      this.starting.set(serverId, starting);
    }
    return starting;
  }

  private async open(serverId: string, port: number): Promise<ActiveTrace> {
    const server = this.manager.server(serverId);
    if (!server) throw new Error(`No configured server has id "${serverId}".`);
    const { ProxyThread } = await core();
    const summary = new TraceSummary();
    const read = (records: readonly TraceRecord[]) => {
      summary.read(records);
      this.manager.server(serverId)?.session?.trace.read(records);
      this.changeEmitter.fire(serverId);
    };
    // The settings as they are now, once: the manager edits its entries in place while this waits.
    const settings = server.settings;
    const failed = (message: string) => {
      if (this.traces.get(serverId)?.proxy !== proxy) return;
      this.forget(serverId);
      this.problemEmitter.fire(`${settings.name}: the trace stopped: ${message}. Start it again with ARI: Trace an App….`);
    };
    const proxy: ProxyThread = new ProxyThread({ target: settings.url, tls: await this.manager.tlsOf(settings), port, reader: read, onFailure: failed });
    const url = await proxy.listen();
    if (this.disposed) {
      await proxy.close();
      throw new Error('Stasis Explorer is shutting down.');
    }
    const trace = { serverId, url, summary, proxy, port, settings: targetOf(settings) };
    this.traces.set(serverId, trace);
    this.changeEmitter.fire(serverId);
    // Removed or edited while it started: followed now.
    setImmediate(() => this.followSettings(serverId));
    return trace;
  }

  /** Stops the trace (one still starting, once it has); the apps' connections through it end (they see it go as if Asterisk had). */
  async stop(serverId: string): Promise<boolean> {
    await this.starting.get(serverId)?.catch(() => undefined);
    const trace = this.traces.get(serverId);
    if (!trace) return false;
    await trace.proxy.close();
    this.forget(serverId);
    return true;
  }

  private forget(serverId: string): void {
    if (!this.traces.delete(serverId)) return;
    this.manager.server(serverId)?.session?.trace.stopped();
    this.changeEmitter.fire(serverId);
  }

  /** A traced server removed stops its trace; one now at another address or with other TLS settings is traced there. */
  private followSettings(serverId: string | undefined): void {
    for (const trace of [...this.traces.values()]) {
      if (serverId !== undefined && trace.serverId !== serverId) continue;
      const server = this.manager.server(trace.serverId);
      if (server && targetOf(server.settings) === trace.settings) continue;
      void this.stop(trace.serverId).then(() => {
        if (!server) return;
        this.start(trace.serverId, trace.port).catch((error: Error) => this.problemEmitter.fire(`${server.settings.name}: its settings changed, and the trace did not start again at the new address: ${error.message}`));
      });
    }
  }

  dispose(): void {
    this.disposed = true;
    this.following.dispose();
    this.settingsFollowing.dispose();
    for (const id of [...this.traces.keys()]) void this.stop(id);
    this.changeEmitter.dispose();
    this.failedMoveEmitter.dispose();
    this.problemEmitter.dispose();
  }
}

/** What a trace forwards to, from a server's settings: when it changes, the trace follows. */
function targetOf(settings: ServerSettings): string {
  return JSON.stringify([settings.url, settings.tls ?? {}]);
}
