import type { AriEvent } from '../ari/generated/ariTypes';
import { channelIdsOf } from '../model/channelIdsOf';

/** An event a request caused, as the answer links it. */
export interface CausedEvent {
  /** The EventLog's id of it. */
  readonly logId: number;
  readonly receivedAt: number;
  readonly type: string;
  readonly application: string;
  readonly event: AriEvent;
}

/** How long after its answer a request's events are still linked to it: a move's StasisStart comes within milliseconds, a dial's within a call's setup. */
export const CAUSED_WINDOW_MS = 5_000;
/** Held while the answer is awaited; linked at most. */
const HELD_LIMIT = 500;
const LINKED_LIMIT = 50;

/**
 * Which events a console request caused: those after it was sent that name what it named (a
 * channel, bridge, playback or recording in its parameters) or what its answer made (the `id` of
 * a new channel, bridge, playback, the `name` of a recording). Events may come before the HTTP
 * answer (a move's StasisStart often does), so they are held until the answer tells the new ids.
 */
export class CausedEvents {
  private readonly subjects: Set<string>;
  private held: { logId: number; receivedAt: number; event: AriEvent }[] = [];
  private answered = false;
  private linked = 0;

  constructor(params: Readonly<Record<string, unknown>>, private readonly link: (caused: CausedEvent) => void) {
    this.subjects = new Set(idsOfParams(params));
  }

  /** An event logged after the request was sent. */
  seen(logId: number, receivedAt: number, event: AriEvent): void {
    if (event.type === 'RESTResponse') return;
    if (!this.answered) {
      if (this.held.length < HELD_LIMIT) this.held.push({ logId, receivedAt, event });
      return;
    }
    this.consider(logId, receivedAt, event);
  }

  /** The answer came, with this body (parsed, or undefined): what it made is linked too from now on. */
  answer(body: unknown): void {
    for (const id of idsOfBody(body)) this.subjects.add(id);
    this.answered = true;
    for (const held of this.held) this.consider(held.logId, held.receivedAt, held.event);
    this.held = [];
  }

  private consider(logId: number, receivedAt: number, event: AriEvent): void {
    if (this.linked >= LINKED_LIMIT || !idsOfEvent(event).some((id) => this.subjects.has(id))) return;
    this.linked++;
    this.link({ logId, receivedAt, type: event.type, application: event.application, event });
  }
}

const PARAM_IDS = ['channelId', 'otherChannelId', 'snoopId', 'bridgeId', 'playbackId', 'recordingName', 'channel'];

function idsOfParams(params: Readonly<Record<string, unknown>>): string[] {
  return PARAM_IDS.flatMap((name) => {
    const value = params[name];
    return Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];
  });
}

function idsOfBody(body: unknown): string[] {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return [];
  const { id, name } = body as { id?: unknown; name?: unknown };
  return [id, name].filter((v): v is string => typeof v === 'string' && v !== '');
}

function idsOfEvent(event: AriEvent): string[] {
  const e = event as { bridge?: { id?: string }; playback?: { id?: string }; recording?: { name?: string } };
  const ids = [...channelIdsOf(event)];
  for (const id of [e.bridge?.id, e.playback?.id, e.recording?.name]) if (typeof id === 'string') ids.push(id);
  return ids;
}
