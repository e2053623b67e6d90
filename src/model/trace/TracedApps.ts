import type { TracedSocket } from '../../proxy/TraceRecord';

/**
 * Which apps a traced client holds through the proxy, from its sockets' opening and closing: their
 * own events reach us through the trace, as our own apps' do through our sockets.
 */
export class TracedApps {
  private readonly sockets = new Map<number, readonly string[]>();
  /** The sockets opened with subscribeAll: they hear every channel, not only their apps'. */
  private readonly toAll = new Set<number>();

  /** Reads a socket record; returns the apps no traced socket holds any more because of it. */
  read(record: TracedSocket): string[] {
    if (record.state === 'opened') {
      this.sockets.set(record.socketId, record.apps);
      if (record.subscribeAll) this.toAll.add(record.socketId);
      return [];
    }
    const apps = this.sockets.get(record.socketId);
    if (!apps) return [];
    this.sockets.delete(record.socketId);
    this.toAll.delete(record.socketId);
    return apps.filter((app) => !this.hears(app));
  }

  /** A traced socket registers it: the app's StasisStart, StasisEnd and ApplicationMoveFailed reach us. */
  hears(app: string): boolean {
    for (const apps of this.sockets.values()) if (apps.includes(app)) return true;
    return false;
  }

  subscribedToAll(socketId: number): boolean {
    return this.toAll.has(socketId);
  }

  get apps(): string[] {
    return [...new Set([...this.sockets.values()].flat())];
  }

  get socketCount(): number {
    return this.sockets.size;
  }

  clear(): void {
    this.sockets.clear();
    this.toAll.clear();
  }
}
