import type { AriOperation, AriSubject } from './AriError';
import { ARI_OPERATIONS, type AriOperationId } from './generated/ariOperations';

type Params = Readonly<Record<string, unknown>>;

/** How people name the calls Stasis Explorer makes itself; any other operation is named by its id, method and path. */
const NAMED: Partial<Record<AriOperationId, (p: Params, server: string) => string>> = {
  'asterisk.getInfo': (_p, server) => `read Asterisk info from ${server}`,
  'applications.list': (_p, server) => `list applications on ${server}`,
  'channels.list': (_p, server) => `list channels on ${server}`,
  'channels.answer': (p) => `answer channel "${text(p.channelId)}"`,
  'channels.hangup': (p) => `hang up channel "${text(p.channelId)}"`,
  'channels.move': (p) => `move channel "${text(p.channelId)}" to "${text(p.app)}"`,
  'channels.continueInDialplan': (p) => `continue channel "${text(p.channelId)}" in the dialplan`,
  'channels.originate': (p) => `originate a call to ${text(p.endpoint)}${p.app !== undefined ? ` into "${text(p.app)}"` : ''}`,
};

/** The path parameter that names what an operation acts on, and what to call that thing. */
const SUBJECTS: readonly [string, AriSubject['kind']][] = [
  ['channelId', 'channel'],
  ['applicationName', 'application'],
  ['bridgeId', 'bridge'],
  ['playbackId', 'playback'],
  ['recordingName', 'recording'],
  ['deviceName', 'device'],
  ['mailboxName', 'mailbox'],
  ['moduleName', 'module'],
  ['soundId', 'sound'],
  ['logChannelName', 'log channel'],
];

/**
 * One REST call as a person would name it, for messages: "move channel 1732.4 to billing"; an
 * operation without a NAMED wording is named from the runtime table (ARI_OPERATIONS, which has no
 * prose): "bridges.destroy (DELETE /bridges/{bridgeId})".
 */
export function describeOperation(id: AriOperationId, params: Params, server: string): AriOperation {
  const op = ARI_OPERATIONS[id];
  const description = NAMED[id]?.(params, server) ?? `${id} (${op.method} ${op.path})`;
  return { description, subject: subjectOf(id, params, server) };
}

/** What a request of operation `id` (of any spec) acts on, from the parameters that name it; what error sentences name. */
export function subjectOf(id: string, params: Params, server: string): AriSubject | undefined {
  if (id === 'applications.subscribe' || id === 'applications.unsubscribe') return { kind: 'eventSource', id: list(params.eventSource) };
  if (id === 'asterisk.getInfo' || id === 'asterisk.ping') return { kind: 'server', id: server };
  for (const [name, kind] of SUBJECTS) if (params[name] !== undefined) return { kind, id: text(params[name]) };
  if (params.tech !== undefined && params.resource !== undefined) return { kind: 'endpoint', id: `${text(params.tech)}/${text(params.resource)}` };
  return undefined;
}

function text(value: unknown): string {
  return String(value);
}

function list(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : text(value);
}
