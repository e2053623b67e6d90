import * as vscode from 'vscode';
import type { EventsLinkStatus } from '../ari/AriEventsClient';
import type { Disposable } from '../ari/Emitter';
import { describeEvent } from '../model/describeEvent';
import type { SettledMove } from '../model/moves/MoveTracker';
import type { ServerSession } from '../model/session/ServerSession';
import { followSessions } from './servers/followSessions';
import type { ServerManager } from './servers/ServerManager';

/**
 * Everything that happens, in the "Stasis Explorer" log channel: lifecycle at info, one line per
 * event at debug, move failures at warn, errors at error. The level is VS Code's own setting.
 */
export class OutputLogger implements vscode.Disposable {
  private readonly subscription: Disposable;

  constructor(
    readonly log: vscode.LogOutputChannel,
    manager: ServerManager,
  ) {
    this.subscription = followSessions(manager, (session, server) => this.follow(server.name, session));
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private follow(server: string, session: ServerSession): Disposable[] {
    const p = `[${server}]`;
    return [
      session.onLinkStatus(({ apps, status }) => {
        const line = `${p} events link (${apps.join(', ') || 'no apps'}): ${linkText(status)}`;
        if (status.state === 'gaveUp') this.log.error(line);
        else this.log.info(line);
      }),
      session.onResync((r) => this.log.info(`${p} resynced from REST: ${Object.entries(r.counts).map(([what, n]) => `${n} ${what}`).join(', ')} on the server (${r.durationMs} ms)`)),
      session.onEvent((logged) => {
        // Formatting every event costs time on the socket's read path; skip it unless it is shown.
        const level = this.log.logLevel;
        if (level !== vscode.LogLevel.Off && level <= vscode.LogLevel.Debug) this.log.debug(`${p}${logged.fromWatcher ? ' (watcher)' : ''} ${describeEvent(logged.event)}`);
      }),
      session.onAppReplaced((app) => this.log.warn(`${p} application "${app}" was taken over by another ARI client (ApplicationReplaced); Stasis Explorer no longer receives its events.`)),
      session.onProblem((problem) => this.log.warn(`${p} ${problem.message}${problem.detail ? ` ${JSON.stringify(problem.detail)}` : ''}`)),
      session.moves.onDidSettle((move) => this.logMove(p, session, move)),
      // What a traced app's own REST calls got (docs/trace-proxy.md), explained as ours are.
      session.trace.onRestError((e) => this.log.warn(`${p} traced app: ${e.message}`)),
    ];
  }

  private logMove(p: string, session: ServerSession, move: SettledMove): void {
    const channel = session.model.channels.get(move.channelId)?.snapshot.name ?? move.channelId;
    const what = `${move.by === 'tracedApp' ? "traced app's " : ''}move of ${JSON.stringify(channel)} (${move.channelId}) to "${move.to}" with args ${JSON.stringify(move.args)}`;
    const outcome = move.outcome;
    switch (outcome.kind) {
      case 'moved':
        if (outcome.warning) this.log.warn(`${p} ${what}: moved, but ${outcome.warning}`);
        else this.log.info(`${p} ${what}: moved (StasisEnd in "${move.from ?? '?'}", StasisStart in "${move.to}")`);
        return;
      case 'failed':
        this.log.warn(`${p} ${what} FAILED: ApplicationMoveFailed (destination "${outcome.destination}", args ${JSON.stringify(outcome.args)}); the channel stays in "${move.from ?? '?'}". Is "${move.to}" registered and connected?`);
        return;
      case 'skipped':
        this.log.warn(`${p} ${what}: skipped, ${outcome.reason}`);
        return;
      case 'rejected':
        this.log.error(`${p} ${what} rejected: ${outcome.error.message}`);
        return;
      case 'timedOut':
        this.log.warn(`${p} ${what}: no outcome within ${outcome.afterMs / 1000} s`);
        return;
      case 'unknown':
        this.log.warn(`${p} ${what}: outcome unknown, ${outcome.reason}`);
        return;
    }
  }
}

function linkText(status: EventsLinkStatus): string {
  switch (status.state) {
    case 'connecting':
      return `connecting (attempt ${status.attempt})`;
    case 'open':
      return 'open';
    case 'closed':
      return `closed: ${status.reason}`;
    case 'retrying':
      return `retrying in ${(status.inMs / 1000).toFixed(1)} s (attempt ${status.attempt})`;
    case 'gaveUp':
      return `gave up: ${status.reason}`;
    case 'stopped':
      return 'stopped';
  }
}
