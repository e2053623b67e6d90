import { fork, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import type { AriEvent } from '../../../src/ari/generated/ariTypes';

export interface AriClientExampleConfig {
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** The app it answers and moves calls in, and where it moves them: it registers both. */
  readonly apps: [string, string];
  /** A call whose first arg is a key here is moved to that app instead. */
  readonly moves: Record<string, string>;
}

/** One HTTP request the app's process made, as the app saw it: the path as sent, query included. */
export interface AppExchange {
  /** Order in which the requests started. */
  readonly index: number;
  readonly method: string;
  readonly path: string;
  /** What came back: 101 for the events socket, 0 for no answer. */
  readonly status: number;
}

export type AriClientMessage =
  | { kind: 'ready' }
  | { kind: 'event'; event: AriEvent }
  | { kind: 'rest'; exchange: AppExchange }
  | { kind: 'failed'; message: string };

/**
 * The user's own app no one here wrote (ariClientExample.ts, on ari-client 2.2.0), run in a child
 * process; this side keeps what it reported: the events it received, in order, and its requests.
 */
export class AriClientApp {
  readonly events: AriEvent[] = [];
  private readonly requests: AppExchange[] = [];
  readonly failures: string[] = [];
  private output = '';

  private constructor(private readonly child: ChildProcess) {
    child.stdout!.on('data', (d) => (this.output += d));
    child.stderr!.on('data', (d) => (this.output += d));
    child.on('message', (message: AriClientMessage) => {
      if (message.kind === 'event') this.events.push(message.event);
      if (message.kind === 'rest') this.requests.push(message.exchange);
      if (message.kind === 'failed') this.failures.push(message.message);
    });
  }

  static async start(config: AriClientExampleConfig): Promise<AriClientApp> {
    const child = fork(path.join(__dirname, 'ariClientExample.js'), [], { env: { ...process.env, ARI_EXAMPLE_CONFIG: JSON.stringify(config) }, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const app = new AriClientApp(child);
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`ari-client did not start within 15 s: ${app.output.slice(-1000)}`)), 15_000);
        child.on('message', (message: AriClientMessage) => {
          if (message.kind === 'ready') resolve();
          if (message.kind === 'failed') reject(new Error(`ari-client failed: ${message.message}`));
        });
        child.once('exit', (code) => reject(new Error(`ari-client exited (${code}): ${app.output.slice(-1000)}`)));
      });
    } catch (error) {
      await app.stop();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    return app;
  }

  /** Every request the app made, in the order they started. */
  get exchanges(): AppExchange[] {
    return [...this.requests].sort((a, b) => a.index - b.index);
  }

  /** Its process ends: ari-client has no way to close everything it holds. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGKILL');
    await exited;
  }
}
