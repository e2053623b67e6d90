#!/usr/bin/env node
// The same extension-host suite (out/test/vscode/suite) on a desktop VS Code through
// @vscode/test-electron's runTests — for machines that can download VS Code from Microsoft.
// (The test machines here cannot: there, use `npm run test:vscode`, i.e. test/vscode/run.mjs.)
//
// Env: STASIS_VSCODE_EXECUTABLE  use this VS Code binary, no download
//      STASIS_VSCODE_VERSION     version to download (default 1.100.3, what code-server runs)
//      STASIS_VSCODE_ELECTRON_CACHE  where downloads go (default /var/cache/stasis-explorer/vscode-test
//                                as root, else ~/.cache/stasis-explorer/vscode-test)
//      STASIS_VSCODE_DOWNLOAD_TIMEOUT_MS  give up on the download after this long (default 300000)
// On Linux without $DISPLAY it starts Xvfb (Debian package xvfb) when it is installed.
// The last line is "N passed, N failed"; exit code non-zero on failure or when 0 tests ran.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const log = (m) => process.stderr.write(`[vscode-electron] ${m}\n`);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const testsPath = path.join(repo, 'out', 'test', 'vscode', 'suite', 'index.js');
const version = process.env.STASIS_VSCODE_VERSION || '1.100.3';
const started = Date.now();

function defaultCache() {
  if (process.getuid?.() === 0) return '/var/cache/stasis-explorer/vscode-test';
  return path.join(os.homedir(), '.cache', 'stasis-explorer', 'vscode-test');
}

function finish(passed, failed, code) {
  log(`total ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(code);
}

for (const [file, hint] of [
  [path.join(repo, 'dist', 'extension.js'), 'npm run build'],
  [testsPath, 'npm run compile-tests'],
]) {
  if (!fs.existsSync(file)) {
    log(`${path.relative(repo, file)} is missing: run \`${hint}\` first`);
    finish(0, 1, 1);
  }
}

const { download, runTests } = await import('@vscode/test-electron');

// 1. A VS Code binary: given, or downloaded (bounded in time: a closed network must not hang us).
let executable = process.env.STASIS_VSCODE_EXECUTABLE;
if (!executable) {
  const cachePath = process.env.STASIS_VSCODE_ELECTRON_CACHE || defaultCache();
  const limit = Number(process.env.STASIS_VSCODE_DOWNLOAD_TIMEOUT_MS) || 300_000;
  fs.mkdirSync(cachePath, { recursive: true });
  log(`getting VS Code ${version} into ${cachePath} (from update.code.visualstudio.com)`);
  try {
    const timer = sleep(limit, null, { ref: false }).then(() => {
      throw new Error(`no VS Code after ${limit / 1000} s`);
    });
    executable = await Promise.race([download({ version, cachePath, timeout: 15_000 }), timer]);
  } catch (e) {
    log(`could not download VS Code ${version}: ${e?.message ?? e}`);
    log('this machine cannot reach Microsoft\'s download servers. Either run the same suite in code-server');
    log('(`npm run test:vscode`, offline), or point STASIS_VSCODE_EXECUTABLE at an installed VS Code binary.');
    finish(0, 1, 1);
  }
}
log(`VS Code: ${executable}`);

// 2. A display for Electron on a headless Linux box.
let xvfb;
if (process.platform === 'linux' && !process.env.DISPLAY) {
  const which = spawnSync('sh', ['-c', 'command -v Xvfb'], { encoding: 'utf8' });
  if (which.status === 0) {
    const display = `:${90 + Math.floor(Math.random() * 9)}`;
    xvfb = spawn(which.stdout.trim(), [display, '-screen', '0', '1400x900x24', '-nolisten', 'tcp'], { stdio: 'ignore' });
    process.env.DISPLAY = display;
    await sleep(1000);
    log(`started Xvfb on ${display}`);
  } else {
    log('no $DISPLAY and no Xvfb (apt-get install -y xvfb): VS Code may fail to open a window');
  }
}

// 3. Run. Own user-data / extensions folders; the suite writes its results where we say.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-vscode-electron-'));
const workspace = path.join(scratch, 'workspace');
const userDataDir = path.join(scratch, 'user-data');
const resultsFile = path.join(scratch, 'results.json');
fs.mkdirSync(workspace);
let exitCode = 1;
try {
  exitCode = await runTests({
    vscodeExecutablePath: executable,
    extensionDevelopmentPath: repo,
    extensionTestsPath: testsPath,
    extensionTestsEnv: {
      STASIS_VSCODE_TEST_RESULTS: resultsFile,
      STASIS_VSCODE_USER_DATA_DIR: userDataDir,
      ...(process.env.STASIS_VSCODE_TEST_GREP ? { STASIS_VSCODE_TEST_GREP: process.env.STASIS_VSCODE_TEST_GREP } : {}),
    },
    launchArgs: [
      workspace,
      '--user-data-dir', userDataDir,
      '--extensions-dir', path.join(scratch, 'extensions'),
      '--disable-extensions', // other extensions; the one under development still loads
      '--disable-telemetry',
      '--disable-gpu',
      // runTests itself adds --no-sandbox --disable-gpu-sandbox --disable-updates --skip-welcome
      // --skip-release-notes --disable-workspace-trust.
    ],
  });
} catch (e) {
  log(`VS Code run failed: ${e?.message ?? e}`);
} finally {
  xvfb?.kill();
}

let results = null;
try {
  results = JSON.parse(fs.readFileSync(resultsFile, 'utf8'));
} catch {
  log(`the suite wrote no results to ${resultsFile}`);
}
if (!process.env.STASIS_VSCODE_KEEP) fs.rmSync(scratch, { recursive: true, force: true });
if (!results) finish(0, 1, 1);
process.stdout.write(`${results.output ?? ''}\n`);
if (results.error) log(`suite error: ${results.error}`);
const passed = Number(results.passed) || 0;
const failed = Number(results.failed) || 0;
if (passed === 0 && failed === 0) log('the suite ran 0 tests: counted as a failure');
finish(passed, failed, exitCode === 0 && passed > 0 && failed === 0 && !results.error ? 0 : 1);
