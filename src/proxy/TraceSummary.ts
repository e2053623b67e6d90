import type { TraceRecord, TracedSocket } from './TraceRecord';

/** What a trace has seen so far, for its tree node, the status bar and the command line's last line. */
export class TraceSummary {
  private readonly open = new Map<number, TracedSocket>();
  exchanges = 0;
  /** Exchanges answered 4xx or 5xx, or not at all. */
  failedExchanges = 0;
  events = 0;
  /** Records the tap dropped because its reader fell behind. */
  dropped = 0;
  /** Streams (a connection's HTTP, a socket's frames) the tap stopped reading; their bytes still passed. */
  unreadable = 0;
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
          this.dropped += record.dropped;
          if (record.unreadable) this.unreadable++;
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

  /** "2 sockets (billing, queue) · 34 REST (1 failed) · 120 events · no gaps" (or "12 dropped from the trace, 1 unreadable") */
  get text(): string {
    const sockets = this.open.size;
    const apps = this.apps;
    return [
      sockets === 0 ? 'no app connected' : `${sockets} socket${sockets === 1 ? '' : 's'} (${apps.join(', ') || 'no app'})`,
      `${this.exchanges} REST${this.failedExchanges > 0 ? ` (${this.failedExchanges} failed)` : ''}`,
      `${this.events} event${this.events === 1 ? '' : 's'}`,
      this.dropped === 0 && this.unreadable === 0 ? 'no gaps' : [this.dropped > 0 ? `${this.dropped} dropped from the trace` : '', this.unreadable > 0 ? `${this.unreadable} unreadable` : ''].filter(Boolean).join(', '),
    ].join(' · ');
  }
}
