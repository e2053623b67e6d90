/** A message's start line and headers, as they came. */
export interface HttpHead {
  /** `POST /ari/channels/1/move?app=x HTTP/1.1`, or `HTTP/1.1 204 No Content`. */
  readonly startLine: string;
  /** Name, value, name, value… as sent (Node's rawHeaders shape). */
  readonly rawHeaders: readonly string[];
}

/** What follows a head: a body framed by its headers, none (a HEAD's answer, 1xx, 204, 304), or another protocol (a 101 answer). */
export type AfterHead = 'body' | 'none' | 'switch';

export interface HttpReaderHandlers {
  readonly head: (head: HttpHead) => AfterHead;
  readonly body: (chunk: Buffer) => void;
  readonly end: () => void;
  /** After a 'switch': the bytes of the other protocol that came in the same chunk; nothing more is read. */
  readonly switched: (rest: Buffer) => void;
  /** Not HTTP/1.1 as this reader knows it: nothing more is read (the bytes still pass). */
  readonly lost: (why: string) => void;
}

const MAX_HEAD_BYTES = 64 * 1024;
const EMPTY = Buffer.alloc(0);
const CRLF = Buffer.from('\r\n');
const HEAD_END = Buffer.from('\r\n\r\n');

type State = 'head' | 'length' | 'chunkSize' | 'chunkData' | 'chunkEnd' | 'trailers' | 'untilClose' | 'done';

/**
 * Reads the HTTP/1.1 messages of one direction of a connection (RFC 9112) from a copy of its
 * bytes, one after another as keep-alive sends them: each head, its body as it streams (framed by
 * Content-Length, chunked transfer coding, or the connection's end), then the next. The relay
 * forwards each chunk before this reads it, so the reader never holds a byte up.
 */
export class HttpReader {
  private state: State = 'head';
  private pending: Buffer = EMPTY;
  private remaining = 0;

  constructor(
    private readonly kind: 'request' | 'response',
    private readonly handlers: HttpReaderHandlers,
  ) {}

  read(chunk: Buffer): void {
    let data = this.pending.length > 0 ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = EMPTY;
    while (data.length > 0 && this.state !== 'done') {
      const used = this.step(data);
      if (used < 0) {
        this.pending = Buffer.from(data);
        return;
      }
      data = data.subarray(used);
    }
  }

  /** The connection ended: a body read until then is whole. */
  closed(): void {
    if (this.state === 'untilClose') {
      this.state = 'head';
      this.handlers.end();
    }
  }

  /** Reads what it can from `data`; returns how many bytes it used, or -1 to wait for more. */
  private step(data: Buffer): number {
    switch (this.state) {
      case 'head': {
        // An empty line before a request line is to be ignored (RFC 9112 §2.2).
        if (this.kind === 'request' && data[0] === 0x0d && data[1] === 0x0a) return 2;
        if (this.kind === 'request' && data.length === 1 && data[0] === 0x0d) return -1;
        const end = data.indexOf(HEAD_END);
        if (end < 0) return data.length > MAX_HEAD_BYTES ? this.lose(`a head longer than ${MAX_HEAD_BYTES} bytes`) : -1;
        const lines = data.subarray(0, end).toString('latin1').split('\r\n');
        const startLine = lines[0];
        const ok = this.kind === 'request' ? /^[A-Z]+ \S+ HTTP\/1\.[01]$/.test(startLine) : /^HTTP\/1\.[01] \d{3}( |$)/.test(startLine);
        if (!ok) return this.lose(`"${startLine.slice(0, 60)}" is not an HTTP/1.1 ${this.kind} line`);
        const rawHeaders: string[] = [];
        for (const line of lines.slice(1)) {
          const colon = line.indexOf(':');
          if (colon <= 0) return this.lose(`"${line.slice(0, 60)}" is not a header`);
          rawHeaders.push(line.slice(0, colon), line.slice(colon + 1).trim());
        }
        const after = this.handlers.head({ startLine, rawHeaders });
        const used = end + HEAD_END.length;
        if (after === 'switch') {
          this.state = 'done';
          this.handlers.switched(data.subarray(used));
          return data.length;
        }
        this.frameBody(after, rawHeaders);
        return used;
      }
      case 'length':
      case 'chunkData':
      case 'untilClose': {
        const take = this.state === 'untilClose' ? data.length : Math.min(this.remaining, data.length);
        this.handlers.body(data.subarray(0, take));
        this.remaining -= take;
        if (this.state === 'length' && this.remaining === 0) this.messageDone();
        else if (this.state === 'chunkData' && this.remaining === 0) this.state = 'chunkEnd';
        return take;
      }
      case 'chunkEnd':
        if (data.length < 2) return -1;
        if (data[0] !== 0x0d || data[1] !== 0x0a) return this.lose('a chunk not ended by CRLF');
        this.state = 'chunkSize';
        return 2;
      case 'chunkSize': {
        const end = data.indexOf(CRLF);
        if (end < 0) return data.length > 1024 ? this.lose('a chunk size line longer than 1 KB') : -1;
        const size = Number.parseInt(data.subarray(0, end).toString('latin1').split(';')[0].trim(), 16);
        if (!Number.isFinite(size) || size < 0) return this.lose('a chunk size that is not hexadecimal');
        if (size === 0) this.state = 'trailers';
        else {
          this.state = 'chunkData';
          this.remaining = size;
        }
        return end + 2;
      }
      case 'trailers': {
        const end = data.indexOf(CRLF);
        if (end < 0) return -1;
        if (end === 0) this.messageDone();
        return end + 2;
      }
      case 'done':
        return data.length;
    }
  }

  private frameBody(after: AfterHead, rawHeaders: readonly string[]): void {
    let transferEncoding: string | undefined;
    let contentLength: string | undefined;
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      const name = rawHeaders[i].toLowerCase();
      if (name === 'content-length') contentLength ??= rawHeaders[i + 1];
      else if (name === 'transfer-encoding') transferEncoding ??= rawHeaders[i + 1];
    }
    const chunked = transferEncoding !== undefined && /(^|,)\s*chunked\s*$/i.test(transferEncoding);
    const given = lengthOf(contentLength);
    // A request is never read to the connection's end: one without a valid length cannot be followed.
    if (this.kind === 'request' && !chunked && Number.isNaN(given)) {
      this.lose(`a request whose Content-Length is "${contentLength ?? ''}"`);
      return;
    }
    const length = given ?? (this.kind === 'request' ? 0 : Number.NaN);
    if (after === 'none' || (!chunked && length === 0)) {
      this.messageDone();
    } else if (chunked) {
      this.state = 'chunkSize';
    } else if (Number.isInteger(length) && length > 0) {
      this.state = 'length';
      this.remaining = length;
    } else {
      // An answer with neither: its body runs to the connection's end (RFC 9112 §6.3).
      this.state = 'untilClose';
    }
  }

  private messageDone(): void {
    this.state = 'head';
    this.handlers.end();
  }

  private lose(why: string): number {
    this.state = 'done';
    this.handlers.lost(why);
    return 0;
  }
}

/** A Content-Length value: undefined if none, NaN if not one length (a list of equal lengths is one: RFC 9112 §6.3). */
function lengthOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d+$/.test(value)) return Number(value);
  const lengths = [...new Set(value.split(',').map((v) => v.trim()).filter((v) => v !== ''))];
  return lengths.length === 1 && /^\d+$/.test(lengths[0]) ? Number(lengths[0]) : lengths.length === 0 ? undefined : Number.NaN;
}
