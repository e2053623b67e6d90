export interface FrameScannerHandlers {
  /**
   * A whole text message: `source[start, end)`. A message whole in its chunk is a range of the
   * chunk itself (a tap copies the chunk's frames at once); fragments joined are a buffer of their own.
   */
  readonly text: (source: Buffer, start: number, end: number) => void;
  /** A close frame: the code and reason the sender gave. */
  readonly close: (code: number, reason: string) => void;
  /** The stream is not WebSocket framing this reader can follow; nothing more is read from it. */
  readonly lost: (why: string) => void;
}

/**
 * Reads the messages of one direction of a relayed events socket (RFC 6455 §5) from a copy of
 * its bytes: the relay forwards each chunk first and hands it here after, so this reader's
 * trouble never touches the bytes that pass. It keeps only what a message needs across chunks
 * and copies a payload only when it spans chunks: on the proxy's thread it reads as many frames
 * as the app does, and must cost less than the app's own reading (docs/trace-proxy.md#thread).
 * `masked`: the app's frames, which RFC 6455 has masked.
 */
export class FrameScanner {
  private head = EMPTY;
  /** Payload bytes still to come in the current frame. */
  private need = 0;
  /** Between a header and the end of its payload. */
  private inFrame = false;
  private control = false;
  private controlOpcode = 0;
  private fin = true;
  private mask: Buffer | undefined;
  private maskAt = 0;
  /** The current message's opcode (1 text, 2 binary), kept over its continuation frames. */
  private opcode = 0;
  private parts: Buffer[] = [];
  private controlParts: Buffer[] = [];
  private reading = true;

  constructor(
    private readonly masked: boolean,
    private readonly handlers: FrameScannerHandlers,
  ) {}

  read(chunk: Buffer): void {
    let at = 0;
    while (this.reading && at < chunk.length) {
      if (!this.inFrame) {
        // The common case, an unmasked text frame whose header and payload are all in this chunk:
        // it is handed on as a range of the chunk, with nothing made or kept.
        const whole = this.head.length === 0 && !this.masked && this.parts.length === 0 ? wholeTextFrame(chunk, at) : 0;
        if (whole > 0) {
          this.handlers.text(chunk, at + (chunk[at + 1] === 126 ? 4 : 2), at + whole);
          at += whole;
          continue;
        }
        at = this.readHead(chunk, at);
        continue;
      }
      const take = Math.min(this.need, chunk.length - at);
      let part = chunk.subarray(at, at + take);
      if (this.mask) part = this.unmask(part);
      (this.control ? this.controlParts : this.parts).push(part);
      this.need -= take;
      at += take;
      if (this.need === 0) this.frameDone();
    }
  }

  /** Reads a frame's header from `chunk` at `at` (it may span chunks); returns where its payload starts. */
  private readHead(chunk: Buffer, at: number): number {
    const available = this.head.length > 0 ? Buffer.concat([this.head, chunk.subarray(at)]) : chunk.subarray(at);
    const consumedBefore = this.head.length;
    if (available.length < 2) return this.keepHead(available, chunk.length);
    const b0 = available[0];
    const b1 = available[1];
    let length = b1 & 0x7f;
    let size = 2;
    if (length === 126) size = 4;
    else if (length === 127) size = 10;
    const maskBit = (b1 & 0x80) !== 0;
    if (maskBit) size += 4;
    if (available.length < size) return this.keepHead(available, chunk.length);
    if (length === 126) length = available.readUInt16BE(2);
    else if (length === 127) {
      const big = available.readBigUInt64BE(2);
      if (big > BigInt(Number.MAX_SAFE_INTEGER)) return this.lose(`a frame of ${big} bytes`, chunk.length);
      length = Number(big);
    }
    const opcode = b0 & 0x0f;
    if ((b0 & 0x70) !== 0) return this.lose('compressed or extended frames (RSV bits set): the trace cannot read them', chunk.length);
    if (maskBit !== this.masked) return this.lose(this.masked ? 'an unmasked frame from the app' : 'a masked frame from Asterisk', chunk.length);
    this.control = opcode >= 8;
    if (this.control && (length > 125 || (b0 & 0x80) === 0)) return this.lose('a control frame that is fragmented or longer than 125 bytes', chunk.length);
    if (!this.control) {
      if (opcode !== 0) this.opcode = opcode;
      this.fin = (b0 & 0x80) !== 0;
    }
    this.controlOpcode = opcode;
    this.mask = maskBit ? Buffer.from(available.subarray(size - 4, size)) : undefined;
    this.maskAt = 0;
    this.need = length;
    this.head = EMPTY;
    this.inFrame = true;
    if (length === 0) this.frameDone();
    return at + size - consumedBefore;
  }

  private frameDone(): void {
    this.inFrame = false;
    if (this.control) {
      const payload = this.controlParts.length === 1 ? this.controlParts[0] : Buffer.concat(this.controlParts);
      this.controlParts = [];
      if (this.controlOpcode === 8) this.handlers.close(payload.length >= 2 ? payload.readUInt16BE(0) : 1005, payload.subarray(2).toString('utf8'));
      return;
    }
    if (!this.fin) return;
    const message = this.parts.length === 1 ? this.parts[0] : Buffer.concat(this.parts);
    this.parts = [];
    if (this.opcode === 1) this.handlers.text(message, 0, message.length);
  }

  private unmask(part: Buffer): Buffer {
    const out = Buffer.allocUnsafe(part.length);
    for (let i = 0; i < part.length; i++) out[i] = part[i] ^ this.mask![(this.maskAt + i) & 3];
    this.maskAt = (this.maskAt + part.length) & 3;
    return out;
  }

  private keepHead(available: Buffer, end: number): number {
    this.head = Buffer.from(available);
    return end;
  }

  private lose(why: string, end: number): number {
    this.reading = false;
    this.handlers.lost(why);
    return end;
  }
}

const EMPTY = Buffer.alloc(0);

/** The length of the final, uncompressed, unmasked text frame at `at` when it is whole in `chunk`; else 0 (the general path reads it). */
function wholeTextFrame(chunk: Buffer, at: number): number {
  if (chunk.length - at < 2 || chunk[at] !== 0x81) return 0;
  let length = chunk[at + 1];
  let head = 2;
  if (length === 126) {
    if (chunk.length - at < 4) return 0;
    length = chunk.readUInt16BE(at + 2);
    head = 4;
  } else if (length > 126) return 0;
  return chunk.length - at >= head + length ? head + length : 0;
}
