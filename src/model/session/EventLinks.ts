import { AriEventsClient, type AriEventsClientOptions, type EventsLinkStatus, type FrameProblem, type ReceivedEvent } from '../../ari/AriEventsClient';
import type { AriServerConfig } from '../../ari/AriServerConfig';
import type { Clock } from '../../ari/Clock';
import { Emitter } from '../../ari/Emitter';
import type { AppOwnership } from '../AppOwnership';

export interface LinkStatusReport {
  readonly apps: readonly string[];
  readonly status: EventsLinkStatus;
}

/** A link that dropped or gave up: the outcome of what it would have told about is lost. */
export interface LinkLoss {
  readonly apps: readonly string[];
  readonly reason: string;
}

export interface EventLinksOptions {
  readonly events?: Omit<AriEventsClientOptions, 'apps' | 'subscribeAll' | 'clock'>;
  readonly subscribeAll?: boolean;
  readonly clock: Clock;
  readonly onListenerError: (error: unknown) => void;
  /** Every event of every socket, on the socket's read path: handed straight to the socket, with no relay between. */
  readonly onEvent: (received: ReceivedEvent) => void;
}

/**
 * The events sockets of one server, one per app registered after connect, so that registering or
 * unregistering one app never drops the others (which would bounce calls arriving meanwhile). It
 * is the one owner of "which apps are ours": the apps its sockets hold.
 */
export class EventLinks implements AppOwnership {
  private readonly sockets: AriEventsClient[] = [];
  private closeReason: string | undefined;

  private readonly openedEmitter: Emitter<readonly string[]>;
  private readonly statusEmitter: Emitter<LinkStatusReport>;
  private readonly lostEmitter: Emitter<LinkLoss>;
  private readonly frameProblemEmitter: Emitter<FrameProblem>;
  private readonly replacedEmitter: Emitter<string>;
  private readonly ownershipEmitter: Emitter<readonly string[]>;

  /** A socket (re)opened, for these apps: what happened while it was closed is unknown. */
  readonly onOpened: Emitter<readonly string[]>['event'];
  readonly onLinkStatus: Emitter<LinkStatusReport>['event'];
  readonly onLinkLost: Emitter<LinkLoss>['event'];
  readonly onFrameProblem: Emitter<FrameProblem>['event'];
  /** Another client registered this app (ApplicationReplaced): it is no longer ours. */
  readonly onAppReplaced: Emitter<string>['event'];
  readonly onDidChange: AppOwnership['onDidChange'];

  constructor(
    private readonly config: AriServerConfig,
    private readonly options: EventLinksOptions,
  ) {
    const emitter = <T>() => new Emitter<T>(options.onListenerError);
    this.openedEmitter = emitter();
    this.statusEmitter = emitter();
    this.lostEmitter = emitter();
    this.frameProblemEmitter = emitter();
    this.replacedEmitter = emitter();
    this.ownershipEmitter = emitter();
    this.onOpened = this.openedEmitter.event;
    this.onLinkStatus = this.statusEmitter.event;
    this.onLinkLost = this.lostEmitter.event;
    this.onFrameProblem = this.frameProblemEmitter.event;
    this.onAppReplaced = this.replacedEmitter.event;
    this.onDidChange = this.ownershipEmitter.event;
  }

  get owned(): string[] {
    return this.sockets.flatMap((s) => [...s.applications]);
  }

  isOwned(app: string): boolean {
    return this.sockets.some((s) => s.applications.includes(app));
  }

  /** The state of the socket that holds `app`, if one does. */
  statusOf(app: string): EventsLinkStatus | undefined {
    return this.sockets.find((s) => s.applications.includes(app))?.status;
  }

  get statuses(): EventsLinkStatus[] {
    return this.sockets.map((s) => s.status);
  }

  /** Why the last socket closed or gave up, for messages. */
  get lastCloseReason(): string | undefined {
    return this.closeReason;
  }

  /** Opens a socket for these apps; resolves when it first opens, rejects if it never does. */
  open(apps: readonly string[]): Promise<void> {
    const socket = new AriEventsClient(this.config, { ...this.options.events, apps, subscribeAll: this.options.subscribeAll, clock: this.options.clock });
    this.sockets.push(socket);
    socket.onEvent(this.options.onEvent);
    socket.onFrameProblem((p) => this.frameProblemEmitter.fire(p));
    socket.onListenerError(this.options.onListenerError);
    socket.onAppReplaced((app) => {
      this.replacedEmitter.fire(app);
      this.ownershipEmitter.fire([app]);
    });
    this.ownershipEmitter.fire(apps);
    return new Promise<void>((resolve, reject) => {
      let first = true;
      const settle = (error?: Error) => {
        if (!first) return;
        first = false;
        if (error) reject(error);
        else resolve();
      };
      socket.onStatus((status) => {
        const held = [...socket.applications];
        if (status.state === 'closed' || status.state === 'gaveUp') {
          this.closeReason = status.reason;
          const verb = status.state === 'closed' ? 'dropped' : 'gave up';
          this.lostEmitter.fire({ apps: held, reason: `the events link to ${this.config.name} ${verb} (${status.reason})` });
        }
        // The apps of a socket that gave up are no longer ours, whether it ever opened or not.
        if (status.state === 'gaveUp') this.remove(socket);
        this.statusEmitter.fire({ apps: held, status });
        if (status.state === 'open') {
          this.openedEmitter.fire(held);
          settle();
        } else if (status.state === 'gaveUp') {
          settle(new Error(`Could not open the events socket of ${this.config.name}: ${status.reason}`));
        } else if (status.state === 'stopped') {
          settle(new Error(`The events socket of ${this.config.name} was closed before it opened.`));
        }
      });
      socket.start();
    });
  }

  /** Gives up the socket that holds `app`; returns false if no socket holds it. */
  close(app: string, reason: string): boolean {
    const socket = this.sockets.find((s) => s.applications.includes(app));
    if (!socket) return false;
    this.lostEmitter.fire({ apps: [...socket.applications], reason });
    this.remove(socket);
    return true;
  }

  /** Sends a text frame on the first socket that is open; false if none is. */
  send(text: string): boolean {
    return this.sockets.some((socket) => socket.sendText(text));
  }

  /** Drops every link; each comes back through its normal backoff and resync. */
  dropAll(reason: string): void {
    for (const socket of this.sockets) socket.dropLink(reason);
  }

  closeAll(): void {
    for (const socket of [...this.sockets]) this.remove(socket);
  }

  dispose(): void {
    this.closeAll();
    for (const e of [this.openedEmitter, this.statusEmitter, this.lostEmitter, this.frameProblemEmitter, this.replacedEmitter, this.ownershipEmitter]) e.dispose();
  }

  private remove(socket: AriEventsClient): void {
    const index = this.sockets.indexOf(socket);
    if (index < 0) return;
    this.sockets.splice(index, 1);
    const apps = [...socket.applications];
    socket.dispose();
    this.ownershipEmitter.fire(apps);
  }
}
