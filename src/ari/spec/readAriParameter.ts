import type { CatalogueParameter } from './AriCatalogue';

// One swagger parameter of a server's own spec, read leniently (see readAriSpec.ts): what a request
// cannot be built without is required, anything else not understood is left out with a sentence.

// endpoints.json gives the description of the `variables` body parameter of sendMessage and
// sendMessageToEndpoint under the misspelt key "descriptioni" (MISSPELT_DESCRIPTION_KEY of
// scripts/ari-spec/quirks.mjs, which the generator reads the same way).
const MISSPELT_DESCRIPTION_KEY = 'descriptioni';

/** True for a JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A JSON value as a sentence quotes it, cut short: '"header"', 'nothing'. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * One parameter of an operation whose path is `path`, or why that operation cannot be offered (the
 * end of a sentence: 'its parameter "x" has paramType "header", not path, query or body'). Parts a
 * request can do without (allowableValues, defaultValue) that are not understood are left out, with
 * a sentence starting with `where` pushed to `notes`. An unknown dataType is kept as written: the
 * console takes such a value as text.
 */
export function readAriParameter(raw: unknown, path: string, where: string, notes: string[]): CatalogueParameter | string {
  if (!isRecord(raw)) return 'one of its parameters is not a JSON object';
  const { name, paramType, dataType } = raw;
  if (typeof name !== 'string' || name === '') return `a parameter has the name ${shown(name)}`;
  const its = `its parameter "${name}"`;
  if (paramType !== 'path' && paramType !== 'query' && paramType !== 'body') return `${its} has paramType ${shown(paramType)}, not path, query or body`;
  if (typeof dataType !== 'string') return `${its} has the dataType ${shown(dataType)}`;
  if (paramType === 'path' && !path.includes(`{${name}}`)) return `${its} is a path parameter, but the path has no {${name}}`;
  const at = `${where} parameter "${name}"`;
  return {
    name,
    in: paramType,
    type: dataType,
    // A path parameter is required whatever the spec says (endpoints.json omits "required" on
    // some): the URL cannot be built without it (scripts/ari-spec/quirks.mjs, parameterFlags).
    // Elsewhere a missing or non-boolean flag means false, the swagger default.
    required: paramType === 'path' || raw.required === true,
    allowMultiple: raw.allowMultiple === true,
    ...allowable(raw.allowableValues, at, notes),
    ...defaultValue(raw.defaultValue, at, notes),
    description: description(raw),
  };
}

function allowable(av: unknown, at: string, notes: string[]): Pick<CatalogueParameter, 'allowableValues' | 'range'> {
  if (av === undefined) return {};
  if (isRecord(av) && av.valueType === 'LIST') {
    const values = av.values;
    if (Array.isArray(values) && values.length > 0 && values.every((v) => typeof v === 'string')) return { allowableValues: [...values] };
  } else if (isRecord(av) && av.valueType === 'RANGE') {
    const bounds = (['min', 'max'] as const).filter((k) => av[k] !== undefined);
    if (bounds.length > 0 && bounds.every((k) => typeof av[k] === 'number' && Number.isFinite(av[k]))) {
      return { range: Object.fromEntries(bounds.map((k) => [k, av[k] as number])) };
    }
  }
  notes.push(`${at}: its allowableValues ${shown(av)} could not be read, so any value is accepted.`);
  return {};
}

function defaultValue(value: unknown, at: string, notes: string[]): Pick<CatalogueParameter, 'defaultValue'> {
  if (value === undefined) return {};
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { defaultValue: value };
  notes.push(`${at}: its defaultValue ${shown(value)} is not a string, number or boolean, so it is not shown.`);
  return {};
}

function description(raw: Readonly<Record<string, unknown>>): string {
  if (typeof raw.description === 'string') return raw.description;
  const misspelt = raw[MISSPELT_DESCRIPTION_KEY];
  return typeof misspelt === 'string' ? misspelt : '';
}
