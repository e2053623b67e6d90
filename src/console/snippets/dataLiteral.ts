// JSON values written as source code of the snippets' languages, indented for reading. Strings
// and numbers are written by JSON.stringify, whose output is a valid literal in JavaScript
// (ES2019 and later) and in Python 3 alike; only the words and the object keys differ.

interface Dialect {
  readonly true: string;
  readonly false: string;
  readonly null: string;
  readonly key: (name: string) => string;
  /** One level of indentation. */
  readonly unit: string;
}

const JS: Dialect = { true: 'true', false: 'false', null: 'null', key: jsPropertyName, unit: '  ' };
const PYTHON: Dialect = { true: 'True', false: 'False', null: 'None', key: (name) => JSON.stringify(name), unit: '    ' };

/** `value` as a JavaScript expression; nested lines start with `indent` more. */
export function jsLiteral(value: unknown, indent = ''): string {
  return literal(JS, value, indent);
}

/** `value` as a Python expression (dicts, lists, True/False/None); nested lines start with `indent` more. */
export function pythonLiteral(value: unknown, indent = ''): string {
  return literal(PYTHON, value, indent);
}

function literal(dialect: Dialect, value: unknown, indent: string): string {
  if (value === null) return dialect.null;
  if (value === true) return dialect.true;
  if (value === false) return dialect.false;
  const inner = indent + dialect.unit;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => inner + literal(dialect, item, inner)).join(',\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([name, item]) => `${inner}${dialect.key(name)}: ${literal(dialect, item, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** A property name as written in a JavaScript object literal: bare when it is an identifier. */
export function jsPropertyName(name: string): string {
  // `__proto__: x` and `"__proto__": x` in a literal set the prototype; only a computed key makes the property.
  if (name === '__proto__') return '["__proto__"]';
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name);
}
