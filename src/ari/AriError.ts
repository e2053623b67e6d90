/** What kind of failure this was: an HTTP status from Asterisk, or why no usable answer came. */
export type AriErrorKind =
  | 'http'
  | 'connectionRefused'
  | 'dns'
  | 'tls'
  | 'timeout'
  | 'nonJson'
  | 'aborted'
  | 'network';

/** The thing an operation acts on, so a 404 can say "channel X" rather than "resource". */
export interface AriSubject {
  kind: 'channel' | 'application' | 'eventSource' | 'server' | 'bridge' | 'endpoint' | 'playback' | 'recording' | 'device' | 'mailbox' | 'module' | 'sound' | 'log channel';
  id: string;
}

/** One REST call as a person would name it: "move channel 1732.4 to billing". */
export interface AriOperation {
  description: string;
  subject?: AriSubject;
}

export interface AriErrorDetails {
  kind: AriErrorKind;
  server: string;
  method: string;
  path: string;
  operation: AriOperation;
  /** HTTP status, when Asterisk (or something in front of it) answered. */
  status?: number;
  /** Asterisk's own `{"message": …}`, verbatim. */
  asteriskMessage?: string;
  /** A sentence a person can act on. */
  advice: string;
  cause?: unknown;
}

/**
 * Every failed ARI call surfaces as this one error. `message` is written for people
 * ("Move channel X to billing failed: …"); the fields are for code and logs.
 */
export class AriError extends Error {
  override readonly name = 'AriError';
  readonly kind: AriErrorKind;
  readonly server: string;
  readonly method: string;
  readonly path: string;
  readonly operation: AriOperation;
  readonly status?: number;
  readonly asteriskMessage?: string;
  readonly advice: string;

  constructor(details: AriErrorDetails) {
    super(`${capitalize(details.operation.description)} failed: ${details.advice}`, { cause: details.cause });
    this.kind = details.kind;
    this.server = details.server;
    this.method = details.method;
    this.path = details.path;
    this.operation = details.operation;
    this.status = details.status;
    this.asteriskMessage = details.asteriskMessage;
    this.advice = details.advice;
  }
}

/** A sentence's first letter in capitals: the messages of AriError, and explanations built like them, start with a lower-case fragment. */
export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
