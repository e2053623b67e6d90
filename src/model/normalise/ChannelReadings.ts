import type { Channel } from '../../ari/generated/ariTypes';
import { StintChain } from './StintChain';

/** What the normaliser must remember about a channel to read its next event. */
export interface ChannelReading {
  readonly id: string;
  /** Tells this channel from a later one with the same id (originate with channelId allows reuse). */
  readonly creationtime: string;
  readonly chain: StintChain;
  /** Its latest snapshot, from whichever event or listing told last. */
  snapshot: Channel;
  /** Apps that receive this channel's events (its ARI subscriptions); replaced, never mutated, when it changes. */
  apps: ReadonlySet<string>;
  /** A ChannelHangupRequest or ChannelDestroyed was read: the next ones are copies. */
  hungUp: boolean;
  /** A listing or a resync has placed it: `apps` then says what Asterisk listed, not only what events told. */
  listed: boolean;
  /** `mark` when the reading was made, and at our own apps' last Stasis event of it: a listing asked for before is older. */
  readonly bornAt: number;
  ownStasisAt: number;
}

/** Events for a channel that is gone may still arrive (another app's copy): they must not revive it. */
const FORGET_GONE_AFTER = 2048;

interface GoneChannel {
  readonly creationtime: string;
  /** Its ChannelDestroyed was read. */
  readonly destroyed: boolean;
  /** REST listed it in no app: it may still enter one (a StasisStart), which brings it back. */
  readonly unlisted: boolean;
}

/**
 * The reading of every channel the normaliser knows, and the channels that are gone (by id and
 * creationtime, so that a new channel reusing an id, as originate with channelId allows, is told
 * apart from a late copy about the old one).
 */
export class ChannelReadings {
  private readonly readings = new Map<string, ChannelReading>();
  private readonly gone = new Map<string, GoneChannel>();
  private marks = 0;

  /**
   * The reading of the channel an event is about; undefined when that channel is gone. One that
   * REST listed in no app comes back only by entering an app (`entering`): its other events
   * are copies from before (e.g. held through a resync) about a channel no app of ours holds.
   */
  of(channel: Channel, entering = false): ChannelReading | undefined {
    const known = this.readings.get(channel.id);
    if (known) return known;
    const gone = this.goneEntry(channel);
    if (gone && !(entering && gone.unlisted)) return undefined;
    this.gone.delete(channel.id);
    const reading: ChannelReading = { id: channel.id, creationtime: channel.creationtime, chain: new StintChain(), snapshot: channel, apps: new Set(), hungUp: false, listed: false, bornAt: this.marks++, ownStasisAt: -1 };
    this.readings.set(channel.id, reading);
    return reading;
  }

  /** The reading of a channel REST lists: REST is the truth, even about a channel we thought gone. */
  listed(channel: Channel): ChannelReading {
    this.gone.delete(channel.id);
    const reading = this.of(channel)!;
    reading.snapshot = channel;
    return reading;
  }

  /** Whether the channel is known, live or gone: a listing that names one we do not know means events were missed. */
  knows(id: string): boolean {
    return this.readings.has(id) || this.gone.has(id);
  }

  /** Where the readings stand now: a listing asked for now is older than any reading made or told of a Stasis event after. */
  get mark(): number {
    return this.marks;
  }

  /** Our own app told of the reading's Stasis path (StasisStart, StasisEnd). */
  toldByOwnApp(reading: ChannelReading): void {
    reading.ownStasisAt = this.marks++;
  }

  get(id: string): ChannelReading | undefined {
    return this.readings.get(id);
  }

  isGone(channel: Channel): boolean {
    return this.goneEntry(channel) !== undefined;
  }

  /** Whether the ChannelDestroyed of a channel that is gone was read already (every app gets a copy). */
  destroyedRead(channel: Channel): boolean {
    return this.goneEntry(channel)?.destroyed === true;
  }

  get all(): IterableIterator<ChannelReading> {
    return this.readings.values();
  }

  /** The channel ended: later copies of its events are ignored. */
  ended(channel: Channel, destroyed: boolean): void {
    this.markGone(channel.id, { creationtime: channel.creationtime, destroyed, unlisted: false });
  }

  /** REST lists the channel in no app, or not at all: nothing is known of it any more. */
  unlisted(reading: ChannelReading): void {
    this.markGone(reading.id, { creationtime: reading.creationtime, destroyed: false, unlisted: true });
  }

  /** What is kept of this channel if it is gone (not of an earlier channel that had its id). */
  private goneEntry(channel: Channel): GoneChannel | undefined {
    const gone = this.gone.get(channel.id);
    return gone?.creationtime === channel.creationtime ? gone : undefined;
  }

  private markGone(id: string, gone: GoneChannel): void {
    this.readings.delete(id);
    this.gone.delete(id);
    this.gone.set(id, gone);
    if (this.gone.size > FORGET_GONE_AFTER) this.gone.delete(this.gone.keys().next().value as string);
  }

  clear(): void {
    this.readings.clear();
    this.gone.clear();
  }
}

/** The same set with `app` added (or removed), or the set itself when nothing changes. */
export function withApp(apps: ReadonlySet<string>, app: string, subscribed: boolean): ReadonlySet<string> {
  if (apps.has(app) === subscribed) return apps;
  const next = new Set(apps);
  if (subscribed) next.add(app);
  else next.delete(app);
  return next;
}
