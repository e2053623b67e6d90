#!/usr/bin/env node
// A real VS Code for tests: code-server 4.100.3 (= VS Code 1.100.3, the newest for Node 20),
// installed offline from the npm and Debian registries only. The parts are in test/vscode/codeServer/;
// this file gathers what the test runners, the e2e helpers, `npm start` and the benchmarks import.
//
//   ensureCodeServer()      install once into a cache outside the repo (STASIS_CODE_SERVER_DIR,
//                           default /var/cache/stasis-explorer/code-server); a stamp marks success
//   startCodeServer(opts)   start it with its own user-data / extensions / config folders
//   runExtensionTests(opts) run an extension-host mocha suite (the @vscode/test-electron `run()`
//                           module) inside it, driven by Debian chromium through playwright-core
//
// Run directly: `node test/vscode/codeServer.mjs [install|start [folder]]`.
// Every step logs `[vscode] ...` on stderr; the install's own output goes to <cache>/install.log.

import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureCodeServer } from './codeServer/install.mjs';
import { log, seconds } from './codeServer/log.mjs';
import { startCodeServer } from './codeServer/start.mjs';

export { CHROMIUM, CHROMIUM_ARGS, launchChromium } from './codeServer/chromium.mjs';
export { findExtensionLogs } from './codeServer/extensionLogs.mjs';
export { runExtensionTests } from './codeServer/extensionTests.mjs';
export { CODE_SERVER_VERSION, VSCODE_VERSION, codeServerDir, ensureCodeServer } from './codeServer/install.mjs';
export { log } from './codeServer/log.mjs';
export { DEFAULT_SETTINGS, freePort, startCodeServer } from './codeServer/start.mjs';
export { workbenchUrl } from './codeServer/workbenchUrl.mjs';

// ---- CLI: `node test/vscode/codeServer.mjs install` | `... start [folder]` -----------------------
if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const [cmd = 'install', folder] = process.argv.slice(2);
  const started = Date.now();
  if (cmd === 'install') {
    const r = await ensureCodeServer({ force: process.argv.includes('--force') });
    log(`${r.installed ? 'installed' : 'already installed'}: ${r.entry} (${seconds(started)})`);
  } else if (cmd === 'start') {
    const s = await startCodeServer({ workspace: folder ?? process.cwd(), port: Number(process.env.PORT) || undefined });
    log(`open ${s.url}/?folder=${encodeURIComponent(path.resolve(folder ?? process.cwd()))}  (Ctrl-C stops)`);
    const bye = async () => {
      await s.stop();
      process.exit(0);
    };
    process.on('SIGINT', bye);
    process.on('SIGTERM', bye);
  } else {
    console.error(`usage: node ${path.relative(process.cwd(), fileURLToPath(import.meta.url))} install [--force] | start [folder]`);
    process.exit(2);
  }
}
