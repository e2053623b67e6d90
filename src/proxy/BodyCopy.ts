import type { TracedBody } from './TraceRecord';

/** A copy of a streamed body, up to `cap` bytes; the stream itself is never held up or changed. */
export class BodyCopy {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private total = 0;

  constructor(private readonly cap: number) {}

  add(chunk: Buffer): void {
    this.total += chunk.length;
    if (this.kept >= this.cap) return;
    const part = chunk.length > this.cap - this.kept ? chunk.subarray(0, this.cap - this.kept) : chunk;
    this.chunks.push(part);
    this.kept += part.length;
  }

  /** Undefined for an empty body. */
  body(contentType: string | undefined): TracedBody | undefined {
    if (this.total === 0) return undefined;
    return { text: Buffer.concat(this.chunks).toString('utf8'), bytes: this.total, truncated: this.total > this.kept, ...(contentType ? { contentType } : {}) };
  }
}
