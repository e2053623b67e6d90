import { FrameScanner } from './FrameScanner';
import type { TracedSocket } from './TraceRecord';
import type { TraceTap } from './TraceTap';
import { WsRestCorrelator } from './WsRestCorrelator';

/** Which events socket this is: its id, and the apps its upgrade request registers. */
export interface EventsSocketId {
  readonly socketId: number;
  readonly apps: readonly string[];
  readonly subscribeAll: boolean;
}

/**
 * What the tap reads of an events socket once Asterisk answered its upgrade with 101: every text
 * frame Asterisk sends down is an event record (but the RESTResponses, which answer the app's
 * RESTRequests: WsRestCorrelator), and the close frame either side sends says why it ended.
 */
export class EventsSocketTap {
  private readonly down: FrameScanner;
  private readonly up: FrameScanner;
  private readonly rest: WsRestCorrelator;
  private closeFrame: { code: number; reason: string; by: string } | undefined;
  /** When the chunk being read came: its events are stamped so, one clock read per chunk. */
  private readAt = 0;

  constructor(
    private readonly id: EventsSocketId,
    private readonly tap: Pick<TraceTap, 'push' | 'pushEvent'>,
    nextExchangeId: () => number,
    bodyCap: number,
  ) {
    this.rest = new WsRestCorrelator(id.socketId, tap, nextExchangeId, bodyCap);
    const lost = (direction: string) => (why: string) => tap.push({ kind: 'gap', at: Date.now(), dropped: 0, unreadable: 'frames', reason: `the frames ${direction} on socket ${id.socketId} could not be read (${why}); they still pass unchanged, but the trace no longer shows them` });
    this.down = new FrameScanner(false, {
      text: (source, start, end) => {
        if (this.rest.waiting && this.rest.response(source.subarray(start, end))) return;
        tap.pushEvent(id.socketId, source, start, end, this.readAt);
      },
      close: (code, reason) => (this.closeFrame ??= { code, reason, by: 'Asterisk' }),
      lost: lost('from Asterisk'),
    });
    this.up = new FrameScanner(true, { text: (source, start, end) => this.rest.request(source.subarray(start, end)), close: (code, reason) => (this.closeFrame ??= { code, reason, by: 'the app' }), lost: lost('from the app') });
    this.record({ state: 'opened' });
  }

  fromServer(chunk: Buffer): void {
    this.readAt = Date.now();
    this.down.read(chunk);
  }

  fromClient(chunk: Buffer): void {
    this.up.read(chunk);
  }

  /** The connection ended; `by` is the side whose end came first, or the trace stopping. */
  closed(by: 'Asterisk' | 'the app' | 'the trace', error?: NodeJS.ErrnoException): void {
    this.rest.closed();
    const frame = this.closeFrame ? `; close frame ${this.closeFrame.code}${this.closeFrame.reason ? ` "${this.closeFrame.reason}"` : ''} from ${this.closeFrame.by}` : '';
    this.record({ state: 'closed', closeCode: this.closeFrame?.code, reason: `${by} closed the connection${error ? ` (${error.code ?? error.message})` : ''}${frame}` });
  }

  private record(fields: Pick<TracedSocket, 'state'> & Partial<TracedSocket>): void {
    this.tap.push({ kind: 'socket', socketId: this.id.socketId, at: Date.now(), apps: this.id.apps, subscribeAll: this.id.subscribeAll, ...fields });
  }
}
