import type { TraceRecord, TracedSocket } from './TraceRecord';

/** What a trace has seen so far, for its tree node, the status bar and the command line's last line. */
export class TraceSummary {
  private readonly open = new Map<number, TracedSocket>();
  exchanges = 0;
  /** Exchanges answered 4xx or 5xx, or not at all. */
  failedExchanges = 0;
  events = 0;
  /** Records the tap dropped, and streams it could not read. */
  gaps = 0;
  socketsSeen = 0;

  read(records: readonly TraceRecord[]): void {
    for (const record of records) {
      switch (record.kind) {
        case 'rest':
          this.exchanges++;
          if (record.status >= 400 || record.status === 0) this.failedExchanges++;
          break;
        case 'event':
          this.events++;
          break;
        case 'gap':
          this.gaps += Math.max(record.dropped, 1);
          break;
        case 'socket':
          if (record.state === 'opened') {
            this.open.set(record.socketId, record);
            this.socketsSeen++;
          } else this.open.delete(record.socketId);
          break;
        case 'restStarted':
          break;
      }
    }
  }

  /** The events sockets open through the proxy now: one per client connection. */
  get openSockets(): readonly TracedSocket[] {
    return [...this.open.values()];
  }

  /** The apps the open sockets register. */
  get apps(): string[] {
    return [...new Set(this.openSockets.flatMap((s) => s.apps))].sort();
  }

  /** "2 sockets (billing, queue) · 34 REST (1 failed) · 120 events · no gaps" */
  get text(): string {
    const sockets = this.open.size;
    const apps = this.apps;
    return [
      sockets === 0 ? 'no app connected' : `${sockets} socket${sockets === 1 ? '' : 's'} (${apps.join(', ') || 'no app'})`,
      `${this.exchanges} REST${this.failedExchanges > 0 ? ` (${this.failedExchanges} failed)` : ''}`,
      `${this.events} event${this.events === 1 ? '' : 's'}`,
      this.gaps === 0 ? 'no gaps' : `${this.gaps} dropped from the trace`,
    ].join(' · ');
  }
}
