#!/usr/bin/env node
// `npm test`: every test layer, in order, on a fresh machine too. Each step says what it does;
// the last line sums up all mocha runs as "N passed, N failed".
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const steps = [
  { name: 'lint', cmd: 'npm', args: ['run', '--silent', 'lint'] },
  { name: 'typecheck', cmd: 'npm', args: ['run', '--silent', 'typecheck'] },
  { name: 'build (esbuild bundle)', cmd: 'npm', args: ['run', '--silent', 'build'] },
  { name: 'unit tests (plain mocha, no Asterisk)', cmd: 'npm', args: ['run', '--silent', 'test:unit'], mocha: true },
  { name: 'integration tests (real Asterisk sandbox; started if down)', cmd: 'npm', args: ['run', '--silent', 'test:integration'], mocha: true },
  { name: 'fault suite (real Asterisk stopped, links stalled and half-open via a TCP fault proxy, 503/401/TLS, a 200-call burst)', cmd: 'npm', args: ['run', '--silent', 'test:faults'], mocha: true },
  { name: 'extension-host tests in a real VS Code 1.100 (code-server; installed if missing)', cmd: 'npm', args: ['run', '--silent', 'test:vscode'], mocha: true },
  { name: 'UI tests: Playwright drives the VS Code workbench in Chromium', cmd: 'npm', args: ['run', '--silent', 'test:e2e'], mocha: true },
];

const say = (text) => console.log(`\n[test] ${text}`);

function run(cmd, args) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      process.stdout.write(chunk);
    });
    child.on('close', (code) => resolve({ code, output }));
  });
}

if (!existsSync('node_modules')) {
  say('node_modules is missing: running npm ci');
  const { code } = await run('npm', ['ci']);
  if (code !== 0) process.exit(code ?? 1);
}

let passed = 0;
let failed = 0;
const failedSteps = [];
for (const step of steps) {
  say(step.name);
  const started = Date.now();
  const { code, output } = await run(step.cmd, step.args);
  if (step.mocha) {
    passed += Number(/(\d+) passing/.exec(output)?.[1] ?? 0);
    failed += Number(/(\d+) failing/.exec(output)?.[1] ?? 0);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (code !== 0) {
    failedSteps.push(step.name);
    say(`${step.name}: FAILED (exit ${code}, ${seconds} s)`);
    if (step.mocha && !/(\d+) failing/.test(output)) failed += 1;
  } else {
    say(`${step.name}: ok (${seconds} s)`);
  }
}

say(failedSteps.length ? `failed steps: ${failedSteps.join(', ')}` : 'all steps passed');
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length ? 1 : 0);
