import type { Clock } from '../../ari/Clock';
import type { Application } from '../../ari/generated/ariTypes';
import type { ReceivedEvent } from '../../ari/readFrame';
import type { EventLog, LoggedEvent } from '../EventLog';
import type { Normaliser } from '../normalise/Normaliser';
import type { ServerModel } from '../ServerModel';
import type { Resync } from './Resync';
import type { SessionProblem } from './ServerSessionOptions';

/** When a listing was asked for: how many resyncs had started, and the readings' mark. */
export interface ListingEpoch {
  readonly resyncs: number;
  readonly mark: number;
}

export interface EventIntakeParts {
  readonly serverId: string;
  readonly serverName: string;
  readonly clock: Clock;
  readonly normaliser: Normaliser;
  readonly model: ServerModel;
  readonly log: EventLog;
  readonly resyncer: Resync;
  /** What was read could not be: REST must tell where things stand. */
  readonly resync: () => void;
  readonly problem: (problem: SessionProblem) => void;
  /** An event after its facts reached every consumer. */
  readonly told: (logged: LoggedEvent) => void;
}

/**
 * Where every event of every socket, and every listing of apps, enters a session's model: held
 * while a resync reads its snapshot, read by the normaliser otherwise, then logged and told. A bad
 * event is reported and leads to a resync, never to a stopped session.
 */
export class EventIntake {
  /** The channel ids the last listing named that we had not heard of. */
  private unknownBefore = new Set<string>();

  constructor(private readonly parts: EventIntakeParts) {}

  /** `fromWatcher`: it came to the watcher (docs/ari-behaviour.md#watching), not to an app of ours. */
  receive(received: ReceivedEvent, fromWatcher: boolean): void {
    if (this.parts.resyncer.holding) this.parts.resyncer.hold(received, fromWatcher);
    else this.process(received, fromWatcher);
  }

  /** One event through the normaliser into every consumer, then the log. */
  process({ event, frame, receivedAt }: ReceivedEvent, fromWatcher: boolean): void {
    const { normaliser, model, log, problem, serverName } = this.parts;
    try {
      const unreadable = normaliser.readEvent(event, fromWatcher);
      if (unreadable) {
        problem({ message: `Could not process a ${event.type} event from ${serverName}: ${unreadable}. It was ignored, and the model is read again from REST.`, detail: JSON.stringify(event).slice(0, 200) });
        // What the event meant is lost: REST tells where things stand now.
        this.parts.resync();
        return;
      }
      const logged = log.append(this.parts.serverId, event, receivedAt ?? this.parts.clock.now(), frame, fromWatcher);
      model.flush();
      this.parts.told(logged);
      logged.settle();
    } catch (error) {
      problem({ message: `Could not process a ${event.type} event from ${serverName}; the model is read again from REST.`, detail: error instanceof Error ? error.message : String(error) });
      this.parts.resync();
    }
  }

  /** Where the model stands now, to take as a listing is asked for (see `readListing`). */
  get epoch(): ListingEpoch {
    return { resyncs: this.parts.resyncer.runsStarted, mark: this.parts.normaliser.mark };
  }

  /**
   * The server's listing of apps, read against the channels as the events tell them now; `asked`:
   * the epoch when it was asked for. Returns false when it should be read again: a resync is
   * reading or started since (it read a newer listing), or it named channels we had not heard of
   * (their ChannelCreated may be on its way: a second listing tells; still unknown then, events
   * were missed, and everything is read again).
   */
  readListing(applications: readonly Application[], asked: ListingEpoch): boolean {
    // While a resync runs, the events held for it are not in the readings yet.
    if (this.parts.resyncer.holding || asked.resyncs !== this.parts.resyncer.runsStarted) return false;
    const unknown = this.parts.normaliser.readListing(applications, asked.mark);
    this.parts.model.flush();
    const missed = unknown.filter((id) => this.unknownBefore.has(id));
    this.unknownBefore = new Set(unknown);
    if (missed.length > 0) this.parts.resync();
    return unknown.length === 0 || missed.length > 0;
  }
}
