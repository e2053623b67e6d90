// Reads every operation of the spec (the `apis` of each api-docs file) into plain records, checking
// what the code that uses them relies on. emitOperations.mjs writes their request part (what
// src/ari/generated/ariOperations.ts declares as AriOperationSpec), emitOperationDocs.mjs their
// prose (AriOperationDoc in ariOperationDocs.ts). Order: resources.json file order, then each
// file's order.

import { fail } from './loadSpec.mjs';
import { checkParameterQuirkAnchors, errorResponseCode, parameterDescription, parameterFlags } from './quirks.mjs';
import { IDENT } from './tsText.mjs';

export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'DELETE'];
const PARAM_IN = ['path', 'query', 'body'];
// Parameter dataTypes as Asterisk uses them. `containers` is Asterisk's name for a JSON object of
// key/value pairs (channel variables, config fields); `object` is any JSON object.
export const PARAM_DATA_TYPES = ['string', 'int', 'long', 'double', 'boolean', 'containers', 'object'];
const NUMERIC = ['int', 'long', 'double'];

/** The scalar dataType inside `List[X]`, or the dataType itself. */
export function scalarDataType(dataType) {
  return /^List\[(.+)\]$/.exec(dataType)?.[1] ?? dataType;
}

function readParameter(p, where, path) {
  if (typeof p.name !== 'string' || !IDENT.test(p.name)) fail(`${where}: parameter name ${JSON.stringify(p.name)} is not an identifier.`);
  where = `${where} parameter "${p.name}"`;
  if (!PARAM_IN.includes(p.paramType)) fail(`${where}: paramType ${JSON.stringify(p.paramType)} is not one of ${PARAM_IN.join(', ')}.`);
  if (typeof p.dataType !== 'string' || !PARAM_DATA_TYPES.includes(scalarDataType(p.dataType))) {
    fail(`${where}: unknown dataType ${JSON.stringify(p.dataType)} (known: ${PARAM_DATA_TYPES.join(', ')}, List[...] of them).`);
  }
  const out = { name: p.name, in: p.paramType, type: p.dataType, ...parameterFlags(p, where) };
  if (p.paramType === 'path' && !path.includes(`{${p.name}}`)) fail(`${where}: the path ${path} has no {${p.name}}.`);
  if (p.paramType === 'path' && p.dataType !== 'string') fail(`${where}: a path parameter must be a string.`);
  const av = p.allowableValues;
  if (av !== undefined) {
    if (av.valueType === 'LIST') {
      if (p.dataType !== 'string') fail(`${where}: allowableValues LIST on dataType "${p.dataType}" is not supported.`);
      if (!Array.isArray(av.values) || av.values.length === 0 || !av.values.every((v) => typeof v === 'string')) {
        fail(`${where}: allowableValues LIST needs a non-empty list of strings.`);
      }
      if (new Set(av.values).size !== av.values.length) fail(`${where}: allowableValues LIST repeats a value.`);
      out.allowableValues = [...av.values];
    } else if (av.valueType === 'RANGE') {
      if (!NUMERIC.includes(p.dataType)) fail(`${where}: allowableValues RANGE on dataType "${p.dataType}" is not supported.`);
      const range = {};
      for (const k of ['min', 'max']) {
        if (av[k] === undefined) continue;
        if (typeof av[k] !== 'number' || !Number.isFinite(av[k])) fail(`${where}: allowableValues RANGE ${k} is not a number.`);
        range[k] = av[k];
      }
      if (range.min === undefined && range.max === undefined) fail(`${where}: allowableValues RANGE has neither min nor max.`);
      out.range = range;
    } else {
      fail(`${where}: unknown allowableValues.valueType ${JSON.stringify(av.valueType)}.`);
    }
  }
  if (p.defaultValue !== undefined) {
    const expected = p.dataType === 'boolean' ? 'boolean' : NUMERIC.includes(p.dataType) ? 'number' : 'string';
    if (typeof p.defaultValue !== expected) fail(`${where}: defaultValue ${JSON.stringify(p.defaultValue)} is not a ${expected}.`);
    out.defaultValue = p.defaultValue;
  }
  out.description = parameterDescription(p, where);
  return out;
}

function readOperation(resource, api, op, file) {
  const where = `${file}: ${op.httpMethod} ${api.path} (${op.nickname})`;
  if (typeof op.nickname !== 'string' || !IDENT.test(op.nickname)) fail(`${where}: nickname is not an identifier.`);
  if (!HTTP_METHODS.includes(op.httpMethod)) fail(`${where}: httpMethod is not one of ${HTTP_METHODS.join(', ')}.`);
  if (typeof op.summary !== 'string') fail(`${where}: no summary.`);
  if (op.notes !== undefined && typeof op.notes !== 'string') fail(`${where}: notes is not a string.`);
  if (!Array.isArray(op.since) || !op.since.every((s) => typeof s === 'string')) fail(`${where}: "since" is not a list of strings.`);
  if (typeof op.responseClass !== 'string') fail(`${where}: no responseClass.`);
  if (op.upgrade !== undefined && op.upgrade !== 'websocket') fail(`${where}: unknown upgrade ${JSON.stringify(op.upgrade)}.`);

  const parameters = (op.parameters ?? []).map((p) => readParameter(p, where, api.path));
  const names = parameters.map((p) => p.name);
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated) fail(`${where}: parameter "${repeated}" is declared twice.`);
  for (const [, name] of api.path.matchAll(/\{([^}]*)\}/g)) {
    if (!parameters.some((p) => p.in === 'path' && p.name === name)) fail(`${where}: {${name}} of the path is not a path parameter.`);
  }
  // Asterisk's REST glue hands the whole JSON body to the one body parameter (rest-api-templates/
  // param_parsing.mustache, `args.<name> = body;`), so there can be only one.
  if (parameters.filter((p) => p.in === 'body').length > 1) fail(`${where}: more than one body parameter.`);

  const errorResponses = (op.errorResponses ?? []).map((e) => {
    if (typeof e.reason !== 'string') fail(`${where}: errorResponse ${JSON.stringify(e)} has no string reason.`);
    return { code: errorResponseCode(e, where), reason: e.reason };
  });
  const out = {
    id: `${resource}.${op.nickname}`,
    resource,
    nickname: op.nickname,
    method: op.httpMethod,
    path: api.path,
    summary: op.summary,
    ...(op.notes !== undefined ? { notes: op.notes } : {}),
    since: [...op.since],
    parameters,
    responseClass: op.responseClass,
    errorResponses,
    ...(op.upgrade !== undefined ? { upgrade: op.upgrade } : {}),
  };
  return { op: out, where };
}

/** Every operation of the spec (id, resource, nickname, request fields and prose), in spec order. */
export function readOperations(spec) {
  checkParameterQuirkAnchors(spec.files);
  const operations = [];
  const whereOf = new Map();
  for (const { name: file, doc } of spec.files) {
    const resource = file.replace(/\.json$/, '');
    if (!IDENT.test(resource)) fail(`${file}: the file name is not usable as an operation id prefix.`);
    for (const api of doc.apis ?? []) {
      if (typeof api.path !== 'string' || !api.path.startsWith('/')) fail(`${file}: api path ${JSON.stringify(api.path)} does not start with "/".`);
      for (const raw of api.operations ?? []) {
        const { op, where } = readOperation(resource, api, raw, file);
        if (whereOf.has(op.id)) fail(`Operation id "${op.id}" is not unique: ${whereOf.get(op.id)} and ${where}.`);
        whereOf.set(op.id, where);
        operations.push(op);
      }
    }
  }
  if (operations.length === 0) fail('The spec defines no operations.');
  return operations;
}
