import { ARI_OPERATIONS, type AriOperationId } from './generated/ariOperations';

/** An ARI operation recognised in a request someone else made: its id and the parameters it carried. */
export interface MatchedOperation<Id extends string = AriOperationId> {
  readonly id: Id;
  /** Path parameters decoded, query parameters as sent (strings). */
  readonly params: Readonly<Record<string, string>>;
}

/** What matching needs of an operation: ARI_OPERATIONS' entries, or a server's own spec's (src/ari/spec/AriCatalogue.ts). */
export interface RoutableOperation<Id extends string> {
  readonly id: Id;
  readonly method: string;
  readonly path: string;
  readonly upgrade?: string;
}

interface Pattern {
  readonly id: string;
  readonly method: string;
  readonly regex: RegExp;
  readonly names: readonly string[];
  /** How many segments are fixed words: the more, the better the match. */
  readonly literals: number;
}

let bundled: readonly Pattern[] | undefined;
const compiled = new WeakMap<readonly RoutableOperation<string>[], readonly Pattern[]>();

/**
 * The spec's operation for a request seen on the wire (a traced app's), from its method and
 * resource (`channels/abc/move`, relative to /ari); undefined for anything ARI does not define.
 * Literal segments win over parameters, as Asterisk routes them: `channels/create` is
 * `channels.create`, not `channels.get` of a channel named "create".
 */
export function matchOperation(method: string, resource: string, query?: readonly (readonly [string, string])[]): MatchedOperation | undefined;
/** The same, among `operations` (a server's own spec). */
export function matchOperation<Id extends string>(method: string, resource: string, query: readonly (readonly [string, string])[], operations: readonly RoutableOperation<Id>[]): MatchedOperation<Id> | undefined;
export function matchOperation(method: string, resource: string, query: readonly (readonly [string, string])[] = [], operations?: readonly RoutableOperation<string>[]): MatchedOperation<string> | undefined {
  const path = resource.replace(/^\/+|\/+$/g, '');
  let patterns: readonly Pattern[];
  if (operations === undefined) patterns = bundled ??= compile((Object.keys(ARI_OPERATIONS) as AriOperationId[]).map((id) => ({ id, ...ARI_OPERATIONS[id] })));
  else {
    patterns = compiled.get(operations) ?? compile(operations);
    compiled.set(operations, patterns);
  }
  let best: { pattern: Pattern; values: string[] } | undefined;
  for (const pattern of patterns) {
    if (pattern.method !== method.toUpperCase()) continue;
    const match = pattern.regex.exec(path);
    if (!match) continue;
    if (!best || pattern.literals > best.pattern.literals) best = { pattern, values: match.slice(1) };
  }
  if (!best) return undefined;
  const params: Record<string, string> = {};
  best.pattern.names.forEach((name, i) => (params[name] = safeDecode(best.values[i])));
  for (const [name, value] of query) params[name] ??= value;
  return { id: best.pattern.id, params };
}

function compile(operations: readonly RoutableOperation<string>[]): Pattern[] {
  return operations
    .filter((op) => !op.upgrade)
    .map((op) => {
      const names: string[] = [];
      let literals = 0;
      const source = op.path
        .replace(/^\//, '')
        .split('/')
        .map((segment) => {
          const param = /^\{(\w+)\}$/.exec(segment);
          if (!param) {
            literals++;
            return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          }
          names.push(param[1]);
          return '([^/]+)';
        })
        .join('/');
      return { id: op.id, method: op.method, regex: new RegExp(`^${source}$`), names, literals };
    });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
