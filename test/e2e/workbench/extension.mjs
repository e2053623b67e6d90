// The extension as a user gets it: packaged into a .vsix and installed with
// `code-server --install-extension`. Packaging needs dist/extension.js and dist/core.js (`npm run build`).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureCodeServer, log } from '../../vscode/codeServer.mjs';
import { REPO } from './repo.mjs';

function run(cmd, args, { cwd = REPO, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code}):\n${out}`))));
  });
}

/** Packages the built extension (dist/extension.js) into a .vsix with vsce, as `npm run package` does. */
export async function packageExtension({ outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-vsix-')) } = {}) {
  for (const file of ['extension.js', 'core.js']) if (!fs.existsSync(path.join(REPO, 'dist', file))) throw new Error(`dist/${file} is missing: run \`npm run build\` first`);
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const vsix = path.join(outDir, `stasis-explorer-${version}.vsix`);
  const started = Date.now();
  await run(path.join(REPO, 'node_modules', '.bin', 'vsce'), [
    'package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--skip-license', '--out', vsix,
  ]);
  log(`packaged ${path.basename(vsix)} (${Date.now() - started} ms)`);
  return vsix;
}

/** `code-server --install-extension <vsix>` into the given extensions / user-data folders. */
export async function installExtension({ vsix, extensionsDir, userDataDir }) {
  const { entry } = await ensureCodeServer();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-install-ext-'));
  const started = Date.now();
  try {
    const out = await run(process.execPath, [
      entry,
      '--config', path.join(scratch, 'config.yaml'),
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--install-extension', vsix,
    ], { env: { ...process.env, XDG_DATA_HOME: path.join(scratch, 'xdg-data'), XDG_CACHE_HOME: path.join(scratch, 'xdg-cache') } });
    if (!/successfully installed/i.test(out)) throw new Error(`installing ${vsix} said:\n${out}`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  log(`installed ${path.basename(vsix)} (${Date.now() - started} ms)`);
}
