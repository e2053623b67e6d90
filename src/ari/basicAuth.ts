import { AriConfigError } from './AriConfigError';

/** Why this ARI user name cannot be sent, or undefined. */
export function usernameProblem(username: string): string | undefined {
  if (username.trim() === '') {
    return 'The ARI username is empty. Enter the user name of a [user] section with type=user in ari.conf.';
  }
  if (username.includes(':')) {
    // Basic auth joins user and password with ':' and Asterisk splits at the first one.
    return `The ARI username "${username}" contains ':', which HTTP Basic authentication cannot carry (Asterisk splits user and password at the first ':'). Use an ARI user whose name has no ':'.`;
  }
  return undefined;
}

/**
 * The HTTP Basic header for ARI. Credentials always travel in this header, never as `api_key`
 * in a URL, where proxies and logs would keep them. Both are sent as UTF-8, the bytes Asterisk
 * compares with ari.conf.
 */
export function basicAuthorization(username: string, password: string): string {
  const problem = usernameProblem(username);
  if (problem) throw new AriConfigError(problem);
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
