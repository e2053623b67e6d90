#!/usr/bin/env node
// `npm run trace -- --to <url> [--port 8089] [--out trace.ndjson]`: builds the trace proxy's
// command line (src/proxy/cli.ts → dist/trace.js, and its thread's dist/proxyWorker.js, as `npm run build` does) and runs it with the
// arguments given. The packaged extension carries dist/trace.js, runnable with `node` alone.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensureDependencies.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
ensureDependencies((text) => console.error(`[trace] ${text}`));
const esbuild = await import('esbuild');
const bundle = { bundle: true, platform: 'node', format: 'cjs', target: 'node20', external: ['bufferutil', 'utf-8-validate'], sourcemap: true, logLevel: 'warning' };
await esbuild.build({ ...bundle, entryPoints: [path.join(REPO, 'src/proxy/cli.ts')], outfile: path.join(REPO, 'dist/trace.js') });
await esbuild.build({ ...bundle, entryPoints: [path.join(REPO, 'src/proxy/proxyWorker.ts')], outfile: path.join(REPO, 'dist/proxyWorker.js') });
createRequire(import.meta.url)(path.join(REPO, 'dist/trace.js'));
