#!/usr/bin/env node
// Start-up cost: the size of the minified bundle, and activation in a real VS Code 1.100.3
// (code-server, driven by Chromium): the total VS Code reports under "Developer: Show Running
// Extensions" (loading the code plus activate()), and activate() alone, from our own log line.
//
//   node bench/startup.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageExtension, startWorkbench } from '../test/e2e/workbench.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function measureStartup() {
  // The production (minified) bundle, exactly what `npm run package` ships.
  execFileSync(process.execPath, ['esbuild.config.mjs', '--production'], { cwd: REPO, stdio: 'ignore' });
  const vsix = await packageExtension();
  const bundleBytes = fs.statSync(path.join(REPO, 'dist/extension.js')).size;
  const wb = await startWorkbench({ vsix });
  try {
    await wb.runCommand('Developer: Show Running Extensions');
    const row = wb.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: 'Stasis Explorer' });
    await row.waitFor({ timeout: 30_000 });
    const shown = /Activation:\s*(\d+)\s*ms/.exec(await row.innerText());
    if (!shown) throw new Error(`no activation time in the Running Extensions row: ${await row.innerText()}`);
    const log = fs.readFileSync(wb.extensionLogs()[0], 'utf8');
    const own = /activated \(activate\(\) took ([\d.]+) ms\)/.exec(log);
    if (!own) throw new Error('the extension log has no "activated (activate() took … ms)" line');
    return { bundleBytes, activateMs: Number(shown[1]), activateCallMs: Number(own[1]) };
  } finally {
    await wb.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await measureStartup());
