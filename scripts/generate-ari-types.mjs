#!/usr/bin/env node
// Generates src/ari/generated/ariTypes.ts from the vendored ARI swagger spec
// (spec/ari/api-docs/*.json, swagger 1.1/1.2 style as Asterisk ships it).
//
// Usage:
//   node scripts/generate-ari-types.mjs                 write the file
//   node scripts/generate-ari-types.mjs --check         exit 1 if the committed file is stale
//   node scripts/generate-ari-types.mjs --spec DIR      read the api-docs from DIR instead
//   node scripts/generate-ari-types.mjs --asterisk-version X   version named in the header
//
// The output is a pure function of the spec files: no timestamps, no absolute paths, LF line
// endings, models in spec order (resources.json file order, then each file's model order), so
// `--check` can compare it byte for byte.

import { readFileSync, writeFileSync, mkdirSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_SPEC_DIR = join(REPO_ROOT, 'spec', 'ari', 'api-docs');
const OUTPUT_FILE = join(REPO_ROOT, 'src', 'ari', 'generated', 'ariTypes.ts');
const OUTPUT_REL = 'src/ari/generated/ariTypes.ts';
// The spec files carry no Asterisk release number (only resources.json's apiVersion), so the
// release of the vendored copy is recorded here; see spec/ari/README.md.
const VENDORED_ASTERISK_VERSION = '22.10.1';

class SpecError extends Error {}

function fail(message) {
  throw new SpecError(message);
}

// ---------------------------------------------------------------------------------------------
// Command line

function parseArgs(argv) {
  const opts = { check: false, specDir: DEFAULT_SPEC_DIR, asteriskVersion: undefined };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${arg} needs a value`);
      return v;
    };
    if (arg === '--check') opts.check = true;
    else if (arg === '--spec') opts.specDir = resolve(value());
    else if (arg === '--asterisk-version') opts.asteriskVersion = value();
    else if (arg === '--help' || arg === '-h') opts.help = true;
    else fail(`Unknown argument "${arg}". Use --check, --spec DIR, --asterisk-version X or --help.`);
  }
  if (opts.asteriskVersion === undefined) {
    opts.asteriskVersion = opts.specDir === DEFAULT_SPEC_DIR ? VENDORED_ASTERISK_VERSION : 'unknown version';
  }
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Reading the spec

function readJson(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    fail(`Cannot read ${file}: ${err.message}`);
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    fail(`${file} is not valid JSON: ${err.message}`);
  }
}

/** Returns { apiVersion, files: [{ name, doc }] } in resources.json order. */
function loadSpec(specDir) {
  if (!existsSync(specDir)) fail(`Spec folder ${specDir} does not exist. Pass --spec DIR pointing at the api-docs folder.`);
  const resources = readJson(join(specDir, 'resources.json'));
  if (typeof resources.apiVersion !== 'string') fail(`${specDir}/resources.json has no string "apiVersion".`);

  const listed = [];
  for (const api of resources.apis ?? []) {
    const m = /^\/api-docs\/([^/]+)\.\{format\}$/.exec(api.path ?? '');
    if (!m) fail(`resources.json lists an api path I do not understand: ${JSON.stringify(api.path)}`);
    listed.push(`${m[1]}.json`);
  }
  const present = readdirSync(specDir).filter((f) => f.endsWith('.json') && f !== 'resources.json').sort();
  for (const f of listed) {
    if (!present.includes(f)) fail(`resources.json lists ${f}, but ${specDir}/${f} does not exist.`);
  }
  // Files that resources.json does not list are still read (after the listed ones, sorted by
  // name) so that no model is silently dropped.
  const unlisted = present.filter((f) => !listed.includes(f));
  for (const f of unlisted) console.warn(`warning: ${f} is not listed in resources.json; reading it anyway.`);

  const files = [...listed, ...unlisted].map((name) => ({ name, doc: readJson(join(specDir, name)) }));
  return { apiVersion: resources.apiVersion, files };
}

/** Key-order-independent JSON, used to compare duplicate model definitions. */
function canonical(value) {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Collects every model of every file. Several api-docs files may define the same model id
 * (older Asterisk releases did this); identical copies are merged, differing copies are an error
 * because we could not tell which one Asterisk really sends.
 */
function collectModels(files) {
  const models = new Map(); // id -> { model, file }
  const duplicates = [];
  for (const { name: file, doc } of files) {
    for (const [key, model] of Object.entries(doc.models ?? {})) {
      if (model.id !== key) fail(`${file}: model key "${key}" does not match its id "${model.id}".`);
      const seen = models.get(key);
      if (seen) {
        if (canonical(seen.model) !== canonical(model)) {
          fail(
            `Model "${key}" is defined differently in ${seen.file} and ${file}.\n` +
              `  ${seen.file}: ${canonical(seen.model)}\n  ${file}: ${canonical(model)}\n` +
              'Decide which one is right and fix the vendored spec.',
          );
        }
        duplicates.push(`${key} (${seen.file}, ${file})`);
        continue;
      }
      models.set(key, { model, file });
    }
  }
  return { models, duplicates };
}

// ---------------------------------------------------------------------------------------------
// Inheritance

/**
 * Swagger 1.2 expresses inheritance top-down: a parent lists its children in `subTypes` and the
 * root names the `discriminator` property. (Message -> MissingParams, Event; Event -> the 45
 * events.) Returns parent-of map and the discriminator per model (inherited from the root).
 */
function buildHierarchy(models) {
  const parentOf = new Map();
  for (const [id, { model }] of models) {
    for (const child of model.subTypes ?? []) {
      if (!models.has(child)) fail(`${id}.subTypes names "${child}", which no api-docs file defines.`);
      if (parentOf.has(child)) fail(`"${child}" is listed in subTypes of both ${parentOf.get(child)} and ${id}.`);
      parentOf.set(child, id);
    }
    if (model.extends !== undefined) fail(`${id} uses "extends", which this generator does not support yet.`);
  }
  const discriminatorOf = (id) => {
    for (let cur = id, depth = 0; cur !== undefined; cur = parentOf.get(cur), depth++) {
      if (depth > models.size) fail(`Inheritance cycle through ${id}.`);
      const d = models.get(cur).model.discriminator;
      if (d !== undefined) return d;
    }
    return undefined;
  };
  return { parentOf, discriminatorOf };
}

/** All properties of a model including inherited ones, root first. */
function allProperties(id, models, parentOf) {
  const chain = [];
  for (let cur = id; cur !== undefined; cur = parentOf.get(cur)) chain.unshift(cur);
  const props = new Map();
  for (const m of chain) {
    for (const [name, prop] of Object.entries(models.get(m).model.properties ?? {})) props.set(name, prop);
  }
  return props;
}

// ---------------------------------------------------------------------------------------------
// Quirks: places where what Asterisk sends differs from (or needs more than) the spec.
// Each quirk checks that its anchor still exists, so a spec change cannot silently disable it.

// Channel.state: the spec enum is wrong in three ways. The real strings come from
// ast_state2str() in main/channel.c: it sends "Rsrvd" (the spec says "Rsrved"), it can send
// "Mute" (not in the spec), and for any other value it sends "Unknown (<n>)", never a bare
// "Unknown". So the type is a union of the known values plus a `string & {}` fallback: editors
// still suggest the known values, and an unexpected string does not break the type.
// See docs ari-facts.md §7.
const CHANNEL_STATE_SPEC_FIXES = { Rsrved: 'Rsrvd' };
const CHANNEL_STATE_NEVER_SENT = ['Unknown'];
const CHANNEL_STATE_MISSING = ['Mute'];

function channelStateValues(models) {
  const prop = models.get('Channel')?.model.properties?.state;
  const values = prop?.allowableValues?.values;
  if (!Array.isArray(values)) fail('Quirk anchor gone: Channel.state has no allowableValues list in the spec.');
  const out = [];
  for (const v of values) {
    if (CHANNEL_STATE_NEVER_SENT.includes(v)) continue;
    const fixed = CHANNEL_STATE_SPEC_FIXES[v] ?? v;
    if (!out.includes(fixed)) out.push(fixed);
  }
  for (const v of CHANNEL_STATE_MISSING) if (!out.includes(v)) out.push(v);
  return out;
}

// Application.channel_ids / bridge_ids / endpoint_ids: for an app registered with
// subscribeAll=true, res/stasis/app.c reports the subscription to the "all" topic, so the list
// holds the literal topic name instead of individual ids. See docs ari-facts.md §4.
const ALL_TOPIC_CONSTANTS = [
  { name: 'ALL_CHANNELS_TOPIC', value: '__AST_CHANNEL_ALL_TOPIC', field: 'channel_ids', kind: 'channel' },
  { name: 'ALL_BRIDGES_TOPIC', value: '__AST_BRIDGE_ALL_TOPIC', field: 'bridge_ids', kind: 'bridge' },
  { name: 'ALL_ENDPOINTS_TOPIC', value: '__AST_ENDPOINT_ALL_TOPIC', field: 'endpoint_ids', kind: 'endpoint' },
];

// swagger `Date`: Asterisk sends a string, formatted "%FT%T.%q%z" by ast_json_timeval()
// (main/json.c), e.g. 2025-03-12T15:22:59.227-0600: milliseconds, and no colon in the UTC
// offset, which is outside the ECMAScript date-time format (V8's Date.parse accepts it, the
// standard does not promise it). So it stays a string. See docs ari-facts.md §1.
const DATE_NOTE =
  'Timestamp string as Asterisk sends it (swagger `Date`), format `%FT%T.%q%z`, e.g. ' +
  '`2025-03-12T15:22:59.227-0600`: milliseconds and no colon in the UTC offset.';

/** Extra JSDoc paragraphs and type overrides, keyed by "Model.property". */
function propertyQuirks() {
  const q = new Map();
  // Channel.state: see channelStateValues().
  q.set('Channel.state', {
    type: 'ChannelState',
    note: 'Channel state as sent by `ast_state2str()`. The spec enum is wrong: see {@link ChannelState}.',
  });
  for (const t of ALL_TOPIC_CONSTANTS) {
    q.set(`Application.${t.field}`, {
      note:
        `For an application registered with \`subscribeAll=true\` this list holds the literal ` +
        `{@link ${t.name}} (\`'${t.value}'\`) instead of individual ${t.kind} ids.`,
    });
  }
  // RESTResponse.message_body (REST over WebSocket): the body is JSON text inside a JSON string,
  // not a nested object. The testsuite does json.loads(response['message_body']). Kept `string`
  // so callers are forced to parse it. See docs ari-facts.md §1.
  q.set('RESTResponse.message_body', {
    note:
      'A JSON-encoded STRING, not an object: with `content_type` `application/json` it must be ' +
      'parsed again (`JSON.parse(message_body)`).',
  });
  // RESTRequest.message_body: same encoding in the other direction.
  q.set('RESTRequest.message_body', {
    note: 'A STRING: for `application/json` send `JSON.stringify(body)`, not an object; `content_type` is then required.',
  });
  // RESTRequest.type: RESTRequest is not part of the Message hierarchy in the spec, but its
  // description says the type must be 'RESTRequest' and ari_websocket_requests.c rejects anything
  // else ("Unknown request type."), so type it as the literal.
  q.set('RESTRequest.type', { type: "'RESTRequest'" });
  // Event.timestamp is required in the spec and session_send_or_queue() fills it in when missing,
  // so it really is always present: nothing to relax. Checked below so the assumption is visible.
  return q;
}

function checkQuirkAnchors(models) {
  const app = models.get('Application')?.model.properties ?? {};
  for (const t of ALL_TOPIC_CONSTANTS) {
    if (app[t.field]?.type !== 'List[string]') fail(`Quirk anchor gone: Application.${t.field} is not List[string].`);
  }
  if (models.get('RESTResponse')?.model.properties?.message_body?.type !== 'string') {
    fail('Quirk anchor gone: RESTResponse.message_body is not a string in the spec.');
  }
  if (models.get('RESTRequest')?.model.properties?.type?.type !== 'string') {
    fail('Quirk anchor gone: RESTRequest.type is not a string in the spec.');
  }
  const ts = models.get('Event')?.model.properties?.timestamp;
  if (ts?.type !== 'Date' || ts.required !== true) fail('Event.timestamp is no longer a required Date in the spec.');
}

// ---------------------------------------------------------------------------------------------
// Types

// Swagger 1.x primitive types as Asterisk uses them. Anything else must be a model id.
const PRIMITIVES = {
  string: 'string',
  int: 'number',
  long: 'number',
  double: 'number',
  float: 'number',
  integer: 'number',
  number: 'number',
  boolean: 'boolean',
  Date: 'string',
  object: 'Record<string, unknown>',
};

function tsString(s) {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function tsType(swaggerType, where, models) {
  const list = /^List\[(.+)\]$/.exec(swaggerType);
  if (list) {
    const inner = tsType(list[1], where, models);
    return /^[A-Za-z0-9_]+$/.test(inner) ? `${inner}[]` : `Array<${inner}>`;
  }
  if (Object.hasOwn(PRIMITIVES, swaggerType)) return PRIMITIVES[swaggerType];
  if (models.has(swaggerType)) return swaggerType;
  return fail(`${where}: unknown swagger type "${swaggerType}" (neither a primitive nor a model).`);
}

function enumType(prop, where) {
  const av = prop.allowableValues;
  if (av === undefined) return undefined;
  if (av.valueType === 'LIST') {
    if (!Array.isArray(av.values) || av.values.length === 0) fail(`${where}: empty allowableValues list.`);
    if (prop.type !== 'string') fail(`${where}: allowableValues LIST on non-string type "${prop.type}" is not supported.`);
    return av.values.map((v) => tsString(String(v))).join(' | ');
  }
  if (av.valueType === 'RANGE') return undefined; // documented in the JSDoc, type stays number
  return fail(`${where}: unknown allowableValues.valueType "${av.valueType}".`);
}

// ---------------------------------------------------------------------------------------------
// Emitting

function jsdoc(paragraphs, indent) {
  const lines = [];
  for (const p of paragraphs) {
    if (p === undefined || p.trim() === '') continue;
    if (lines.length > 0) lines.push('');
    for (const line of p.trim().split('\n')) lines.push(line.trimEnd().replace(/\*\//g, '*\\/'));
  }
  if (lines.length === 0) return [];
  if (lines.length === 1) return [`${indent}/** ${lines[0]} */`];
  return [`${indent}/**`, ...lines.map((l) => (l === '' ? `${indent} *` : `${indent} * ${l}`)), `${indent} */`];
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function generate(spec, asteriskVersion) {
  const { models, duplicates } = collectModels(spec.files);
  const { parentOf, discriminatorOf } = buildHierarchy(models);
  checkQuirkAnchors(models);
  const quirks = propertyQuirks();
  for (const key of quirks.keys()) {
    const [modelId, prop] = key.split('.');
    if (!models.get(modelId)?.model.properties?.[prop]) fail(`Quirk anchor gone: the spec has no ${key}.`);
  }

  const message = models.get('Message');
  const event = models.get('Event');
  if (!message || !event) fail('events.json must define the Message and Event models.');
  if (parentOf.get('Event') !== 'Message') fail('Event is not listed in Message.subTypes.');
  const eventTypes = event.model.subTypes ?? [];
  if (eventTypes.length === 0) fail('Event.subTypes is empty.');
  for (const t of eventTypes) {
    if (models.get(t).model.subTypes?.length) fail(`Event subtype ${t} has its own subTypes; not supported.`);
  }

  const out = [];
  const emit = (...lines) => out.push(...lines);

  emit(
    '/*',
    ` * Generated by scripts/generate-ari-types.mjs from spec/ari/api-docs (Asterisk ${asteriskVersion}, apiVersion ${spec.apiVersion}). Do not edit.`,
    ' * Regenerate with `npm run generate`; `node scripts/generate-ari-types.mjs --check` verifies it.',
    ' */',
    '',
    '/** `apiVersion` of the ARI spec (resources.json) these types were generated from. */',
    `export const ARI_SPEC_VERSION = ${tsString(spec.apiVersion)};`,
    '',
  );

  // Quirk constants and types.
  for (const t of ALL_TOPIC_CONSTANTS) {
    emit(
      ...jsdoc(
        [
          `Stands in for "all ${t.kind}s" in \`Application.${t.field}\` of an application registered with ` +
            '`subscribeAll=true` (res/stasis/app.c).',
        ],
        '',
      ),
      `export const ${t.name} = ${tsString(t.value)};`,
      '',
    );
  }
  const states = channelStateValues(models);
  emit(
    ...jsdoc(
      [
        'Channel state strings as Asterisk really sends them (`ast_state2str()` in main/channel.c).',
        'The spec enum differs: it spells `Rsrvd` as `Rsrved`, lacks `Mute`, and lists a bare ' +
          '`Unknown` where Asterisk sends `Unknown (<n>)`. The `string & {}` member keeps the type ' +
          'open to anything else while editors still suggest the known values.',
      ],
      '',
    ),
    'export type ChannelState =',
    ...states.map((s) => `  | ${tsString(s)}`),
    '  | `Unknown (${number})`',
    '  | (string & {});',
    '',
  );

  // Models.
  let modelCount = 0;
  for (const { name: file, doc } of spec.files) {
    const ids = Object.keys(doc.models ?? {}).filter((id) => models.get(id).file === file);
    if (ids.length === 0) continue;
    emit(`// ---- ${file} ----`, '');
    for (const id of ids) {
      const { model } = models.get(id);
      modelCount++;
      const parent = parentOf.get(id);
      const disc = discriminatorOf(id);
      const isLeafOfDiscriminated = disc !== undefined && !(model.subTypes?.length > 0);
      const modelNotes = [model.description];
      if (disc !== undefined && model.discriminator === disc) {
        modelNotes.push(`Discriminated by \`${disc}\`; subtypes: ${model.subTypes.join(', ')}.`);
      }
      if (Object.keys(model.properties ?? {}).length === 0 && !parent) {
        modelNotes.push('The spec defines no properties for this model.');
      }
      emit(...jsdoc(modelNotes, ''));
      const head = `export interface ${id}${parent ? ` extends ${parent}` : ''}`;
      if (Object.keys(model.properties ?? {}).length === 0 && !isLeafOfDiscriminated) {
        emit(`${head} {}`, '');
        continue;
      }
      emit(`${head} {`);

      const inherited = parent ? allProperties(parent, models, parentOf) : new Map();
      const own = Object.entries(model.properties ?? {});
      // A concrete subtype of a discriminated hierarchy gets its discriminator as a literal.
      if (isLeafOfDiscriminated) {
        if (own.some(([n]) => n === disc)) fail(`${id} redefines discriminator "${disc}".`);
        emit(...jsdoc([`Always \`'${id}'\`.`], '  '), `  ${disc}: ${tsString(id)};`);
      }
      for (const [name, prop] of own) {
        const where = `${file}: ${id}.${name}`;
        if (typeof prop.type !== 'string') fail(`${where}: property has no type.`);
        if (inherited.has(name)) fail(`${where}: redefines inherited property "${name}"; not supported.`);
        const quirk = quirks.get(`${id}.${name}`);
        const baseType = tsType(prop.type, where, models);
        const type = quirk?.type ?? enumType(prop, where) ?? baseType;
        const notes = [prop.description];
        if (prop.type === 'Date' || prop.type === 'List[Date]') notes.push(DATE_NOTE);
        if (prop.allowableValues?.valueType === 'RANGE') {
          notes.push(`Allowed range: ${prop.allowableValues.min} to ${prop.allowableValues.max}.`);
        }
        if (quirk?.note) notes.push(quirk.note);
        const key = IDENT.test(name) ? name : tsString(name);
        emit(...jsdoc(notes, '  '), `  ${key}${prop.required === true ? '' : '?'}: ${type};`);
      }
      emit('}', '');
    }
  }

  // Event map and runtime list, in Event.subTypes order.
  emit(
    '// ---- events ----',
    '',
    '/** Every `Event` subtype by its `type` (Event.subTypes in events.json). */',
    'export interface AriEventMap {',
    ...eventTypes.map((t) => `  ${t}: ${t};`),
    '}',
    '',
    '/** The `type` of an event Asterisk can send on the events WebSocket. */',
    'export type AriEventType = keyof AriEventMap;',
    '',
    '/** Any ARI event, discriminated by `type`. */',
    'export type AriEvent = AriEventMap[AriEventType];',
    '',
    '/** All event types, in spec order. */',
    'export const ARI_EVENT_TYPES: readonly AriEventType[] = [',
    ...eventTypes.map((t) => `  ${tsString(t)},`),
    '];',
    '',
    'const ARI_EVENT_TYPE_SET: ReadonlySet<string> = new Set<string>(ARI_EVENT_TYPES);',
    '',
    '/** True if `t` is the `type` of an event defined in the spec. */',
    'export function isAriEventType(t: string): t is AriEventType {',
    '  return ARI_EVENT_TYPE_SET.has(t);',
    '}',
  );

  const text = `${out.join('\n')}\n`;
  return { text, modelCount, eventCount: eventTypes.length, duplicates };
}

// ---------------------------------------------------------------------------------------------

function firstDifference(a, b) {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) {
      return `first difference at line ${i + 1}:\n  committed: ${JSON.stringify(al[i])}\n  generated: ${JSON.stringify(bl[i])}`;
    }
  }
  return 'files differ only in line endings or trailing bytes';
}

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log('Usage: node scripts/generate-ari-types.mjs [--check] [--spec DIR] [--asterisk-version X]');
    return 0;
  }
  const spec = loadSpec(opts.specDir);
  const { text, modelCount, eventCount, duplicates } = generate(spec, opts.asteriskVersion);
  const specRel = relative(REPO_ROOT, opts.specDir).startsWith('..') ? opts.specDir : relative(REPO_ROOT, opts.specDir);
  const summary = `${modelCount} models, ${eventCount} event types, apiVersion ${spec.apiVersion}, from ${specRel}`;
  if (duplicates.length > 0) console.warn(`note: identical duplicate models merged: ${duplicates.join('; ')}`);

  if (opts.check) {
    const committed = existsSync(OUTPUT_FILE) ? readFileSync(OUTPUT_FILE, 'utf8') : undefined;
    if (committed === text) {
      console.log(`${OUTPUT_REL} is up to date (${summary}).`);
      return 0;
    }
    console.error(
      committed === undefined
        ? `${OUTPUT_REL} is missing.`
        : `${OUTPUT_REL} differs from what the spec generates; ${firstDifference(committed, text)}`,
    );
    console.error('Run `npm run generate` and commit the result (never edit the generated file by hand).');
    return 1;
  }
  mkdirSync(dirname(OUTPUT_FILE), { recursive: true });
  writeFileSync(OUTPUT_FILE, text);
  console.log(`Wrote ${OUTPUT_REL} (${summary}).`);
  return 0;
}

try {
  process.exitCode = main();
} catch (err) {
  if (err instanceof SpecError) {
    console.error(`generate-ari-types: ${err.message}`);
    process.exitCode = 1;
  } else {
    throw err;
  }
}
