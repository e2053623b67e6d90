import { AriConfigError } from './AriConfigError';

// App arguments (StasisStart.args) travel as one comma-separated `appArgs` string, and Asterisk
// splits that string differently per operation (docs/ari-behaviour.md#app-args):
// - move splits it on ',': empty arguments vanish, everything else stays as is;
// - originate runs Stasis(app,<appArgs>), whose dialplan argument parser keeps empty arguments,
//   removes '"' and '\', and does not split at commas inside (…) or […].
// An argument that would arrive changed is refused, saying how, rather than sent.

/** "a,b,,c" → ["a","b","c"]: the arguments as people type them into one field. */
export function splitAppArgs(text: string): string[] {
  return text.split(',').filter((a) => a !== '');
}

/** Originate arguments as typed: Stasis()'s parser keeps empty ones, so they are kept here too. */
export function splitOriginateArgs(text: string): string[] {
  return text === '' ? [] : text.split(',');
}

/** Why a move would not deliver these arguments as given, or undefined. */
function moveArgsProblem(args: readonly string[]): string | undefined {
  const comma = commaProblem(args);
  if (comma) return comma;
  const empty = args.filter((a) => a === '').length;
  if (empty === 0) return undefined;
  return `${empty === 1 ? 'One app argument is' : `${empty} app arguments are`} empty; Asterisk drops empty arguments of a move, so the app would get ${args.length - empty} arguments, not ${args.length}. Remove ${empty === 1 ? 'it or give it a value' : 'them or give them values'}.`;
}

/** Why an originated call would not deliver these arguments as given, or undefined. */
export function originateArgsProblem(args: readonly string[]): string | undefined {
  const comma = commaProblem(args);
  if (comma) return comma;
  for (const [index, arg] of args.entries()) {
    const removed = [...arg].find((c) => c === '"' || c === '\\');
    if (removed) {
      return `The app argument ${JSON.stringify(arg)} contains ${removed}; an originated call passes its arguments through the dialplan's Stasis(), which removes ${removed === '"' ? 'quotes' : 'backslashes'}. Remove it from the argument.`;
    }
    const open = unclosedBracket(arg);
    if (open && index < args.length - 1) {
      return `The app argument ${JSON.stringify(arg)} opens a "${open}" it does not close; the dialplan's Stasis() would not split at the commas after it and merge the arguments after it into this one. Close it or remove it.`;
    }
  }
  return undefined;
}

/** The `appArgs` value of a move; throws AriConfigError if the move would change the arguments. */
export function moveAppArgs(args: readonly string[]): string {
  return joined(args, moveArgsProblem(args));
}

/** The `appArgs` value of an originate; throws AriConfigError if Stasis() would change the arguments. */
export function originateAppArgs(args: readonly string[]): string {
  return joined(args, originateArgsProblem(args));
}

function joined(args: readonly string[], problem: string | undefined): string {
  if (problem) throw new AriConfigError(problem);
  return args.join(',');
}

function commaProblem(args: readonly string[]): string | undefined {
  const bad = args.find((a) => a.includes(','));
  return bad === undefined ? undefined : `The app argument "${bad}" contains a comma; Asterisk splits arguments on commas. Give it as separate arguments, or remove the comma.`;
}

/** The first "(" or "[" left open, counted as Asterisk counts them (a stray closer is ignored). */
function unclosedBracket(arg: string): '(' | '[' | undefined {
  let parens = 0;
  let brackets = 0;
  for (const c of arg) {
    if (c === '(') parens++;
    else if (c === ')' && parens > 0) parens--;
    else if (c === '[') brackets++;
    else if (c === ']' && brackets > 0) brackets--;
  }
  return parens > 0 ? '(' : brackets > 0 ? '[' : undefined;
}
