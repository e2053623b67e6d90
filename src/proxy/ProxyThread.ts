import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AriBaseUrl } from '../ari/AriBaseUrl';
import { checkProxyOptions, ProxyStartError, type AriProxyOptions } from './AriProxy';
import type { FromProxyThread, ToProxyThread } from './proxyWorker';
import { returnedBuffers, unpackRecords } from './recordTransfer';
import type { BatchBuffers } from './TraceBatch';
import type { TraceRecord } from './TraceRecord';

/** Reading the records may take at most this share of this thread's time, measured over BUDGET_WINDOW_MS. */
const READ_BUDGET = 0.25;
const BUDGET_WINDOW_MS = 200;

export interface ProxyThreadOptions extends Omit<AriProxyOptions, 'reader'> {
  /** Gets the records in batches, on this thread. */
  readonly reader: (records: readonly TraceRecord[]) => void;
  /** The proxy's thread ended without being closed (it failed): the apps' connections through it are gone. */
  readonly onFailure?: (message: string) => void;
  /** The worker's script; beside this file's own bundle (dist/proxyWorker.js, out/src/proxy/proxyWorker.js) unless given. */
  readonly workerFile?: string;
}

/**
 * The trace proxy on a thread of its own (docs/trace-proxy.md#thread), as the extension and the
 * command line run it: the user's app's traffic flows there, never waiting for this thread, which
 * may be busy (the extension host runs every extension on it). The records come here in batches;
 * while this thread has not read them, the proxy's tap holds, then drops and counts, what comes.
 * Reading them (the session's model included) may take a quarter of this thread's time: past
 * that, they are left unread for the rest of the moment, and dropped, rather than take the CPU
 * the app's own traffic needs. Options and errors are AriProxy's.
 */
export class ProxyThread {
  readonly targetUrl: AriBaseUrl;
  private readonly worker: Worker;
  private listening: string | undefined;
  private dropped = 0;
  /** Who holds the batches read back from the proxy's thread: the reader (`pause`), the budget, or no one. */
  private readonly holds = new Set<'reader' | 'budget'>();
  /** Batches read while held, not yet told to the proxy's thread: their buffers, to hand back then. */
  private readonly unacked: (BatchBuffers | undefined)[] = [];
  private window = { start: 0, busy: 0 };
  private closing = false;
  private readonly started: Promise<string>;
  private readonly closed: Promise<void>;

  constructor(options: ProxyThreadOptions) {
    this.targetUrl = checkProxyOptions(options);
    const { reader, workerFile, onFailure, ...data } = options;
    this.worker = new Worker(workerFile ?? path.join(__dirname, 'proxyWorker.js'), { workerData: data });
    let settle!: { resolve: (url: string) => void; reject: (error: Error) => void };
    this.started = new Promise((resolve, reject) => (settle = { resolve, reject }));
    this.started.catch(() => undefined);
    let failure: string | undefined;
    this.closed = new Promise((resolve) =>
      this.worker.once('exit', (code) => {
        const wasListening = this.listening !== undefined;
        this.listening = undefined;
        settle.reject(new Error(failure ?? `The trace proxy's thread ended (exit code ${code}).`));
        if (wasListening && !this.closing) onFailure?.(failure ?? `the trace proxy's thread ended (exit code ${code}); the apps connected through it were cut off`);
        resolve();
      }),
    );
    this.worker.on('error', (error) => (failure = `the trace proxy's thread failed: ${error.message}`));
    this.worker.on('message', (message: ToProxyThread) => {
      switch (message.type) {
        case 'listening':
          this.listening = message.url;
          settle.resolve(message.url);
          return;
        case 'failed':
          settle.reject(message.start ? new ProxyStartError(message.message) : new Error(message.message));
          return;
        case 'records':
          this.read(message, reader);
          return;
        case 'closed':
          void this.worker.terminate();
      }
    });
  }

  /** The address to give the app, once listening. */
  get url(): string | undefined {
    return this.listening;
  }

  /** Records its tap dropped because they were not read in time. */
  get gaps(): number {
    return this.dropped;
  }

  /** The reader cannot take more for now (a full terminal or file): the proxy's tap holds, then drops, what comes until `resume`. */
  pause(): void {
    this.holds.add('reader');
  }

  resume(): void {
    this.release('reader');
  }

  /** Resolves with the URL once listening; rejects with ProxyStartError (a port taken, …). */
  async listen(): Promise<string> {
    try {
      return await this.started;
    } catch (error) {
      this.closing = true;
      await this.worker.terminate();
      throw error;
    }
  }

  /** Ends every connection through it (the apps see it go as if Asterisk had), after the last records came. */
  async close(): Promise<void> {
    this.closing = true;
    this.send({ type: 'close' });
    await this.closed;
  }

  private read(message: Extract<ToProxyThread, { type: 'records' }>, reader: ProxyThreadOptions['reader']): void {
    const started = performance.now();
    try {
      const records = unpackRecords(message.packed);
      for (const r of records) if (r.kind === 'gap') this.dropped += r.dropped;
      reader(records);
    } finally {
      const buffers = returnedBuffers(message.packed);
      if (this.holds.size === 0) this.acknowledge(buffers);
      else this.unacked.push(buffers);
      this.spend(started);
    }
  }

  /** Past the reading budget, the proxy's thread is told nothing more for the rest of the window: it holds, then drops. */
  private spend(started: number): void {
    const now = performance.now();
    if (now - this.window.start > BUDGET_WINDOW_MS) this.window = { start: started, busy: 0 };
    this.window.busy += now - started;
    if (this.holds.has('budget') || this.window.busy <= READ_BUDGET * BUDGET_WINDOW_MS) return;
    this.holds.add('budget');
    setTimeout(() => this.release('budget'), this.window.start + BUDGET_WINDOW_MS - now).unref();
  }

  private release(hold: 'reader' | 'budget'): void {
    this.holds.delete(hold);
    if (this.holds.size > 0) return;
    for (const buffers of this.unacked.splice(0)) this.acknowledge(buffers);
  }

  /** A batch was read: the proxy's thread may send another, and fill its buffers again. */
  private acknowledge(buffers: BatchBuffers | undefined): void {
    this.send({ type: 'read', buffers }, buffers ? Object.values(buffers) : []);
  }

  private send(message: FromProxyThread, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(message, transfer);
  }
}
