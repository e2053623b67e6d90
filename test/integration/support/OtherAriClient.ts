import WebSocket from 'ws';
import type { AriEvent } from '../../../src/ari/generated/ariTypes';
import type { SandboxEnv } from './sandbox';

/**
 * Another developer's ARI app on the same Asterisk: a bare `ws` socket registering apps, as a
 * wscat session would. Used to take an app over, or to hold an app we only observe.
 */
export class OtherAriClient {
  readonly events: AriEvent[] = [];
  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data) => this.events.push(JSON.parse(String(data)) as AriEvent));
  }

  static async connect(env: SandboxEnv, apps: string[]): Promise<OtherAriClient> {
    const url = `${env.url.replace(/^http/, 'ws')}/ari/events?app=${apps.join(',')}`;
    const socket = new WebSocket(url, { headers: { Authorization: `Basic ${Buffer.from(`${env.username}:${env.password}`).toString('base64')}` } });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new OtherAriClient(socket);
  }

  async close(): Promise<void> {
    if (this.socket.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      this.socket.once('close', () => resolve());
      this.socket.close();
    });
  }
}
