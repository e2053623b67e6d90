/** One row of the payload viewer: a key, its value or a summary of it, and where it sits. */
export interface JsonTreeRow {
  /** JavaScript-style path from the root: `channel.caller.name`, `args[0]`, `["odd key"]`. */
  readonly path: string;
  readonly key: string;
  readonly depth: number;
  readonly kind: 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';
  /** The value as text for leaves; `{3}` / `[2]` for containers. Always plain text. */
  readonly preview: string;
  readonly expandable: boolean;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  if (IDENTIFIER.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${JSON.stringify(key)}]`;
}

/**
 * The visible rows of a JSON value, depth first, descending only into the paths in `expanded`
 * (the root is always open). Rows are computed, never HTML: the view renders them as text.
 * `expanded` only answers `has`, so one page can keep several trees' open paths in one set.
 */
export function jsonTreeRows(value: unknown, expanded: Pick<ReadonlySet<string>, 'has'>): JsonTreeRow[] {
  const rows: JsonTreeRow[] = [];
  const visit = (v: unknown, key: string, path: string, depth: number) => {
    const kind = kindOf(v);
    const container = kind === 'object' || kind === 'array';
    const entries = container ? entriesOf(v) : [];
    if (depth >= 0) rows.push({ path, key, depth, kind, preview: previewOf(v, kind, entries.length), expandable: container && entries.length > 0 });
    if (container && (depth < 0 || expanded.has(path))) {
      for (const [k, child] of entries) visit(child, String(k), childPath(path, k), depth + 1);
    }
  };
  visit(value, '', '', -1);
  return rows;
}

/** The value at a path produced by `childPath`, for "copy value". */
export function valueAt(root: unknown, path: string): unknown {
  let current: unknown = root;
  for (const step of parsePath(path)) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

function parsePath(path: string): (string | number)[] {
  const steps: (string | number)[] = [];
  const re = /(?:^|\.)([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/gy;
  let match: RegExpExecArray | null;
  while ((match = re.exec(path)) !== null) {
    if (match[1] !== undefined) steps.push(match[1]);
    else if (match[2] !== undefined) steps.push(Number(match[2]));
    else steps.push(JSON.parse(match[3]) as string);
    if (re.lastIndex === path.length) break;
  }
  return steps;
}

function kindOf(v: unknown): JsonTreeRow['kind'] {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'object':
      return 'object';
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}

function entriesOf(v: unknown): [string | number, unknown][] {
  if (Array.isArray(v)) return v.map((item, i) => [i, item]);
  return Object.entries(v as Record<string, unknown>);
}

function previewOf(v: unknown, kind: JsonTreeRow['kind'], size: number): string {
  switch (kind) {
    case 'object':
      return `{${size}}`;
    case 'array':
      return `[${size}]`;
    case 'string':
      return JSON.stringify(v);
    default:
      return String(v);
  }
}
