// `npm start` and `npm test` on a fresh clone: install what package-lock.json names, once, before
// anything imports it. Only node's own modules may be imported here.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `npm ci` when node_modules is missing or older than package-lock.json, saying so; exits on failure. */
export function ensureDependencies(say = (text) => console.log(text)) {
  const installed = path.join(REPO, 'node_modules', '.package-lock.json');
  const lock = path.join(REPO, 'package-lock.json');
  if (fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs) return;
  say(fs.existsSync(installed) ? 'package-lock.json changed since the last install: running npm ci' : 'node_modules is missing: running npm ci (once)');
  const { status } = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: REPO, stdio: 'inherit' });
  if (status !== 0) {
    console.error(`npm ci failed (exit ${status}). Check the network access to the npm registry, then run it again.`);
    process.exit(status ?? 1);
  }
}
