import { EMPTY_PATH, type PathStep, type PositionSource, type StasisPath } from '../facts/StasisPath';
import { sameList } from '../sameList';

/** One stay of a channel in a Stasis app. */
interface Stint {
  readonly app: string;
  args: readonly string[];
  /** Asterisk's time of its StasisStart (ms), once seen. */
  start: number | undefined;
  startText: string | undefined;
  end: number | undefined;
  endText: string | undefined;
  /** Its StasisEnd was seen (or REST said the channel is out of Stasis). */
  ended: boolean;
  /** Known from REST or the dialplan only: it has no StasisStart of its own to show. */
  fromRest: boolean;
  /** Where a stay without a StasisStart is known from. */
  placedFrom: Exclude<PositionSource, 'events'>;
  /** Where it sorts when its start is unknown: its end, or for REST the newest time known then. */
  readonly anchor: number;
  /** Arrival order, for ties between equal timestamps. */
  readonly seq: number;
}

/** What the newest change to a path was, as a StasisFact kind; undefined when the path did not change. */
export type PathChange = 'entered' | 'moved' | 'left' | 'pathRevised' | undefined;

const MAX_STINTS = 32;
let nextSeq = 1;

/**
 * The Stasis stays of one channel, rebuilt into one path whatever order their events arrive in.
 * Each app's own events arrive in order (one socket, one topic), but a move's StasisEnd and
 * StasisStart travel on two apps' topics, and with a socket per app the hops of quick moves
 * interleave (docs/ari-behaviour.md#move-ordering). So stays are ordered by Asterisk's
 * timestamps; at an equal millisecond a stay that has ended comes first, since only the last one
 * can still be open. A StasisEnd ends the oldest open stay of its app.
 */
export class StintChain {
  private stints: Stint[] = [];
  private current: StasisPath = EMPTY_PATH;

  get path(): StasisPath {
    return this.current;
  }

  /** A StasisStart into `app`. */
  started(app: string, args: readonly string[], at: string): PathChange {
    const time = timeOf(at);
    if (this.stints.some((s) => s.app === app && s.startText === at)) return undefined; // the same event twice
    // REST or the dialplan put the channel here already (this is the entry they saw), or this
    // stay's StasisEnd came first (an app's events keep their order, so only from clock skew).
    // The last guess stands for this stay even if a later guess ended it: the watcher's events
    // can run ahead of this StasisStart, which comes on another socket.
    const last = this.stints[this.stints.length - 1];
    const placed = this.stints.find((s) => s.app === app && s.startText === undefined && (s.fromRest ? !s.ended || (s === last && s.end === undefined) : s.end === undefined || time <= s.end));
    if (placed) {
      Object.assign(placed, { start: time, startText: at, args: [...args], ended: placed.fromRest ? false : placed.ended, fromRest: false });
    } else {
      this.add({ app, args: [...args], start: time, startText: at, end: undefined, endText: undefined, ended: false, fromRest: false, placedFrom: 'listing', anchor: time, seq: nextSeq++ });
    }
    return this.rebuild();
  }

  /** A StasisEnd out of `app`. */
  ended(app: string, at: string): PathChange {
    const time = timeOf(at);
    if (this.stints.some((s) => s.app === app && s.endText === at)) return undefined;
    const open = this.sorted().find((s) => s.app === app && !s.ended);
    if (open) Object.assign(open, { ended: true, end: time, endText: at });
    // We never saw it enter (it was inside before we knew the channel): a stay we know only the end of.
    else this.add({ app, args: [], start: undefined, startText: undefined, end: time, endText: at, ended: true, fromRest: false, placedFrom: 'listing', anchor: time, seq: nextSeq++ });
    return this.rebuild();
  }

  /** REST (or the dialplan) says the channel is in `app` now, or in no Stasis app, with these args. */
  placed(app: string | undefined, args: readonly string[], from: Exclude<PositionSource, 'events'> = 'listing'): PathChange {
    const now = this.current.current;
    if (now?.app === app) {
      // The listing confirms what the dialplan said: the same stay, now known better.
      const last = this.stints[this.stints.length - 1];
      if (!now || now.knownFrom !== 'dialplan' || from !== 'listing' || !last?.fromRest) return undefined;
      last.placedFrom = 'listing';
      this.rebuild();
      return undefined;
    }
    const last = this.stints[this.stints.length - 1];
    if (last && !last.ended) last.ended = true;
    if (app !== undefined) {
      const newest = Math.max(-Infinity, ...this.stints.map((s) => Math.max(s.start ?? -Infinity, s.end ?? -Infinity, s.anchor)));
      this.add({ app, args: [...args], start: undefined, startText: undefined, end: undefined, endText: undefined, ended: false, fromRest: true, placedFrom: from, anchor: newest, seq: nextSeq++ });
    }
    return this.rebuild();
  }

  private add(stint: Stint): void {
    this.stints.push(stint);
    if (this.stints.length > MAX_STINTS) this.stints.splice(0, this.stints.length - MAX_STINTS);
  }

  private sorted(): Stint[] {
    return this.stints.sort(compareStints);
  }

  private rebuild(): PathChange {
    const before = this.current;
    const stints = this.sorted();
    const steps: PathStep[] = [];
    stints.forEach((s, i) => {
      const prev = stints[i - 1];
      if (s.startText !== undefined) {
        if (!prev || prev.app === s.app) {
          if (prev) steps.push(leftStep(prev));
          steps.push({ key: `s${s.seq}`, kind: 'entered', app: s.app, args: s.args, at: s.startText });
        } else {
          steps.push({ key: `s${s.seq}`, kind: 'moved', from: prev.app, to: s.app, args: s.args, at: s.startText, departure: prev.ended ? leftKey(prev) : undefined });
        }
      }
      // Its leaving is a step of its own unless the next stay's StasisStart tells it (a move, or a
      // re-entry, above); a next stay known only from REST or the dialplan has no StasisStart.
      const next = stints[i + 1];
      if (s.ended && (!next || next.startText === undefined)) steps.push(leftStep(s));
    });
    const last = stints[stints.length - 1];
    const current = last && !last.ended ? { app: last.app, args: last.args, since: last.startText, knownFrom: last.startText !== undefined ? ('events' as const) : last.placedFrom } : undefined;
    this.current = { steps, current };
    return classify(before, this.current);
  }
}

function leftStep(s: Stint): PathStep {
  return { key: leftKey(s), kind: 'left', app: s.app, at: s.endText ?? '' };
}

function leftKey(s: Stint): string {
  return `l${s.seq}`;
}

function compareStints(a: Stint, b: Stint): number {
  const ka = a.start ?? a.anchor;
  const kb = b.start ?? b.anchor;
  if (ka !== kb) return ka < kb ? -1 : 1;
  // The same millisecond: only the last stay can be open, so one that ended comes first.
  if (a.ended !== b.ended) return a.ended ? -1 : 1;
  if (a.ended && a.end !== b.end && a.end !== undefined && b.end !== undefined) return a.end - b.end;
  return a.seq - b.seq;
}

/** A prefix that grew by one step (or whose last "left" became a move) is news; anything else revised history. */
function classify(before: StasisPath, after: StasisPath): PathChange {
  const old = before.steps;
  const now = after.steps;
  if (now.length === old.length && now.every((s, i) => sameStep(s, old[i]))) {
    return before.current?.app === after.current?.app ? undefined : 'pathRevised';
  }
  const last = now[now.length - 1];
  const grew = now.length === old.length + 1 && old.every((s, i) => sameStep(s, now[i]));
  const leftBecameMove = now.length === old.length && old[old.length - 1]?.kind === 'left' && last.kind === 'moved' && old.slice(0, -1).every((s, i) => sameStep(s, now[i]));
  if (grew || leftBecameMove) return last.kind;
  return 'pathRevised';
}

function sameStep(a: PathStep, b: PathStep | undefined): boolean {
  if (!b || a.key !== b.key || a.kind !== b.kind || a.at !== b.at) return false;
  if (a.kind === 'moved' && b.kind === 'moved') return a.from === b.from && a.to === b.to && a.departure === b.departure && sameList(a.args, b.args);
  if (a.kind === 'entered' && b.kind === 'entered') return a.app === b.app && sameList(a.args, b.args);
  return a.kind === 'left' && b.kind === 'left' && a.app === b.app;
}

/** Asterisk's "2026-11-26T13:01:40.230+0000" in ms; NaN sorts as unknown (by arrival). */
function timeOf(at: string): number {
  const ms = Date.parse(at);
  return Number.isFinite(ms) ? ms : -Infinity;
}
