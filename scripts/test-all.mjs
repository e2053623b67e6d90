#!/usr/bin/env node
// `npm test`: every test layer, in order, on a fresh machine too (it installs what is missing
// first). The tests are compiled once; each mocha layer then runs on that output. Each step says
// what it does; the last line sums up every layer's counts, read from the JSON each run writes
// (test/support/specWithCounts.cjs), as "N passed, N failed".
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDependencies } from './ensureDependencies.mjs';

const say = (text) => console.log(`\n[test] ${text}`);
const mocha = (config) => ['npx', ['mocha', '--config', config]];
const steps = [
  { name: 'lint', run: ['npm', ['run', '--silent', 'lint']] },
  { name: 'compile: types of src and tests, emitted once to out/; the webview page script', run: ['npx', ['tsc', '-p', 'tsconfig.test.json']], then: ['npx', ['tsc', '-p', 'src/webview/tsconfig.json']] },
  { name: 'build (esbuild bundle)', run: ['npm', ['run', '--silent', 'build']] },
  { name: 'unit tests (plain mocha, no Asterisk)', run: mocha('test/unit/.mocharc.json'), counts: true },
  { name: 'the Asterisk sandbox (built on first use, about a minute)', run: ['bash', ['test/sandbox/sandbox.sh', 'up']] },
  { name: 'integration tests (plain mocha against the real Asterisk sandbox)', run: mocha('test/integration/.mocharc.json'), counts: true },
  { name: 'fault suite (real Asterisk stopped, links stalled and half-open via a TCP fault proxy, 503/401/TLS, a 200-call burst)', run: mocha('test/faults/.mocharc.json'), counts: true },
  { name: 'extension-host tests in a real VS Code 1.100 (code-server; installed if missing)', run: ['node', ['test/vscode/run.mjs']], counts: true },
  { name: 'UI tests: Playwright drives the VS Code workbench in Chromium', run: ['npx', ['mocha', '--timeout', '180000', '--forbid-only', '--forbid-pending', '--reporter', './test/support/specWithCounts.cjs', 'test/e2e/*.e2e.mjs']], counts: true },
];

function run([cmd, args], env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

ensureDependencies(say);
fs.rmSync('out', { recursive: true, force: true });
const countsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-test-counts-'));
let passed = 0;
let failed = 0;
const failedSteps = [];
for (const [index, step] of steps.entries()) {
  say(step.name);
  const started = Date.now();
  const countsFile = path.join(countsDir, `${index}.json`);
  let code = await run(step.run, step.counts ? { STASIS_TEST_COUNTS: countsFile } : {});
  if (code === 0 && step.then) code = await run(step.then);
  if (step.counts) {
    if (fs.existsSync(countsFile)) {
      const counts = JSON.parse(fs.readFileSync(countsFile, 'utf8'));
      passed += counts.passed;
      failed += counts.failed;
      if (counts.passed + counts.failed === 0) failed += 1;
    } else {
      // The run ended without reporting (a crash, a file that threw while loading): one failure.
      failed += 1;
    }
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (code !== 0) {
    failedSteps.push(step.name);
    say(`${step.name}: FAILED (exit ${code}, ${seconds} s)`);
  } else {
    say(`${step.name}: ok (${seconds} s)`);
  }
}
fs.rmSync(countsDir, { recursive: true, force: true });

say(failedSteps.length ? `failed steps: ${failedSteps.join(', ')}` : 'all steps passed');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length ? 1 : 0);
