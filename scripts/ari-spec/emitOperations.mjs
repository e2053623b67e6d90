// Writes src/ari/generated/ariOperations.ts: every operation of the spec as data
// (ARI_OPERATIONS), its parameters as a type (AriOperationParams), its result as a type
// (AriOperationResults), and the enums of its parameters.
//
// ARI_OPERATIONS is on the extension's runtime path (operationRequest.ts builds and checks every
// REST call with it), so it holds only what a request needs: method, path, upgrade and, per
// parameter, name, in, type, required, allowMultiple, allowableValues, range, defaultValue. The
// prose (summaries, notes, descriptions, error reasons) would be most of the bundle; it goes to
// ariOperationDocs.ts (emitOperationDocs.mjs), which the runtime path does not import. JSDoc may
// quote it here: comments are stripped from the bundle.
//
// Enum naming rule: every parameter whose allowableValues is a LIST gets its own type and const,
// named from the operation and the parameter: channels.hangup `reason` -> ChannelsHangupReason and
// CHANNELS_HANGUP_REASON_VALUES; channels.externalMedia `connection_type` ->
// ChannelsExternalMediaConnectionType. Equal lists of different operations (channels.mute and
// channels.unmute `direction`) are NOT merged: each name stays tied to one operation, so a spec
// change to one list cannot silently change the other operation's type.

import { fail } from './loadSpec.mjs';
import { HTTP_METHODS, scalarDataType } from './readOperations.mjs';
import { fileHeader, jsdoc, tsKey, tsString } from './tsText.mjs';

const PARAM_TS = {
  string: 'string',
  int: 'number',
  long: 'number',
  double: 'number',
  boolean: 'boolean',
  containers: 'Record<string, unknown>',
  object: 'Record<string, unknown>',
};

function pascal(name) {
  return name
    .split('_')
    .filter((part) => part !== '')
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function upperSnake(name) {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase();
}

/** Type and const names of every LIST enum, keyed by "<operation id>#<parameter>". */
function enumNames(operations) {
  const names = new Map();
  const owner = new Map();
  for (const op of operations) {
    for (const p of op.parameters) {
      if (!p.allowableValues) continue;
      const type = `${pascal(op.resource)}${pascal(op.nickname)}${pascal(p.name)}`;
      const constant = `${upperSnake(op.resource)}_${upperSnake(op.nickname)}_${upperSnake(p.name)}_VALUES`;
      for (const n of [type, constant]) {
        if (owner.has(n)) fail(`Enum name ${n} of ${op.id} "${p.name}" is also the name for ${owner.get(n)}.`);
        owner.set(n, `${op.id} "${p.name}"`);
      }
      names.set(`${op.id}#${p.name}`, { type, constant, values: p.allowableValues, op, param: p });
    }
  }
  return names;
}

// asterisk.json types `fields` of updateObject `containers`, like the key/value objects of
// `variables`, but Asterisk reads it as a list of ConfigTuples (res/ari/resource_asterisk.c
// `ast_ari_asterisk_update_object`: `ast_json_array_size(fields)`), as its description says.
const PARAM_TYPE_QUIRKS = { 'asterisk.updateObject#fields': 'readonly ConfigTuple[]' };

function paramType(op, p, enums) {
  const quirk = PARAM_TYPE_QUIRKS[`${op.id}#${p.name}`];
  if (quirk !== undefined) return quirk;
  const list = /^List\[(.+)\]$/.exec(p.type);
  const scalar = enums.get(`${op.id}#${p.name}`)?.type ?? PARAM_TS[scalarDataType(p.type)];
  if (scalar === undefined) fail(`${op.id} "${p.name}": no TypeScript type for dataType "${p.type}".`);
  const one = list ? `readonly ${/^\w+$/.test(scalar) ? `${scalar}[]` : `Array<${scalar}>`}` : scalar;
  return p.allowMultiple ? `${one} | readonly ${/^\w+$/.test(one) ? `${one}[]` : `(${one})[]`}` : one;
}

/** TypeScript type of a responseClass: void, binary, string, a model, or List[...] of those. */
function resultType(responseClass, where, models) {
  const list = /^List\[(.+)\]$/.exec(responseClass);
  if (list) return `${resultType(list[1], where, models)}[]`;
  if (responseClass === 'void') return 'void';
  if (responseClass === 'binary') return 'ArrayBuffer';
  if (responseClass === 'string') return 'string';
  if (models.has(responseClass)) return responseClass;
  return fail(`${where}: unknown responseClass "${responseClass}" (not void, binary, string or a model).`);
}

function literal(value) {
  return typeof value === 'string' ? tsString(value) : JSON.stringify(value);
}

function paramNotes(p) {
  const notes = [p.description];
  const extra = [];
  if (p.defaultValue !== undefined) extra.push(`Default: \`${String(p.defaultValue)}\`.`);
  if (p.range) {
    const { min, max } = p.range;
    extra.push(min !== undefined && max !== undefined ? `Range: ${min} to ${max}.` : min !== undefined ? `At least ${min}.` : `At most ${max}.`);
  }
  if (p.allowMultiple) extra.push('Several values allowed (sent comma-separated).');
  if (p.in === 'body') extra.push('Sent in the JSON body.');
  if (extra.length > 0) notes.push(extra.join(' '));
  return notes;
}

function specEntry(op, enums) {
  const out = [`  ${tsString(op.id)}: {`];
  const line = (key, value) => out.push(`    ${key}: ${value},`);
  line('method', tsString(op.method));
  line('path', tsString(op.path));
  if (op.upgrade !== undefined) line('upgrade', tsString(op.upgrade));
  if (op.parameters.length === 0) line('parameters', '[]');
  else {
    out.push('    parameters: [');
    for (const p of op.parameters) {
      const fields = [
        `name: ${tsString(p.name)}`,
        `in: ${tsString(p.in)}`,
        `type: ${tsString(p.type)}`,
        `required: ${p.required}`,
        `allowMultiple: ${p.allowMultiple}`,
      ];
      if (p.allowableValues) fields.push(`allowableValues: ${enums.get(`${op.id}#${p.name}`).constant}`);
      if (p.range) fields.push(`range: { ${Object.entries(p.range).map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
      if (p.defaultValue !== undefined) fields.push(`defaultValue: ${literal(p.defaultValue)}`);
      out.push(`      { ${fields.join(', ')} },`);
    }
    out.push('    ],');
  }
  out.push('  },');
  return out;
}

export function generateOperations(spec, asteriskVersion, operations, models) {
  const enums = enumNames(operations);
  const results = operations.map((op) => resultType(op.responseClass, `${op.id} (${op.method} ${op.path})`, models));
  const imported = [...new Set(results.map((r) => r.replace(/\[\]$/g, '')).filter((r) => models.has(r)))].sort();
  const ids = operations.map((op) => op.id);
  const title = (op) => `${op.method} ${op.path}${op.upgrade ? ` (${op.upgrade} upgrade)` : ''}: ${op.summary}`;

  const out = [];
  const emit = (...lines) => out.push(...lines);
  emit(
    ...fileHeader(spec, asteriskVersion),
    `import type { ${imported.join(', ')} } from './ariTypes';`,
    '',
    '/** The HTTP methods ARI operations use. */',
    `export type AriHttpMethod = ${HTTP_METHODS.map(tsString).join(' | ')};`,
    '',
    '/** One parameter of an operation, as the spec declares it (its description is in ARI_OPERATION_DOCS). */',
    'export interface AriParameterSpec {',
    '  readonly name: string;',
    "  readonly in: 'path' | 'query' | 'body';",
    "  /** The swagger dataType as written: 'string', 'int', 'long', 'double', 'boolean', 'containers', 'object', 'List[string]'. */",
    '  readonly type: string;',
    '  /** Always true for a path parameter; false when the spec omits it. */',
    '  readonly required: boolean;',
    '  /** Several values, which Asterisk reads from one comma-separated query value. */',
    '  readonly allowMultiple: boolean;',
    '  /** The allowed values (swagger allowableValues LIST). */',
    '  readonly allowableValues?: readonly string[];',
    '  /** Inclusive bounds (swagger allowableValues RANGE). */',
    '  readonly range?: { readonly min?: number; readonly max?: number };',
    '  readonly defaultValue?: string | number | boolean;',
    '}',
    '',
    '/**',
    ' * One operation of the spec, as building and checking a request needs it. Its prose (summary,',
    ' * notes, parameter descriptions, error reasons) is in ARI_OPERATION_DOCS (ariOperationDocs.ts).',
    ' */',
    'export interface AriOperationSpec {',
    '  readonly method: AriHttpMethod;',
    "  /** As in the spec, relative to /ari: '/channels/{channelId}/move'. */",
    '  readonly path: string;',
    '  /** Set on the operation that opens the events WebSocket rather than answering once. */',
    "  readonly upgrade?: 'websocket';",
    '  /** In spec order. */',
    '  readonly parameters: readonly AriParameterSpec[];',
    '}',
    '',
    '/** The id of an operation: `<api-docs file name>.<nickname>`. */',
    'export type AriOperationId =',
    ...ids.map((id, i) => `  | ${tsString(id)}${i === ids.length - 1 ? ';' : ''}`),
    '',
    '/** All operation ids, in spec order. */',
    'export const ARI_OPERATION_IDS: readonly AriOperationId[] = [',
    ...ids.map((id) => `  ${tsString(id)},`),
    '];',
    '',
    'const ARI_OPERATION_ID_SET: ReadonlySet<string> = new Set<string>(ARI_OPERATION_IDS);',
    '',
    '/** True if `id` names an operation of the spec. */',
    'export function isAriOperationId(id: string): id is AriOperationId {',
    '  return ARI_OPERATION_ID_SET.has(id);',
    '}',
    '',
    '// ---- parameter enums (allowableValues LIST), one per operation and parameter ----',
    '',
  );
  for (const e of enums.values()) {
    emit(
      ...jsdoc([`Values of \`${e.param.name}\` of ${e.op.id} (${e.op.method} ${e.op.path}).`], ''),
      `export type ${e.type} = ${e.values.map(tsString).join(' | ')};`,
      '',
      `export const ${e.constant}: readonly ${e.type}[] = [${e.values.map(tsString).join(', ')}];`,
      '',
    );
  }

  emit('// ---- operations ----', '', '/** The parameters of each operation: required ones required, the others optional. */', 'export interface AriOperationParams {');
  for (const op of operations) {
    emit(...jsdoc([title(op)], '  '));
    if (op.parameters.length === 0) {
      emit(`  ${tsString(op.id)}: Record<string, never>;`);
      continue;
    }
    emit(`  ${tsString(op.id)}: {`);
    for (const p of op.parameters) {
      emit(...jsdoc(paramNotes(p), '    '), `    ${tsKey(p.name)}${p.required ? '' : '?'}: ${paramType(op, p, enums)};`);
    }
    emit('  };');
  }
  emit(
    '}',
    '',
    '/** What each operation answers (its responseClass); for the WebSocket upgrade, each message. */',
    'export interface AriOperationResults {',
    ...operations.map((op, i) => `  ${tsString(op.id)}: ${results[i]};`),
    '}',
    '',
    '/**',
    " * Every operation of the spec, in spec order (resources.json file order, then each file's order),",
    ' * keyed by its id: what building and checking a request needs, no prose.',
    ' */',
    'export const ARI_OPERATIONS: { readonly [K in AriOperationId]: AriOperationSpec } = {',
  );
  for (const op of operations) emit(...specEntry(op, enums));
  emit('};');

  const bodyParams = operations.reduce((n, op) => n + op.parameters.filter((p) => p.in === 'body').length, 0);
  return { text: `${out.join('\n')}\n`, summary: `${operations.length} operations, ${enums.size} parameter enums, ${bodyParams} body parameters` };
}
