/** The first release of each branch with REST over WebSocket (docs/ari-behaviour.md#rest-over-websocket). */
const FIRST: Readonly<Record<number, number>> = { 20: 14, 21: 9, 22: 4 };

/**
 * Whether "Send over WebSocket" can be offered to an Asterisk of this version ('22.10.1'), and
 * why not. A version that does not read as one (a build from git) is offered, with a warning:
 * the timeout says it if the frame goes unanswered.
 */
export function overWebSocket(version: string | undefined): { possible: boolean; why: string } {
  const match = /^(\d+)\.(\d+)/.exec(version ?? '');
  if (!match) return { possible: true, why: `Asterisk's version (${version ?? 'unknown'}) does not say whether it reads REST requests on the events socket (20.14, 21.9, 22.4 and later do).` };
  const major = Number(match[1]);
  const minor = Number(match[2]);
  const since = FIRST[major];
  const possible = major >= 23 || (since !== undefined && minor >= since);
  return possible
    ? { possible, why: `Asterisk ${version} reads REST requests on the events socket.` }
    : { possible, why: `Asterisk ${version} reads no REST requests on the events socket: that came in 20.14, 21.9, 22.4 and 23.` };
}
