import { isAriEventType, type AriEvent } from './generated/ariTypes';

/** An event as it arrived: parsed, and the frame's bytes (a log can keep those instead of the parsed tree). */
export interface ReceivedEvent {
  readonly event: AriEvent;
  readonly frame: Uint8Array;
  /** When it came, if not now (a trace's events come over in batches: docs/trace-proxy.md#thread). */
  readonly receivedAt?: number;
}

/** A frame that was not an ARI event we know: logged, never fatal. */
export interface FrameProblem {
  problem: 'notJson' | 'notAnEvent' | 'unknownType' | 'binary' | 'tooLarge';
  detail: string;
  /** The start of the frame, for the log. */
  excerpt: string;
}

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

export function readFrame(data: Buffer, onProblem: (problem: FrameProblem) => void): AriEvent | undefined {
  const text = data.toString('utf8');
  let frame: unknown;
  try {
    frame = JSON.parse(text);
  } catch (error) {
    onProblem({ problem: 'notJson', detail: (error as Error).message, excerpt: text.slice(0, 200) });
    return undefined;
  }
  const type = (frame as { type?: unknown } | null)?.type;
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame) || typeof type !== 'string') {
    const { error, message } = (frame ?? {}) as { error?: unknown; message?: unknown };
    const said = typeof error === 'string' ? `Asterisk said ${clip(error)}${typeof message === 'string' ? `: ${clip(message)}` : ''}` : 'a frame without a string "type"';
    onProblem({ problem: 'notAnEvent', detail: said, excerpt: text.slice(0, 200) });
    return undefined;
  }
  if (!isAriEventType(type)) {
    onProblem({ problem: 'unknownType', detail: `unknown event type "${clip(type)}"`, excerpt: text.slice(0, 200) });
    return undefined;
  }
  return frame as AriEvent;
}
