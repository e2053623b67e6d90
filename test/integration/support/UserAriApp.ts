import WebSocket from 'ws';
import type { AriEvent, Channel } from '../../../src/ari/generated/ariTypes';
import { nextEvent } from './nextEvent';
import type { SandboxEnv } from './sandbox';

/**
 * Another ARI client on the same Asterisk: a user's own app, written as people write one without
 * any library, a `ws` socket for its apps' events and `fetch` for REST, answering each channel
 * that enters (unless told not to: then it only holds its apps, as a wscat session would, to be
 * taken over or observed). Nothing of Stasis Explorer is used, so what it receives is what a real
 * app of the user's would.
 */
export class UserAriApp {
  readonly events: (AriEvent & { receivedAt: number })[] = [];
  /** How many times its socket closed without its asking. */
  closedUnasked = 0;
  private closing = false;
  private readonly listeners = new Set<(event: AriEvent) => void>();

  private constructor(
    private readonly env: SandboxEnv,
    private readonly socket: WebSocket,
    readonly apps: readonly string[],
    answer: boolean,
  ) {
    socket.on('message', (data) => {
      const event = JSON.parse(String(data)) as AriEvent;
      this.events.push({ ...event, receivedAt: Date.now() });
      if (answer && event.type === 'StasisStart') void this.rest('POST', `/channels/${encodeURIComponent(event.channel.id)}/answer`).catch(() => undefined);
      for (const listener of this.listeners) listener(event);
    });
    socket.on('close', () => {
      if (!this.closing) this.closedUnasked++;
    });
  }

  static async start(env: SandboxEnv, apps: string[], options: { answer?: boolean } = {}): Promise<UserAriApp> {
    const url = `${env.url.replace(/^http/, 'ws')}/ari/events?app=${apps.map(encodeURIComponent).join(',')}&api_key=${encodeURIComponent(`${env.username}:${env.password}`)}`;
    const socket = new WebSocket(url);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new UserAriApp(env, socket, apps, options.answer ?? true);
  }

  /** Resolves with the first event (from now on) that matches. */
  next(predicate: (event: AriEvent) => boolean, what: string, ms = 10_000): Promise<AriEvent> {
    return nextEvent(this.listeners, predicate, what, ms);
  }

  async rest<T = unknown>(method: string, path: string, query: Record<string, string> = {}): Promise<T> {
    const q = new URLSearchParams(query).toString();
    const response = await fetch(`${this.env.url}/ari${path}${q ? `?${q}` : ''}`, {
      method,
      headers: { Authorization: `Basic ${Buffer.from(`${this.env.username}:${this.env.password}`).toString('base64')}` },
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  /** Originates a Local channel (into [default] 100, which answers and waits) straight into `app`. */
  originate(app: string, channelId: string, appArgs = ''): Promise<Channel> {
    return this.rest<Channel>('POST', '/channels', { endpoint: 'Local/100@default', app, appArgs, channelId });
  }

  move(channelId: string, app: string, appArgs = ''): Promise<void> {
    return this.rest('POST', `/channels/${encodeURIComponent(channelId)}/move`, { app, appArgs });
  }

  hangup(channelId: string): Promise<void> {
    return this.rest('DELETE', `/channels/${encodeURIComponent(channelId)}`);
  }

  /** Its own Stasis events, by type and app, as the user's code would count them. */
  stasisEvents(channelId: string): string[] {
    return this.events.filter((e) => (e.type === 'StasisStart' || e.type === 'StasisEnd' || e.type === 'ApplicationMoveFailed') && e.channel.id === channelId).map((e) => `${e.type}(${e.application})`);
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
