import { AriConfigError } from './AriConfigError';
import { ARI_OPERATIONS, type AriHttpMethod, type AriOperationId, type AriOperationParams, type AriOperationSpec, type AriParameterSpec } from './generated/ariOperations';

// What goes on the wire for an ARI operation of the spec, built the way Asterisk reads it
// (docs/ari-behaviour.md#request-encoding): each path id percent-encoded on its own; an
// allowMultiple parameter as ONE comma-joined value whose items are backslash-escaped; a body
// parameter as `{ "<name>": value }`, except for the operations in BODY_IS_THE_VALUE, whose body
// is the value itself and must not have a member named like one of their query parameters. The
// events WebSocket is no request of this kind: AriEventsClient opens it.
const BODY_IS_THE_VALUE: ReadonlySet<string> = new Set<AriOperationId>(['applications.filter', 'bridges.create']);
const LIST_SPECIALS = /[\\",()[\]]/g;
// A `containers` body parameter that Asterisk reads as a list of { attribute, value } objects,
// though the spec types it like the key/value objects of `variables` (docs/ari-behaviour.md#request-encoding).
const CONTAINERS_AS_LIST: ReadonlySet<string> = new Set<AriOperationId>(['asterisk.updateObject']);

/**
 * Where {@link operationParamsProblem} may find the description of a parameter, to add it to
 * its sentence. ARI_OPERATION_DOCS (generated/ariOperationDocs.ts) is one; the extension's
 * runtime path passes none, so that the prose stays out of the bundle.
 */
export type AriParameterDocs = { readonly [K in AriOperationId]?: { readonly parameters: { readonly [name: string]: string } } };

/** An HTTP request for one ARI operation. */
export interface OperationRequest {
  method: AriHttpMethod;
  /** Relative to /ari, no leading slash, ids percent-encoded: 'channels/abc%2F1/move'. */
  resource: string;
  query: URLSearchParams;
  /** The JSON body, if the operation has a body parameter and it was given. */
  body?: unknown;
}

/**
 * The request for operation `id` with these parameters. Omitted (undefined) optional parameters
 * are left out. Throws AriConfigError with {@link operationParamsProblem}'s sentence if Asterisk
 * would refuse or misread the parameters.
 */
export function buildOperationRequest<K extends AriOperationId>(id: K, params: AriOperationParams[K]): OperationRequest {
  return buildRequest(id, ARI_OPERATIONS[id], params);
}

/**
 * The part of an operation a request is built and checked from: an entry of ARI_OPERATIONS, or
 * an operation of a server's own spec (src/ari/spec/AriCatalogue.ts), which may be newer.
 */
export type RequestSpec = Pick<AriOperationSpec, 'method' | 'path' | 'upgrade' | 'parameters'>;

/** {@link buildOperationRequest} for any operation `op`, named `id` in messages. */
export function buildRequest(id: string, op: RequestSpec, params: Readonly<Record<string, unknown>>): OperationRequest {
  const problem = requestProblem(id, op, params);
  if (problem !== undefined) throw new AriConfigError(problem);
  let resource = op.path.replace(/^\//, '');
  const query = new URLSearchParams();
  let body: unknown;
  for (const p of op.parameters) {
    const value = params[p.name];
    if (value === undefined) continue;
    if (p.in === 'path') resource = resource.replace(`{${p.name}}`, () => encodeURIComponent(scalarText(value)));
    else if (p.in === 'body') body = BODY_IS_THE_VALUE.has(id) ? value : { [p.name]: value };
    else if (!p.allowMultiple) query.append(p.name, scalarText(value));
    else {
      const list = Array.isArray(value) ? value : [value];
      const texts = list.map((v) => scalarText(v).replace(LIST_SPECIALS, '\\$&'));
      if (texts.length > 0) query.append(p.name, texts.join(','));
    }
  }
  return body === undefined ? { method: op.method, resource, query } : { method: op.method, resource, query, body };
}

/**
 * The first problem a person should fix in these parameters of operation `id`, as a sentence
 * naming the parameter, or undefined when Asterisk would take them as given: an unknown
 * parameter, a missing required one, a wrong type, a value outside allowableValues or the range.
 * It needs only ARI_OPERATIONS: a missing parameter is named with where it goes and what it takes
 * (`channels.move needs "app" (query, a string).`); given `docs`, the sentence adds the
 * parameter's description from them.
 */
export function operationParamsProblem(id: AriOperationId, params: Readonly<Record<string, unknown>>, docs?: AriParameterDocs): string | undefined {
  if (!Object.hasOwn(ARI_OPERATIONS, id)) return `There is no ARI operation "${String(id)}".`;
  const parameterDocs = docs?.[id]?.parameters;
  const description = parameterDocs && ((p: AriParameterSpec) => (Object.hasOwn(parameterDocs, p.name) ? parameterDocs[p.name] : ''));
  return requestProblem(id, ARI_OPERATIONS[id], params, description);
}

/**
 * {@link operationParamsProblem} for any operation `op`, named `id`; `description` gives a
 * parameter's description ('' for none) to add to the sentence of a missing one.
 */
export function requestProblem(id: string, op: RequestSpec, params: Readonly<Record<string, unknown>>, description?: (p: AriParameterSpec) => string): string | undefined {
  if (op.upgrade) return `${id} is a WebSocket upgrade, not a REST call: the events socket (AriEventsClient) opens it.`;
  const parameters = op.parameters;
  for (const name of Object.keys(params)) {
    if (params[name] === undefined || parameters.some((p) => p.name === name)) continue;
    return unknownParameter(id, parameters, name);
  }
  for (const p of parameters) {
    const value = params[p.name];
    if (value === undefined || (p.allowMultiple && Array.isArray(value) && value.length === 0)) {
      if (p.required) return missingParameterText(id, p, description?.(p).trim() ?? '');
      continue;
    }
    const problem = parameterProblem(id, op, p, value);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** What is wrong with `value` (given) for parameter `p` of `op`, as {@link requestProblem} says it; undefined if nothing. */
export function parameterProblem(id: string, op: RequestSpec, p: AriParameterSpec, value: unknown): string | undefined {
  const problem = valueProblem(id, op, p, value);
  return problem === undefined ? undefined : `${id} "${p.name}" ${problem}`;
}

function unknownParameter(id: string, parameters: readonly AriParameterSpec[], name: string): string {
  if (parameters.length === 0) return `${id} takes no parameters; remove "${name}".`;
  const alike = parameters.find((p) => p.name.toLowerCase() === name.toLowerCase());
  const hint = alike ? ` Did you mean "${alike.name}"?` : '';
  return `${id} has no parameter "${name}".${hint} Its parameters: ${parameters.map((p) => p.name).join(', ')}.`;
}

/** `channels.move needs "app" (query, a string).`, with its description if there is one. */
export function missingParameterText(id: string, p: AriParameterSpec, description: string): string {
  return `${id} needs "${p.name}" (${p.in}, ${expectedValue(p)})${description === '' ? '.' : `: ${sentence(description)}`}`;
}

/**
 * What a parameter takes, in words, from the runtime table alone: "a string", "one of a, b",
 * "one or more strings", "a whole number, at least 0". operationParamsProblem names a missing
 * parameter with it.
 */
export function expectedValue(p: AriParameterSpec): string {
  const list = /^List\[(.+)\]$/.exec(p.type);
  const [one, several] = typeWords(list ? list[1] : p.type);
  const values = p.allowableValues?.join(', ');
  let text: string;
  if (list) text = `a list of ${several}`;
  else if (values !== undefined) text = `${p.allowMultiple ? 'one or more' : 'one'} of ${values}`;
  else text = p.allowMultiple ? `one or more ${several}` : one;
  if (p.range) {
    const { min, max } = p.range;
    text += min !== undefined && max !== undefined ? `, from ${min} to ${max}` : min !== undefined ? `, at least ${min}` : `, at most ${max}`;
  }
  return text;
}

/** A dataType in words, as one value and as several. */
function typeWords(type: string): readonly [string, string] {
  switch (type) {
    case 'string':
      return ['a string', 'strings'];
    case 'int':
    case 'long':
      return ['a whole number', 'whole numbers'];
    case 'double':
      return ['a number', 'numbers'];
    case 'boolean':
      return ['true or false', 'true/false values'];
    case 'containers':
    case 'object':
      return ['a JSON object', 'JSON objects'];
    default:
      return [`a ${type}`, `${type} values`];
  }
}

function valueProblem(id: string, op: RequestSpec, p: AriParameterSpec, value: unknown): string | undefined {
  if (!p.allowMultiple || !Array.isArray(value)) return scalarProblem(id, op, p, value);
  for (const [index, item] of value.entries()) {
    const problem = scalarProblem(id, op, p, item);
    if (problem !== undefined) return `(value ${index + 1}) ${problem}`;
  }
  return undefined;
}

function scalarProblem(id: string, op: RequestSpec, p: AriParameterSpec, value: unknown): string | undefined {
  const list = /^List\[(.+)\]$/.exec(p.type);
  if (list) {
    if (!Array.isArray(value)) return `must be a list; got ${shown(value)}.`;
    for (const [index, item] of value.entries()) {
      const problem = typeProblem(list[1], item);
      if (problem !== undefined) return `(item ${index + 1}) ${problem}`;
    }
    return undefined;
  }
  if (p.type === 'containers' && CONTAINERS_AS_LIST.has(id)) {
    return Array.isArray(value) && value.every(isObject) ? undefined : `must be a list of { "attribute": …, "value": … } objects; got ${shown(value)}.`;
  }
  const problem = typeProblem(p.type, value);
  if (problem !== undefined) return problem;
  if (typeof value === 'string') {
    if (p.allowableValues && !p.allowableValues.includes(value)) return `must be one of ${p.allowableValues.join(', ')}; got ${shown(value)}.`;
    if (p.in === 'path' && (value === '' || value === '.' || value === '..')) return `cannot be ${shown(value)}: it would not reach the resource.`;
  }
  if (typeof value === 'number' && p.range) {
    if (p.range.min !== undefined && value < p.range.min) return `must be at least ${p.range.min}; got ${value}.`;
    if (p.range.max !== undefined && value > p.range.max) return `must be at most ${p.range.max}; got ${value}.`;
  }
  if (p.in === 'body' && BODY_IS_THE_VALUE.has(id) && isObject(value)) {
    const clash = op.parameters.find((q) => q.in === 'query' && Object.hasOwn(value, q.name));
    if (clash) return `cannot have a member "${clash.name}": it is sent as the whole body, and Asterisk reads a body member "${clash.name}" as the query parameter "${clash.name}" too.`;
  }
  return undefined;
}

function typeProblem(type: string, value: unknown): string | undefined {
  switch (type) {
    case 'string':
      return typeof value === 'string' ? undefined : `must be a string; got ${shown(value)}.`;
    case 'int':
    case 'long':
      return typeof value === 'number' && Number.isSafeInteger(value) ? undefined : `must be a whole number; got ${shown(value)}.`;
    case 'double':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : `must be a number; got ${shown(value)}.`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false; got ${shown(value)}.`;
    case 'containers':
    case 'object':
      return isObject(value) ? undefined : `must be a JSON object; got ${shown(value)}.`;
    default:
      return undefined;
  }
}

function isObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The text of a query or path value that operationParamsProblem accepted. */
function scalarText(value: unknown): string {
  return typeof value === 'string' ? value : typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
}

function shown(value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' || isObject(value) || Array.isArray(value) ? JSON.stringify(value) : String(value);
  } catch {
    text = String(value); // a cycle or a BigInt inside
  }
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** "The channel ID" -> "the channel ID.", keeping "ID of..." and URLs as they are. */
function sentence(description: string): string {
  const text = description.trim();
  const first = /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
