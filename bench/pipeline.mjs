// Bundles a wiring file of bench/ (pipelineWiring.mjs by default) or a module of src/ with the
// real TypeScript of src/ (esbuild, as the extension itself is built), so that plain .mjs
// benchmarks can drive it.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const BENCH = path.dirname(fileURLToPath(import.meta.url));

const vscodeStub = {
  name: 'vscode-stub',
  setup(build) {
    build.onResolve({ filter: /^vscode$/ }, () => ({ path: path.join(BENCH, 'vscodeStub.mjs') }));
  },
};

/** Writes the bundle of `entry` (a path from bench/) into a new temporary folder; the caller removes the folder. */
export async function bundleForNode(entry = 'pipelineWiring.mjs') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-bench-'));
  const file = path.join(dir, 'bundle.cjs');
  await esbuild.build({
    entryPoints: [path.join(BENCH, entry)],
    bundle: true,
    outfile: file,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // Same as esbuild.config.mjs: ws's optional native add-ons are not to be inlined.
    external: ['bufferutil', 'utf-8-validate'],
    plugins: [vscodeStub],
    logLevel: 'warning',
  });
  return { file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** `createPipeline` (or another export) from a bundle made by `bundleForNode`. */
export function loadBundle(file, name = 'createPipeline') {
  return createRequire(import.meta.url)(file)[name];
}
