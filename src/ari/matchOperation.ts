import { ARI_OPERATIONS, type AriOperationId } from './generated/ariOperations';

/** An ARI operation recognised in a request someone else made: its id and the parameters it carried. */
export interface MatchedOperation {
  readonly id: AriOperationId;
  /** Path parameters decoded, query parameters as sent (strings). */
  readonly params: Readonly<Record<string, string>>;
}

interface Pattern {
  readonly id: AriOperationId;
  readonly method: string;
  readonly regex: RegExp;
  readonly names: readonly string[];
  /** How many segments are fixed words: the more, the better the match. */
  readonly literals: number;
}

let patterns: readonly Pattern[] | undefined;

/**
 * The spec's operation for a request seen on the wire (a traced app's), from its method and
 * resource (`channels/abc/move`, relative to /ari); undefined for anything ARI does not define.
 * Literal segments win over parameters, as Asterisk routes them: `channels/create` is
 * `channels.create`, not `channels.get` of a channel named "create".
 */
export function matchOperation(method: string, resource: string, query: readonly (readonly [string, string])[] = []): MatchedOperation | undefined {
  const path = resource.replace(/^\/+|\/+$/g, '');
  let best: { pattern: Pattern; values: string[] } | undefined;
  for (const pattern of (patterns ??= compile())) {
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

function compile(): Pattern[] {
  return (Object.keys(ARI_OPERATIONS) as AriOperationId[])
    .filter((id) => !ARI_OPERATIONS[id].upgrade)
    .map((id) => {
      const op = ARI_OPERATIONS[id];
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
      return { id, method: op.method, regex: new RegExp(`^${source}$`), names, literals };
    });
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
