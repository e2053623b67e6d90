// What the events link says about a handshake Asterisk refused or a socket that closed, for the
// link's status and the log (docs/ari-behaviour.md#events-socket, #errors).

/** Handshake statuses after which retrying cannot help: what to fix instead. */
export const HANDSHAKE_GIVE_UP: Record<number, string> = {
  400: 'Asterisk refused the events socket as malformed (HTTP 400); check the application names.',
  401: 'Asterisk rejected the username or password (HTTP 401). Check the ARI user in ari.conf and the stored password.',
  403: 'Asterisk refused access (HTTP 403): this address is not allowed by the ARI user\'s ACL.',
  404: 'there is no ARI events endpoint at this URL (HTTP 404). Check the server URL and that res_ari is loaded.',
  500: 'Asterisk could not register the application (HTTP 500): a name may be empty or longer than 73 bytes.',
};

export function closeReason(code: number, reason: string): string {
  if (code === 1006) return 'the connection closed abruptly (Asterisk stopped, or dropped a slow reader)';
  if (code === 1000 || code === 1001) return reason ? `Asterisk closed the connection (${reason})` : 'Asterisk closed the connection';
  return `the connection closed with code ${code}${reason ? ` (${reason})` : ''}`;
}

export function describeSocketError(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'connection refused: nothing is listening (is Asterisk running, with http.conf enabled?)';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the host name cannot be resolved (${error.code})`;
    case 'ECONNRESET':
      return 'the connection was reset';
    default:
      return error.code ? `${error.message} (${error.code})` : error.message;
  }
}
