import type { ConsoleRequest } from './ConsoleRequest';

/** One request the console sent, as kept: enough to send it again or edit it, never a credential. */
export interface HistoryEntry {
  /** Unique within the server's history. */
  readonly id: number;
  /** When it was sent, ms since the epoch. */
  readonly at: number;
  readonly operationId: string;
  /** The parameter values as given (ConsoleRequest.params). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly via: 'http' | 'websocket';
  /** The answer's status; undefined when none came (a refused connection, a timeout). */
  readonly status?: number;
  readonly durationMs?: number;
  readonly pinned: boolean;
  /** A password or secret was taken out of `params` before keeping it: it must be typed again. */
  readonly redacted?: true;
}

/** Where the history lives between sessions (VS Code's globalState; a Map in tests). */
export interface HistoryStorage {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** How many unpinned entries a server keeps; pinned ones are kept apart, up to PINNED_LIMIT. */
export const HISTORY_LIMIT = 200;
export const PINNED_LIMIT = 100;

/**
 * The requests sent to one server, newest first, bounded: the oldest unpinned entry goes first.
 * What storage gives back is checked entry by entry, so a damaged or older store loses only the
 * entries it cannot read.
 */
export class ConsoleHistory {
  private readonly key: string;
  private list: HistoryEntry[];
  private nextId: number;

  constructor(
    private readonly storage: HistoryStorage,
    serverId: string,
  ) {
    this.key = `stasisExplorer.console.history.${serverId}`;
    this.list = readEntries(storage.get(this.key));
    this.nextId = this.list.reduce((max, e) => Math.max(max, e.id), 0) + 1;
  }

  /** Pinned first, then newest first. */
  get entries(): readonly HistoryEntry[] {
    return [...this.list.filter((e) => e.pinned), ...this.list.filter((e) => !e.pinned)];
  }

  get(id: number): HistoryEntry | undefined {
    return this.list.find((e) => e.id === id);
  }

  add(request: Pick<ConsoleRequest, 'operationId' | 'params'>, sent: { at: number; via: HistoryEntry['via']; status?: number; durationMs?: number }): Promise<HistoryEntry> {
    const { params, redacted } = withoutSecrets(request.params);
    const entry: HistoryEntry = { id: this.nextId++, at: sent.at, operationId: request.operationId, params, via: sent.via, pinned: false, ...answerOf(sent), ...(redacted ? { redacted } : {}) };
    this.list.unshift(entry);
    const unpinned = this.list.filter((e) => !e.pinned);
    if (unpinned.length > HISTORY_LIMIT) this.list = this.list.filter((e) => e.pinned || unpinned.indexOf(e) < HISTORY_LIMIT);
    return this.save().then(() => entry);
  }

  /** Pinning beyond PINNED_LIMIT is refused with a sentence saying what to do. */
  pin(id: number, pinned: boolean): Promise<void> {
    if (pinned && this.list.filter((e) => e.pinned).length >= PINNED_LIMIT) {
      return Promise.reject(new Error(`${PINNED_LIMIT} requests are pinned already: unpin one first.`));
    }
    this.list = this.list.map((e) => (e.id === id ? { ...e, pinned } : e));
    return this.save();
  }

  remove(id: number): Promise<void> {
    this.list = this.list.filter((e) => e.id !== id);
    return this.save();
  }

  /** Forgets every unpinned entry; pinned ones stay until unpinned. */
  clear(): Promise<void> {
    this.list = this.list.filter((e) => e.pinned);
    return this.save();
  }

  private save(): Promise<void> {
    return Promise.resolve(this.storage.update(this.key, this.list));
  }
}

/** Names of what holds a credential: a pjsip auth's password, an md5_cred, a secret, an api_key. */
const SECRET = /pass(word)?|secret|md5_cred|api_key|token/i;

/**
 * `params` with every credential emptied: in a config object's fields (`{ attribute, value }`
 * of asterisk.updateObject) and in variables (`{ "NAME": value }`), by name.
 */
function withoutSecrets(params: Readonly<Record<string, unknown>>): { params: Readonly<Record<string, unknown>>; redacted?: true } {
  let redacted = false;
  const clean = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(clean);
    if (typeof value !== 'object' || value === null) return value;
    const record = value as Record<string, unknown>;
    if (typeof record.attribute === 'string' && 'value' in record && SECRET.test(record.attribute)) {
      redacted = true;
      return { ...record, value: '' };
    }
    return Object.fromEntries(Object.entries(record).map(([key, v]) => (SECRET.test(key) && typeof v !== 'object' ? ((redacted = true), [key, '']) : [key, clean(v)])));
  };
  const kept = Object.fromEntries(Object.entries(params).map(([name, value]) => [name, clean(value)]));
  return redacted ? { params: kept, redacted: true } : { params };
}

function answerOf(sent: { status?: number; durationMs?: number }): Pick<HistoryEntry, 'status' | 'durationMs'> {
  return { ...(sent.status !== undefined ? { status: sent.status } : {}), ...(sent.durationMs !== undefined ? { durationMs: Math.round(sent.durationMs * 10) / 10 } : {}) };
}

function readEntries(stored: unknown): HistoryEntry[] {
  if (!Array.isArray(stored)) return [];
  return stored.filter(isEntry);
}

function isEntry(value: unknown): value is HistoryEntry {
  const e = value as Partial<HistoryEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    Number.isSafeInteger(e.id) &&
    typeof e.at === 'number' &&
    typeof e.operationId === 'string' &&
    typeof e.params === 'object' &&
    e.params !== null &&
    !Array.isArray(e.params) &&
    (e.via === 'http' || e.via === 'websocket') &&
    typeof e.pinned === 'boolean' &&
    (e.status === undefined || typeof e.status === 'number') &&
    (e.durationMs === undefined || typeof e.durationMs === 'number') &&
    (e.redacted === undefined || e.redacted === true)
  );
}
