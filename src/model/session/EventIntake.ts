import type { Clock } from '../../ari/Clock';
import type { Application } from '../../ari/generated/ariTypes';
import type { ReceivedEvent } from '../../ari/readFrame';
import type { EventLog, LoggedEvent } from '../EventLog';
import type { Normaliser } from '../normalise/Normaliser';
import type { ServerModel } from '../ServerModel';
import type { Resync } from './Resync';
import type { SessionProblem } from './ServerSessionOptions';

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
  constructor(private readonly parts: EventIntakeParts) {}

  /** `fromWatcher`: it came to the watcher (docs/ari-behaviour.md#watching), not to an app of ours. */
  receive(received: ReceivedEvent, fromWatcher: boolean): void {
    if (this.parts.resyncer.holding) this.parts.resyncer.hold(received, fromWatcher);
    else this.process(received, fromWatcher);
  }

  /** One event through the normaliser into every consumer, then the log. */
  process({ event, frame }: ReceivedEvent, fromWatcher: boolean): void {
    const { normaliser, model, log, problem, serverName } = this.parts;
    try {
      const unreadable = normaliser.readEvent(event, fromWatcher);
      if (unreadable) {
        problem({ message: `Could not process a ${event.type} event from ${serverName}: ${unreadable}. It was ignored, and the model is read again from REST.`, detail: JSON.stringify(event).slice(0, 200) });
        // What the event meant is lost: REST tells where things stand now.
        this.parts.resync();
        return;
      }
      const logged = log.append(this.parts.serverId, event, this.parts.clock.now(), frame, fromWatcher);
      model.flush();
      this.parts.told(logged);
      logged.settle();
    } catch (error) {
      problem({ message: `Could not process a ${event.type} event from ${serverName}; the model is read again from REST.`, detail: error instanceof Error ? error.message : String(error) });
      this.parts.resync();
    }
  }

  /** The server's listing of apps, read against the channels as the events tell them now. */
  readListing(applications: readonly Application[]): void {
    // A resync in flight reads the listing too, and the events held for it are not in the readings yet.
    if (this.parts.resyncer.holding) return;
    const unknown = this.parts.normaliser.readListing(applications);
    this.parts.model.flush();
    // Channels we never heard of: events were missed, so everything is read again.
    if (unknown.length > 0) this.parts.resync();
  }
}
