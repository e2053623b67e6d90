import { AriConfigError } from './AriConfigError';

/**
 * The HTTP Basic header for ARI. Credentials always travel in this header, never as `api_key`
 * in a URL, where proxies and logs would keep them.
 */
export function basicAuthorization(username: string, password: string): string {
  if (username === '') {
    throw new AriConfigError('The ARI username is empty. Enter the user name of a [user] section with type=user in ari.conf.');
  }
  if (username.includes(':')) {
    // Basic auth joins user and password with ':' and Asterisk splits at the first one.
    throw new AriConfigError(`The ARI username "${username}" contains ':', which HTTP Basic authentication cannot carry. Use an ARI user without ':'.`);
  }
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}
