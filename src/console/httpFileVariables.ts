// File variables of REST Client (humao.rest-client) `.http` files, read as its FileVariableProvider
// reads them (checked against its source, Huachao/vscode-restclient): a line `@name = value`
// anywhere in the file defines `name`, the last definition winning; the value is trimmed and
// `\n`, `\r`, `\t` in it are line feed, carriage return and tab, while a backslash before any
// other character stands for that character. `{{name}}` refers to a variable, `{{%name}}` to
// its value percent-encoded, and a value may refer to other file variables.

const FILE_VARIABLE = /^\s*@([^\s=]+)\s*=\s*(.*?)\s*$/;
const REFERENCE = /\{\{(.+?)\}\}/g;
const READ_ESCAPES: Readonly<Record<string, string>> = { n: '\n', r: '\r', t: '\t' };
const WRITTEN_ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };
/** How deep values may refer to values: more means a cycle. */
const MAX_DEPTH = 10;

/** The file's variables by name, their values unescaped but not expanded. */
export function fileVariables(lines: readonly string[]): Map<string, string> {
  const variables = new Map<string, string>();
  for (const line of lines) {
    const match = FILE_VARIABLE.exec(line);
    if (match) variables.set(match[1], match[2].replace(/\\(.)/g, (_, c: string) => READ_ESCAPES[c] ?? c));
  }
  return variables;
}

/** Whether REST Client reads this line as a variable definition (and not as part of a request). */
export function isFileVariableLine(line: string): boolean {
  return FILE_VARIABLE.test(line);
}

/** The definition line that gives `name` exactly `value` (escaped; leading and trailing spaces cannot be kept). */
export function fileVariableLine(name: string, value: string): string {
  return `@${name} = ${value.replace(/[\\\n\r\t]/g, (c) => WRITTEN_ESCAPES[c])}`;
}

/**
 * `text` with its references to `variables` replaced, and the names of those left as they are,
 * because no variable has that name (`$guid` and other system variables included) or because
 * they refer to one another in a cycle.
 */
export function expandVariables(text: string, variables: ReadonlyMap<string, string>, depth = 0): { text: string; unresolved: string[] } {
  const unresolved: string[] = [];
  const expanded = text.replace(REFERENCE, (reference, inner: string) => {
    const name = inner.trim();
    const encoded = name.startsWith('%');
    const value = variables.get(encoded ? name.slice(1) : name);
    if (value === undefined || depth >= MAX_DEPTH) {
      unresolved.push(name);
      return reference;
    }
    const nested = expandVariables(value, variables, depth + 1);
    unresolved.push(...nested.unresolved);
    return encoded ? encodeURIComponent(nested.text) : nested.text;
  });
  return { text: expanded, unresolved };
}
