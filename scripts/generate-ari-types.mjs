#!/usr/bin/env node
// Generates, from the vendored ARI swagger spec (spec/ari/api-docs/*.json, swagger 1.1/1.2 style
// as Asterisk ships it):
//   src/ari/generated/ariTypes.ts       models, events, quirks (scripts/ari-spec/emitModels.mjs)
//   src/ari/generated/ariOperations.ts  every operation, as a request needs it: no prose, since
//                                       the extension bundles it (scripts/ari-spec/emitOperations.mjs)
//   src/ari/generated/ariOperationDocs.ts  the operations' prose: summaries, notes, parameter
//                                       descriptions, error reasons (scripts/ari-spec/emitOperationDocs.mjs)
//
// Usage:
//   node scripts/generate-ari-types.mjs                 write the files
//   node scripts/generate-ari-types.mjs --check         exit 1 if a committed file is stale
//   node scripts/generate-ari-types.mjs --spec DIR      read the api-docs from DIR instead
//   node scripts/generate-ari-types.mjs --asterisk-version X   version named in the header
//
// The output is a pure function of the spec files: no timestamps, no absolute paths, LF line
// endings, models and operations in spec order (resources.json file order, then each file's
// order), so `--check` can compare it byte for byte.

import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SpecError, fail, loadSpec, collectModels, buildHierarchy } from './ari-spec/loadSpec.mjs';
import { generateModels } from './ari-spec/emitModels.mjs';
import { readOperations } from './ari-spec/readOperations.mjs';
import { generateOperations } from './ari-spec/emitOperations.mjs';
import { generateOperationDocs } from './ari-spec/emitOperationDocs.mjs';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEFAULT_SPEC_DIR = join(REPO_ROOT, 'spec', 'ari', 'api-docs');
const OUTPUT_DIR_REL = 'src/ari/generated';
// The spec files carry no Asterisk release number (only resources.json's apiVersion), so the
// release of the vendored copy is recorded here; see spec/ari/README.md.
const VENDORED_ASTERISK_VERSION = '22.10.1';

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

/** Every generated file: { rel, text, summary }. */
function generate(spec, asteriskVersion) {
  const { models, duplicates } = collectModels(spec.files);
  const model = { models, ...buildHierarchy(models) };
  const types = generateModels(spec, asteriskVersion, model);
  const read = readOperations(spec);
  const operations = generateOperations(spec, asteriskVersion, read, models);
  const docs = generateOperationDocs(spec, asteriskVersion, read);
  return {
    duplicates,
    outputs: [
      { rel: `${OUTPUT_DIR_REL}/ariTypes.ts`, ...types },
      { rel: `${OUTPUT_DIR_REL}/ariOperations.ts`, ...operations },
      { rel: `${OUTPUT_DIR_REL}/ariOperationDocs.ts`, ...docs },
    ],
  };
}

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
    console.log(`Writes (or with --check, verifies) ${OUTPUT_DIR_REL}/ariTypes.ts, ariOperations.ts and ariOperationDocs.ts.`);
    return 0;
  }
  const spec = loadSpec(opts.specDir);
  const { duplicates, outputs } = generate(spec, opts.asteriskVersion);
  const specRel = relative(REPO_ROOT, opts.specDir).startsWith('..') ? opts.specDir : relative(REPO_ROOT, opts.specDir);
  const from = `apiVersion ${spec.apiVersion}, from ${specRel}`;
  if (duplicates.length > 0) console.warn(`note: identical duplicate models merged: ${duplicates.join('; ')}`);

  if (opts.check) {
    let stale = 0;
    for (const { rel, text, summary } of outputs) {
      const file = join(REPO_ROOT, rel);
      const committed = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
      if (committed === text) {
        console.log(`${rel} is up to date (${summary}, ${from}).`);
        continue;
      }
      stale++;
      console.error(
        committed === undefined ? `${rel} is missing.` : `${rel} differs from what the spec generates; ${firstDifference(committed, text)}`,
      );
    }
    if (stale === 0) return 0;
    console.error('Run `npm run generate` and commit the result (never edit the generated files by hand).');
    return 1;
  }
  for (const { rel, text, summary } of outputs) {
    const file = join(REPO_ROOT, rel);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`Wrote ${rel} (${summary}, ${from}).`);
  }
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
