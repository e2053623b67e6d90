import { isAriEventType, type AriEvent } from './generated/ariTypes';

/** A frame that was not an ARI event we know: logged, never fatal. */
export interface FrameProblem {
  problem: 'notJson' | 'notAnEvent' | 'unknownType' | 'binary' | 'tooLarge';
  detail: string;
  /** The start of the frame, for the log. */
  excerpt: string;
}

const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

/**
 * One text frame of the events socket as a typed event, after one JSON.parse; undefined (and the
 * problem reported) for a frame that is not an event of the spec. Each frame is one JSON event
 * (docs/ari-behaviour.md#framing); Asterisk answers a message it could not use with
 * {"error": …, "message": …}, whose words are passed on.
 */
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
