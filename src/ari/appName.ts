/** 80 (AST_MAX_CONTEXT) minus "stasis-": longer names fail registration with HTTP 500. */
export const MAX_APP_NAME_LENGTH = 73;

/** Why Asterisk would refuse this application name, or undefined if it is fine. */
export function appNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'The application name is empty. Enter a name such as ari-example1.';
  if (name.includes(',')) return `The application name "${name}" contains a comma; Asterisk reads commas as separators between app names. Remove it.`;
  // Asterisk counts bytes (strlen), so "é" counts twice.
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_APP_NAME_LENGTH) {
    return `The application name is ${bytes} bytes long; Asterisk accepts at most ${MAX_APP_NAME_LENGTH} (its stasis-<app> context must fit in 80). Shorten it.`;
  }
  if (/\s/.test(name)) return `The application name "${name}" contains white space; Asterisk would trim or split it. Use letters, digits, '-' or '_'.`;
  return undefined;
}
