/** A setting that cannot work (a bad URL, app name, credential); the message says what to change. */
export class AriConfigError extends Error {
  override readonly name = 'AriConfigError';
}
