import type { AriErrorKind, AriOperation } from './AriError';
import { explainBridgeAnswer } from './explainBridgeAnswer';

/**
 * The sentence for an HTTP error status. It leans on Asterisk's own message where Asterisk has
 * one (docs/ari-behaviour.md#errors, #move, #applications-resource, #channels-resource, #bridges) and names
 * what to do next.
 */
export function explainHttpStatus(
  operation: AriOperation,
  status: number,
  asteriskMessage: string | undefined,
  server: string,
): string {
  const said = asteriskMessage ? ` (Asterisk: "${asteriskMessage}")` : '';
  const subject = operation.subject;
  const name = subject ? `${subject.kind === 'eventSource' ? 'event source' : subject.kind} "${subject.id}"` : 'the resource';
  const bridgeAnswer = explainBridgeAnswer(status, asteriskMessage, name, server, said);
  if (bridgeAnswer) return bridgeAnswer;
  switch (status) {
    case 400:
      return `Asterisk rejected the request as invalid${said}. Check the values you entered.`;
    case 401:
      return `${server} rejected the username or password${said}. Check the ARI user in ari.conf and the password stored for this server.`;
    case 403:
      if (asteriskMessage?.includes('Write access denied')) {
        return `the ARI user on ${server} is read-only (read_only=yes in ari.conf)${said}. Use a user with write access.`;
      }
      return `${server} refused access${said}: this address is not allowed by the ARI user's ACL (ari.conf), or the user is read-only.`;
    case 404:
      if (asteriskMessage === undefined) {
        return `${server} has no ARI at this address (HTTP 404). Check the server URL and its path prefix, and that res_ari is loaded.`;
      }
      if (subject?.kind === 'channel') return `${name} no longer exists on ${server}: it hung up or never existed${said}. Refresh the view if it still lists it.`;
      if (subject?.kind === 'application') return `${name} is not registered on ${server}${said}. Register it first, or refresh the view.`;
      return `${name} was not found on ${server}${said}.`;
    case 409:
      if (subject?.kind === 'channel' && asteriskMessage?.includes('already exists')) {
        return `a channel with id "${subject.id}" already exists on ${server}${said}. Pick another channel id.`;
      }
      if (subject?.kind === 'channel') {
        return `${name} is not in a Stasis application${said}. An originated channel enters its app only when it is answered; wait for its StasisStart and try again.`;
      }
      return `the request conflicts with the current state on ${server}${said}.`;
    case 412:
      return `${name} is in a state that does not allow this${said}: Asterisk refuses it while an outbound channel is Down, Reserved or Ringing. Wait until it is answered.`;
    case 422:
      return `the event source does not exist on ${server} or is not subscribed${said}. Check its id (channel:<id>, bridge:<id>, endpoint:<tech>/<resource>, deviceState:<name>).`;
    case 500:
      return `Asterisk reported an internal error${said}. Its log (messages file) says more.`;
    case 501:
      return `this Asterisk does not implement the operation${said}. It may be older than the feature.`;
    case 502:
    case 504:
      // Asterisk's own HTTP server never sends these: something in front of it does.
      return `a proxy in front of ${server} answered HTTP ${status}${said}: the Asterisk behind it is down or does not answer. Check Asterisk, or point the server URL at Asterisk itself.`;
    case 503:
      return `Asterisk on ${server} is still starting up${said}. Try again in a few seconds.`;
    default:
      return `Asterisk answered HTTP ${status}${said}.`;
  }
}

/** The kind and sentence for a failure before any usable HTTP answer. */
export function explainTransportFailure(
  cause: unknown,
  host: string,
  timeoutMs: number,
): { kind: AriErrorKind; advice: string } {
  const code = errorCode(cause);
  const name = (cause as { name?: string } | undefined)?.name;
  if (name === 'TimeoutError' || code === 'ETIMEDOUT') {
    return { kind: 'timeout', advice: `no answer from ${host} within ${timeoutMs / 1000} s. Asterisk may be overloaded, or the network path is down.` };
  }
  if (name === 'AbortError' || code === 'ABORT_ERR') {
    return { kind: 'aborted', advice: 'it was cancelled.' };
  }
  if (code === 'ECONNREFUSED') {
    return {
      kind: 'connectionRefused',
      advice: `nothing is listening at ${host}. Check that Asterisk is running and that http.conf has enabled=yes with this bindaddr and bindport.`,
    };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') {
    return { kind: 'dns', advice: `the host name in ${host} cannot be resolved (${code}). Check the server URL.` };
  }
  if (code !== undefined && isTlsCode(code)) {
    return {
      kind: 'tls',
      advice: `the TLS connection to ${host} was refused (${code}). If the server uses a self-signed or private certificate, set its CA in the server's TLS settings; check that the URL's host matches the certificate.`,
    };
  }
  const detail = code ?? (cause instanceof Error ? cause.message : String(cause));
  return { kind: 'network', advice: `the connection to ${host} failed (${detail}). Check the network and the server URL.` };
}

export function explainNonJson(status: number, contentType: string | undefined, host: string, empty = false): string {
  const what = empty ? 'an empty answer' : contentType?.includes('html') ? 'an HTML page' : `a ${contentType || 'non-JSON'} answer`;
  return `${host} sent ${what} (HTTP ${status}) instead of ARI JSON. A proxy may be in the way, or the URL does not point at Asterisk's HTTP server.`;
}

function errorCode(cause: unknown): string | undefined {
  let current: unknown = cause;
  // An error may wrap the socket's; the useful code can be a `cause` or two down.
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function isTlsCode(code: string): boolean {
  return (
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    code.includes('CERT') ||
    code === 'EPROTO' ||
    code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
    code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
  );
}
