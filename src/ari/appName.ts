import { AriConfigError } from './AriConfigError';

/** 80 (AST_MAX_CONTEXT) minus "stasis-": longer names fail registration with HTTP 500. */
const MAX_APP_NAME_LENGTH = 73;

/** Throws an AriConfigError saying why, if Asterisk would refuse this application name. */
export function assertAppName(name: string): void {
  const problem = appNameProblem(name);
  if (problem) throw new AriConfigError(problem);
}

/** Why Asterisk would refuse this application name, or undefined if it is fine. */
export function appNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'The application name is empty. Enter a name such as ari-example1.';
  if (name.includes(',')) return `The application name "${name}" contains a comma; Asterisk reads commas as separators between app names. Remove it.`;
  // Asterisk counts bytes (strlen), so "é" counts twice.
  const bytes = Buffer.byteLength(name, 'utf8');
  if (bytes > MAX_APP_NAME_LENGTH) {
    const why = bytes > name.length ? ' (letters outside ASCII take 2 to 4 bytes each)' : '';
    return `The application name is ${bytes} bytes long${why}; Asterisk accepts at most ${MAX_APP_NAME_LENGTH} (its stasis-<app> context must fit in 80). Shorten it.`;
  }
  if (/\s/.test(name)) return `The application name "${name}" contains white space; Asterisk would trim or split it. Use letters, digits, '-' or '_'.`;
  // The events socket's app list is split by ast_strsep, which reads quotes and backslashes (docs/ari-behaviour.md#events-socket).
  const quoting = [...name].find((c) => c === '"' || c === "'" || c === '\\');
  if (quoting) return `The application name "${name}" contains ${quoting}; Asterisk reads quotes and backslashes in its list of app names (it registers 'x' as x, and a\\,b as one app), so it may register another name. Remove it.`;
  return undefined;
}

/** "a, b,,c" → ["a","b","c"]: the app list as people type it into one field. */
export function splitAppNames(text: string): string[] {
  return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

/** Why one of the comma-separated app names in this text would be refused, or undefined. */
export function appListProblem(text: string): string | undefined {
  for (const name of splitAppNames(text)) {
    const problem = appNameProblem(name);
    if (problem) return problem;
  }
  return undefined;
}
