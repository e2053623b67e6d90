#!/usr/bin/env node
// Start-up cost: the size of the minified bundle, and activation in a real VS Code 1.100.3
// (code-server, driven by Chromium): the total VS Code reports under "Developer: Show Running
// Extensions" (loading the code plus activate()), activate() alone from our own log line, and,
// for the floor, what VS Code reports in the same run for an extension that does nothing.
//
//   node bench/startup.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageExtension, startWorkbench } from '../test/e2e/workbench.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function measureStartup() {
  // The production (minified) bundle, exactly what `npm run package` ships.
  execFileSync(process.execPath, ['esbuild.config.mjs', '--production'], { cwd: REPO, stdio: 'ignore' });
  const vsix = await packageExtension();
  // What activation loads, and the core loaded at the first connection or command: both ship.
  const activationBundleBytes = fs.statSync(path.join(REPO, 'dist/extension.js')).size;
  const bundleBytes = activationBundleBytes + fs.statSync(path.join(REPO, 'dist/core.js')).size;
  const empty = emptyExtension();
  const wb = await startWorkbench({ vsix, alsoInstall: [empty.vsix] });
  try {
    await wb.runCommand('Developer: Show Running Extensions');
    const activation = async (name) => {
      const row = wb.page.locator('.runtime-extensions-editor .monaco-list-row', { hasText: name });
      await row.waitFor({ timeout: 30_000 });
      const shown = /Activation:\s*(\d+)\s*ms/.exec(await row.innerText());
      if (!shown) throw new Error(`no activation time in the Running Extensions row: ${await row.innerText()}`);
      return Number(shown[1]);
    };
    const log = fs.readFileSync(wb.extensionLogs()[0], 'utf8');
    const own = /activated \(activate\(\) took ([\d.]+) ms\)/.exec(log);
    if (!own) throw new Error('the extension log has no "activated (activate() took … ms)" line');
    return { bundleBytes, activationBundleBytes, activateMs: await activation('Stasis Explorer'), activateCallMs: Number(own[1]), emptyExtensionActivateMs: await activation('Empty Bench Extension') };
  } finally {
    await wb.stop();
    empty.remove();
  }
}

/** A .vsix of an extension that activates like ours (onStartupFinished) and does nothing. */
function emptyExtension() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-empty-ext-'));
  const manifest = { name: 'empty-bench-extension', displayName: 'Empty Bench Extension', description: 'Does nothing.', version: '0.0.1', publisher: 'stasis-bench', license: 'MIT', engines: { vscode: '^1.100.0' }, main: './extension.js', activationEvents: ['onStartupFinished'] };
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
  fs.writeFileSync(path.join(dir, 'extension.js'), 'exports.activate = () => {};\n');
  fs.writeFileSync(path.join(dir, 'LICENSE'), 'MIT\n');
  fs.writeFileSync(path.join(dir, 'README.md'), 'Does nothing: the floor of activation time.\n');
  const vsix = path.join(dir, 'empty.vsix');
  execFileSync(path.join(REPO, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix], { cwd: dir, stdio: 'ignore' });
  return { vsix, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

if (import.meta.url === `file://${process.argv[1]}`) console.table(await measureStartup());
