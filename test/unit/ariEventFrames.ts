// What a client of the events socket does with a frame: parse it, check it, and hand it on typed.
import { isAriEventType, type AriEvent, type AriEventMap } from '../../src/ari/generated/ariTypes';
import { isObject, specErrors } from './ariEventValidator';

/** What a WebSocket client does with a text frame: parse it and accept only known event types. */
export function parseEvent(frame: string): AriEvent {
  const value: unknown = JSON.parse(frame);
  if (!isObject(value) || typeof value.type !== 'string' || !isAriEventType(value.type)) {
    throw new Error(`Not an ARI event: ${frame.slice(0, 80)}`);
  }
  const errors = specErrors(value.type, value);
  if (errors.length > 0) throw new Error(`Invalid ${value.type}: ${errors.join('; ')}`);
  return value as unknown as AriEvent;
}

/** A typed consumer: proves that `type` narrows AriEvent to the right interface. */
export function summarize(ev: AriEvent): string {
  switch (ev.type) {
    case 'ApplicationMoveFailed':
      return `move of ${ev.channel.id} to ${ev.destination} failed, args [${ev.args.join(',')}]`;
    case 'StasisStart':
      return `${ev.channel.id} (${ev.channel.state}) entered ${ev.application}, args [${ev.args.join(',')}]`;
    case 'RESTResponse':
      return `${ev.status_code} ${ev.reason_phrase}`;
    default:
      return ev.type;
  }
}

export function handlerFor<K extends keyof AriEventMap>(type: K, handler: (ev: AriEventMap[K]) => string): (ev: AriEvent) => string | undefined {
  return (ev) => (ev.type === type ? handler(ev as AriEventMap[K]) : undefined);
}
