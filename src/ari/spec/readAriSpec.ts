import type { AriErrorResponseDoc } from '../generated/ariOperationDocs';
import type { AriCatalogue, CatalogueOperation, CatalogueParameter } from './AriCatalogue';
import { isRecord, readAriParameter, shown } from './readAriParameter';

// Reads the operations of an ARI spec as Asterisk serves it (Swagger 1.1: resources.json lists one
// api-docs file per API; docs/ari-behaviour.md#api-docs) at run time. The generator
// (scripts/ari-spec/readOperations.mjs) fails on anything it does not know; this must read the spec
// of any Asterisk release, older or newer than ours, so it keeps every operation a request can be
// built for and says, one sentence each, what it left out. It applies the generator's quirks
// (scripts/ari-spec/quirks.mjs).

/** One api-docs file: its name ('channels.json') and its parsed JSON. */
export interface AriSpecFile {
  readonly name: string;
  readonly doc: unknown;
}

// The file names become the prefix of operation ids and part of a URL, so only identifiers are read.
const RESOURCE_NAME = '[A-Za-z_][A-Za-z0-9_]*';
// resources.json names each file `/api-docs/channels.{format}`; Asterisk serves it as channels.json.
const LISTED_PATH = new RegExp(`^/api-docs/(${RESOURCE_NAME})\\.\\{format\\}$`);
const FILE_NAME = new RegExp(`^(${RESOURCE_NAME})\\.json$`);
const NICKNAME = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The api-docs files resources.json lists ('channels.json'), in its order, and a sentence for each entry that names none. */
export function listedSpecFiles(resources: unknown): { names: string[]; skipped: string[] } {
  if (!isRecord(resources) || !Array.isArray(resources.apis)) {
    return { names: [], skipped: ['resources.json has no list of apis, so it names no api-docs file.'] };
  }
  const names: string[] = [];
  const skipped: string[] = [];
  for (const api of resources.apis) {
    const path = isRecord(api) ? api.path : undefined;
    const resource = typeof path === 'string' ? LISTED_PATH.exec(path)?.[1] : undefined;
    if (resource === undefined) skipped.push(`resources.json lists an api with the path ${shown(path)}, which names no api-docs file; it was not read.`);
    else if (!names.includes(`${resource}.json`)) names.push(`${resource}.json`);
  }
  return { names, skipped };
}

/**
 * Every operation `files` declare that a request can be built for, never throwing. Ids are
 * `<file name without .json>.<nickname>`. Order: the files resources.json lists, in its order, then
 * any other of `files` (as the generator reads unlisted files, so nothing is dropped unsaid); within
 * a file, its order. Only each file's `apis` are read (not its models). A file resources.json lists
 * that is not among `files` is not mentioned: the caller knows why it is missing.
 */
export function readAriSpec(resources: unknown, files: readonly AriSpecFile[], source: AriCatalogue['source']): AriCatalogue {
  const listed = listedSpecFiles(resources);
  const skipped = [...listed.skipped];
  const ordered = [
    ...listed.names.flatMap((name) => files.find((f) => f.name === name) ?? []),
    ...files.filter((f) => !listed.names.includes(f.name)),
  ];
  const operations: CatalogueOperation[] = [];
  const firstWhere = new Map<string, string>();
  for (const file of ordered) {
    for (const { op, where } of readFile(file, skipped)) {
      const first = firstWhere.get(op.id);
      if (first !== undefined) {
        skipped.push(`${where} was skipped: its id ${op.id} is already that of ${first}.`);
        continue;
      }
      firstWhere.set(op.id, where);
      operations.push(op);
    }
  }
  const apiVersion = isRecord(resources) && typeof resources.apiVersion === 'string' ? resources.apiVersion : '';
  return { source, apiVersion, operations, skipped };
}

interface ReadOperation {
  readonly op: CatalogueOperation;
  /** How sentences name it: 'channels.json POST /channels/{channelId}/move (move)'. */
  readonly where: string;
}

function readFile({ name, doc }: AriSpecFile, skipped: string[]): ReadOperation[] {
  const resource = FILE_NAME.exec(name)?.[1];
  if (resource === undefined) {
    skipped.push(`The file ${shown(name)} is not named like an api-docs file (channels.json); it was not read.`);
    return [];
  }
  if (!isRecord(doc)) {
    skipped.push(`${name} is not a JSON object; its operations were not read.`);
    return [];
  }
  const apis = doc.apis ?? [];
  if (!Array.isArray(apis)) {
    skipped.push(`${name} has an "apis" that is not a list; its operations were not read.`);
    return [];
  }
  const out: ReadOperation[] = [];
  for (const api of apis) {
    const path = isRecord(api) ? api.path : undefined;
    if (!isRecord(api) || typeof path !== 'string' || !path.startsWith('/')) {
      skipped.push(`${name} has an api whose path ${shown(path)} does not start with "/"; its operations were not read.`);
      continue;
    }
    const raws = api.operations ?? [];
    if (!Array.isArray(raws)) {
      skipped.push(`${name} ${path} has "operations" that are not a list; they were not read.`);
      continue;
    }
    for (const raw of raws) {
      const read = readOperation(resource, name, path, raw, skipped);
      if (read !== undefined) out.push(read);
    }
  }
  return out;
}

function readOperation(resource: string, file: string, path: string, raw: unknown, skipped: string[]): ReadOperation | undefined {
  const method = isRecord(raw) ? raw.httpMethod : undefined;
  const nickname = isRecord(raw) && typeof raw.nickname === 'string' ? raw.nickname : undefined;
  const where = `${file} ${typeof method === 'string' ? method : '?'} ${path}${nickname !== undefined ? ` (${nickname})` : ''}`;
  const skip = (why: string): undefined => {
    skipped.push(`${where} was skipped: ${why}.`);
    return undefined;
  };
  if (!isRecord(raw)) return skip('it is not a JSON object');
  if (nickname === undefined) return skip('it has no nickname');
  if (!NICKNAME.test(nickname)) return skip(`its nickname ${shown(nickname)} is not an identifier`);
  if (method !== 'GET' && method !== 'POST' && method !== 'PUT' && method !== 'DELETE') {
    return skip(`its httpMethod ${shown(method)} is not GET, POST, PUT or DELETE`);
  }
  if (raw.upgrade !== undefined && raw.upgrade !== 'websocket') return skip(`it upgrades to ${shown(raw.upgrade)}, not to a WebSocket`);
  const rawParameters = raw.parameters ?? [];
  if (!Array.isArray(rawParameters)) return skip('its "parameters" is not a list');

  // Sentences about parts left out of an operation that is kept; dropped with the operation.
  const notes: string[] = [];
  const parameters: CatalogueParameter[] = [];
  for (const p of rawParameters) {
    const read = readAriParameter(p, path, where, notes);
    if (typeof read === 'string') return skip(read);
    parameters.push(read);
  }
  const unusable = unusableParameters(path, parameters);
  if (unusable !== undefined) return skip(unusable);
  const errorResponses = readErrorResponses(raw.errorResponses, where, notes);
  skipped.push(...notes);
  const op: CatalogueOperation = {
    id: `${resource}.${nickname}`,
    resource,
    method,
    path,
    ...(raw.upgrade === 'websocket' ? { upgrade: 'websocket' as const } : {}),
    summary: typeof raw.summary === 'string' ? raw.summary : '',
    ...(typeof raw.notes === 'string' ? { notes: raw.notes } : {}),
    responseClass: typeof raw.responseClass === 'string' ? raw.responseClass : '',
    errorResponses,
    parameters,
  };
  return { op, where };
}

/** Why no request can be built from these parameters, or undefined. */
function unusableParameters(path: string, parameters: readonly CatalogueParameter[]): string | undefined {
  const names = parameters.map((p) => p.name);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) return `its parameter "${repeated}" is declared twice`;
  for (const [, name] of path.matchAll(/\{([^}]*)\}/g)) {
    if (!parameters.some((p) => p.in === 'path' && p.name === name)) return `{${name}} of its path is not one of its path parameters`;
  }
  // Asterisk hands the whole JSON body to the one body parameter (readOperations.mjs, from its
  // rest-api-templates), so a request for more than one cannot be built.
  if (parameters.filter((p) => p.in === 'body').length > 1) return 'it has more than one body parameter';
  return undefined;
}

function readErrorResponses(raw: unknown, where: string, notes: string[]): AriErrorResponseDoc[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) {
    notes.push(`${where}: its errorResponses are not a list, so none are shown.`);
    return [];
  }
  const out: AriErrorResponseDoc[] = [];
  for (const e of raw) {
    const code = isRecord(e) ? statusCode(e.code) : undefined;
    if (isRecord(e) && code !== undefined) out.push({ code, reason: typeof e.reason === 'string' ? e.reason : '' });
    else notes.push(`${where}: its error response ${shown(e)} has no HTTP status code, so it is not shown.`);
  }
  return out;
}

// channels.move gives its codes as strings ("404", "409"), every other operation as numbers; a
// string of three digits is read as that number (scripts/ari-spec/quirks.mjs, errorResponseCode).
function statusCode(code: unknown): number | undefined {
  if (Number.isInteger(code)) return code as number;
  if (typeof code === 'string' && /^[1-5][0-9][0-9]$/.test(code)) return Number(code);
  return undefined;
}
