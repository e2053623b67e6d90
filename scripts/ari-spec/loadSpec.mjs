// Reading the vendored ARI spec (spec/ari/api-docs/*.json, swagger 1.1/1.2 style as Asterisk
// ships it): the files in resources.json order, the models merged across files, and the model
// inheritance. Everything here fails loudly (SpecError) rather than guess.

import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';

export class SpecError extends Error {}

export function fail(message) {
  throw new SpecError(message);
}

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
export function loadSpec(specDir) {
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
export function collectModels(files) {
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
export function buildHierarchy(models) {
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
export function allProperties(id, models, parentOf) {
  const chain = [];
  for (let cur = id; cur !== undefined; cur = parentOf.get(cur)) chain.unshift(cur);
  const props = new Map();
  for (const m of chain) {
    for (const [name, prop] of Object.entries(models.get(m).model.properties ?? {})) props.set(name, prop);
  }
  return props;
}
