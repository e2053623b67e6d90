#!/usr/bin/env node
// `npm run test:vscode`: the extension-host suite (out/test/vscode/suite) inside a real VS Code
// 1.100.3 (code-server, installed once into a cache), driven by Debian chromium.
// Needs `npm run build` (dist/extension.js) and `npm run compile-tests` first.
//
// Env: STASIS_CODE_SERVER_DIR (cache, default /var/cache/stasis-explorer/code-server),
//      STASIS_VSCODE_TIMEOUT_MS (default 180000), STASIS_VSCODE_TEST_GREP (mocha grep),
//      STASIS_VSCODE_KEEP=1 (keep the temp user-data dir and workspace for a look afterwards).
// The last line is "N passed, N failed"; the exit code is non-zero on failure or when 0 tests ran.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer, log, runExtensionTests } from './codeServer.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const testsPath = path.join(repo, 'out', 'test', 'vscode', 'suite', 'index.js');
const started = Date.now();

for (const [file, hint] of [
  [path.join(repo, 'dist', 'extension.js'), 'npm run build'],
  [testsPath, 'npm run compile-tests'],
]) {
  if (!fs.existsSync(file)) {
    console.error(`[vscode] ${path.relative(repo, file)} is missing: run \`${hint}\` first`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

let code = 1;
let results = null;
try {
  await ensureCodeServer();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-vscode-run-'));
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace);
  code = await runExtensionTests({
    extensionDevelopmentPath: repo,
    extensionTestsPath: testsPath,
    workspace,
    resultsFile: path.join(scratch, 'results.json'),
    timeoutMs: Number(process.env.STASIS_VSCODE_TIMEOUT_MS) || 180_000,
    screenshotDir: path.join(repo, 'test-results'),
    onResults: (r) => (results = r),
    env: {
      ...(process.env.STASIS_VSCODE_TEST_GREP ? { STASIS_VSCODE_TEST_GREP: process.env.STASIS_VSCODE_TEST_GREP } : {}),
    },
  });
  if (!process.env.STASIS_VSCODE_KEEP) fs.rmSync(scratch, { recursive: true, force: true });
} catch (e) {
  log(String(e?.stack ?? e));
}

const passed = Number(results?.passed) || 0;
// A run that produced no results (crash, timeout) counts as one failure.
const failed = results ? Number(results.failed) || 0 : 1;
log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
console.log(`${passed} passed, ${failed} failed`);
// For the `npm test` driver, in the same form as test/support/specWithCounts.cjs writes.
if (process.env.STASIS_TEST_COUNTS) fs.writeFileSync(process.env.STASIS_TEST_COUNTS, JSON.stringify({ passed, failed, pending: Number(results?.pending) || 0 }));
process.exit(code === 0 ? 0 : 1);
