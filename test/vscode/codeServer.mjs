#!/usr/bin/env node
// A real VS Code for tests: code-server 4.100.3 (= VS Code 1.100.3, the newest for Node 20),
// installed offline from the npm and Debian registries only (the steps, and why each is needed, are in
// ensureCodeServer below).
//
//   ensureCodeServer()      install once into a cache outside the repo (STASIS_CODE_SERVER_DIR,
//                           default /var/cache/stasis-explorer/code-server); a stamp marks success
//   startCodeServer(opts)   start it with its own user-data / extensions / config folders
//   runExtensionTests(opts) run an extension-host mocha suite (the @vscode/test-electron `run()`
//                           module) inside it, driven by Debian chromium through playwright-core
//
// Run directly: `node test/vscode/codeServer.mjs [install|start [folder]]`.
// Every step logs `[vscode] ...` on stderr; the install's own output goes to <cache>/install.log.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

export const CODE_SERVER_VERSION = '4.100.3';
export const VSCODE_VERSION = '1.100.3';
/** Bump when the install recipe changes: the stamp then no longer matches and the cache is redone. */
const RECIPE = 1;
const APT_PACKAGES = ['ripgrep', 'libkrb5-dev', 'chromium'];
export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
/** User settings that keep a test workbench quiet and offline. Callers' settings win. */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  'chat.commandCenter.enabled': false,
  'git.enabled': false,
  'npm.autoDetect': 'off',
  'typescript.disableAutomaticTypeAcquisition': true,
};

export const log = (message) => process.stderr.write(`[vscode] ${message}\n`);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export function codeServerDir() {
  return path.resolve(process.env.STASIS_CODE_SERVER_DIR || '/var/cache/stasis-explorer/code-server');
}

function paths(dir = codeServerDir()) {
  const pkg = path.join(dir, 'node_modules', 'code-server');
  return {
    dir,
    pkg,
    vscode: path.join(pkg, 'lib', 'vscode'),
    entry: path.join(pkg, 'out', 'node', 'entry.js'),
    stamp: path.join(dir, '.stasis-installed.json'),
    lock: path.join(dir, '.stasis-install.lock'),
    installLog: path.join(dir, 'install.log'),
  };
}

function wantedStamp() {
  // Native modules (argon2, node-pty, kerberos, spdlog, ...) are built for this Node's ABI.
  return { codeServer: CODE_SERVER_VERSION, recipe: RECIPE, nodeAbi: process.versions.modules };
}

function stampMatches(p) {
  try {
    const have = JSON.parse(fs.readFileSync(p.stamp, 'utf8'));
    const want = wantedStamp();
    return Object.keys(want).every((k) => String(have[k]) === String(want[k])) && fs.existsSync(p.entry);
  } catch {
    return false;
  }
}

/**
 * The environment for the npm steps. When this runs under `npm run`, the parent npm exports
 * npm_config_local_prefix, npm_package_* and friends pointing at the project: strip them so the
 * child npm works on the cache folder and nothing else.
 */
function npmEnv(extra = {}) {
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_(package_|lifecycle_|command$|config_local_prefix$|config_yes$)/i.test(key)) delete env[key];
  }
  return { ...env, npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', ...extra };
}

function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

async function step(p, title, cmd, args, { cwd = p.dir, env = npmEnv() } = {}) {
  const started = Date.now();
  log(`install: ${title}`);
  fs.appendFileSync(p.installLog, `\n===== ${new Date().toISOString()} ${title}\n$ (cd ${cwd} && ${cmd} ${args.join(' ')})\n`);
  const out = fs.openSync(p.installLog, 'a');
  try {
    const code = await new Promise((resolve, reject) => {
      const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', out, out] });
      child.on('error', reject);
      child.on('close', (c, signal) => resolve(signal ? `signal ${signal}` : c));
    });
    if (code !== 0) {
      throw new Error(`[vscode] install step "${title}" failed (exit ${code}); last lines of ${p.installLog}:\n${tail(p.installLog)}`);
    }
  } finally {
    fs.closeSync(out);
  }
  log(`install: ${title}: ok (${seconds(started)})`);
}

function aptInstalled(pkg) {
  const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
  return r.status === 0 && /install ok installed/.test(r.stdout);
}

async function ensureAptPackages(p) {
  const missing = APT_PACKAGES.filter((pkg) => !aptInstalled(pkg));
  if (!missing.length) return;
  if (process.getuid?.() !== 0) {
    throw new Error(`[vscode] Debian packages missing: ${missing.join(' ')}; install them as root: apt-get install -y ${missing.join(' ')}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    await step(p, `apt-get install -y ${missing.join(' ')}`, 'apt-get', ['install', '-y', ...missing], { env });
  } catch {
    // Only when apt cannot find them (fresh machine with empty or stale lists): update, then retry.
    await step(p, 'apt-get update', 'apt-get', ['update'], { env });
    await step(p, `apt-get install -y ${missing.join(' ')}`, 'apt-get', ['install', '-y', ...missing], { env });
  }
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** One installer at a time (parallel test runs share the cache); a lock of a dead process is taken over. */
async function withLock(p, fn) {
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    try {
      fs.writeFileSync(p.lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(p.lock, 'utf8')) || 0;
      if (!holder || !pidAlive(holder)) {
        log(`install: removing stale lock of pid ${holder}`);
        fs.rmSync(p.lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`[vscode] gave up waiting for the install by pid ${holder} (${p.lock})`);
      log(`install: waiting for pid ${holder}, which is installing code-server`);
      await sleep(5000);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(p.lock, { force: true });
  }
}

/**
 * Installs code-server once (≈ 1–3 min cold) and returns where it is. Warm: a stamp check, ~0 s.
 * Works as root on a fresh Debian 12 + Node 20 machine; needs only the npm and Debian registries.
 */
export async function ensureCodeServer({ dir = codeServerDir(), force = false } = {}) {
  const p = paths(dir);
  // Chromium is needed to drive it; also checked when the cache is warm (a new machine may share a cache).
  if (!force && stampMatches(p) && APT_PACKAGES.every(aptInstalled)) {
    return { dir: p.dir, entry: p.entry, version: CODE_SERVER_VERSION, installed: false };
  }
  fs.mkdirSync(p.dir, { recursive: true });
  return withLock(p, async () => {
    if (!force && stampMatches(p)) {
      await ensureAptPackages(p);
      return { dir: p.dir, entry: p.entry, version: CODE_SERVER_VERSION, installed: false };
    }
    const started = Date.now();
    log(`installing code-server ${CODE_SERVER_VERSION} into ${p.dir} (log: ${p.installLog})`);
    fs.writeFileSync(p.installLog, `code-server ${CODE_SERVER_VERSION} install, node ${process.version}\n`);
    await ensureAptPackages(p);

    // Start from scratch: a half-done install (no stamp) is never patched up.
    fs.rmSync(p.stamp, { force: true });
    fs.rmSync(path.join(p.dir, 'node_modules'), { recursive: true, force: true });
    fs.rmSync(path.join(p.dir, 'package-lock.json'), { force: true });
    fs.writeFileSync(path.join(p.dir, 'package.json'), `${JSON.stringify({ name: 'stasis-code-server-cache', private: true }, null, 2)}\n`);

    // Its postinstall would download ripgrep from GitHub: skip scripts, do their work by hand.
    await step(p, `npm install --ignore-scripts code-server@${CODE_SERVER_VERSION}`, 'npm', [
      'install', '--ignore-scripts', '--no-save', '--no-package-lock', `code-server@${CODE_SERVER_VERSION}`,
    ]);
    await step(p, 'npm rebuild argon2', 'npm', ['rebuild', 'argon2']);
    await step(p, 'lib/vscode: npm install --omit=dev --ignore-scripts', 'npm', ['install', '--omit=dev', '--ignore-scripts'], { cwd: p.vscode });

    log('install: ripgrep: symlink /usr/bin/rg into @vscode/ripgrep');
    const rgBin = path.join(p.vscode, 'node_modules', '@vscode', 'ripgrep', 'bin');
    fs.mkdirSync(rgBin, { recursive: true });
    fs.rmSync(path.join(rgBin, 'rg'), { force: true });
    fs.symlinkSync('/usr/bin/rg', path.join(rgBin, 'rg'));

    // node-pty's install script runs `npx node-gyp`: npm_config_yes lets npx proceed unattended.
    await step(p, 'lib/vscode: npm rebuild (native modules)', 'npm', ['rebuild'], { cwd: p.vscode, env: npmEnv({ npm_config_yes: 'true' }) });

    log('install: symlinks node_modules.asar, remote-cli/code-server, helpers/browser.sh');
    const link = (target, at) => {
      fs.rmSync(at, { recursive: true, force: true });
      fs.symlinkSync(target, at);
    };
    link('node_modules', path.join(p.vscode, 'node_modules.asar'));
    link('code-linux.sh', path.join(p.vscode, 'bin', 'remote-cli', 'code-server'));
    link('browser-linux.sh', path.join(p.vscode, 'bin', 'helpers', 'browser.sh'));

    await step(p, 'lib/vscode/extensions: npm install --omit=dev', 'npm', ['install', '--omit=dev'], { cwd: path.join(p.vscode, 'extensions') });

    // npm 11 warns that these install scripts are "not yet covered by allowScripts"; should a later
    // npm skip them, fail here rather than with a server that cannot open a terminal or log.
    const natives = [
      path.join(p.dir, 'node_modules', 'argon2'),
      path.join(p.vscode, 'node_modules', 'node-pty', 'build', 'Release', 'pty.node'),
      path.join(p.vscode, 'node_modules', '@vscode', 'spdlog', 'build', 'Release', 'spdlog.node'),
      path.join(p.vscode, 'node_modules', 'kerberos', 'build', 'Release', 'kerberos.node'),
      path.join(p.vscode, 'node_modules', 'native-watchdog', 'build', 'Release', 'watchdog.node'),
    ];
    const hasNode = (dir) => fs.readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.node'));
    const missing = natives.filter((f) => !(f.endsWith('.node') ? fs.existsSync(f) : fs.existsSync(f) && hasNode(f)));
    if (missing.length) throw new Error(`[vscode] native modules were not built: ${missing.join(', ')}; see ${p.installLog}`);

    // Sanity: it must start and print its version before we call it installed.
    // (--config: without it even --version writes ~/.config/code-server/config.yaml)
    await step(p, 'code-server --version', process.execPath, [p.entry, '--config', path.join(p.dir, 'version-check.yaml'), '--version'], {
      env: npmEnv({ XDG_DATA_HOME: path.join(p.dir, 'xdg-data') }),
    });
    fs.writeFileSync(p.stamp, `${JSON.stringify({ ...wantedStamp(), installedAt: new Date().toISOString(), seconds: (Date.now() - started) / 1000 }, null, 2)}\n`);
    log(`installed code-server ${CODE_SERVER_VERSION} in ${seconds(started)}`);
    return { dir: p.dir, entry: p.entry, version: CODE_SERVER_VERSION, installed: true };
  });
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function httpOk(url) {
  try {
    const res = await globalThis.fetch(url, { signal: AbortSignal.timeout(2000) });
    await res.arrayBuffer();
    return res.status < 500;
  } catch {
    return false;
  }
}

function killGroup(child, signal) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Starts code-server on 127.0.0.1 with its own folders (nothing goes to ~/.config or ~/.local).
 * `env` is added to code-server's environment; the extension host is its child and inherits it.
 * Returns { url, port, process, userDataDir, extensionsDir, logFile, stop() }; stop() ends the group.
 */
export async function startCodeServer({
  port,
  workspace,
  userDataDir,
  extensionsDir,
  settings = {},
  env = {},
  args = [],
  logFile,
  timeoutMs = 60_000,
} = {}) {
  const { entry } = await ensureCodeServer();
  port ??= await freePort();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-code-server-'));
  userDataDir ??= path.join(base, 'user-data');
  extensionsDir ??= path.join(base, 'extensions');
  logFile ??= path.join(base, 'code-server.log');
  const configFile = path.join(base, 'config.yaml');
  fs.mkdirSync(path.join(base, 'tmp'));
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.writeFileSync(configFile, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), `${JSON.stringify({ ...DEFAULT_SETTINGS, ...settings }, null, 2)}\n`);

  const argv = [
    entry,
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    ...args,
  ];
  if (workspace) argv.push(workspace);
  const out = fs.openSync(logFile, 'a');
  const started = Date.now();
  log(`starting code-server on 127.0.0.1:${port} (user data ${userDataDir}, log ${logFile})`);
  const child = spawn(process.execPath, argv, {
    detached: true, // own process group: stop() takes the extension host and helpers with it
    stdio: ['ignore', out, out],
    // Keep the home folder clean: code-server writes coder-logs under $XDG_DATA_HOME/code-server,
    // VS Code a device id under $XDG_CACHE_HOME/Microsoft. The extension host inherits all of this.
    // TMPDIR: the server and its extension host leave vscode-ipc-*.sock and vscode-typescript*
    // behind in the temp folder when killed; give them one that stop() removes.
    env: { ...npmEnv(), XDG_DATA_HOME: path.join(base, 'xdg-data'), XDG_CACHE_HOME: path.join(base, 'xdg-cache'), TMPDIR: path.join(base, 'tmp'), ...env },
  });
  fs.closeSync(out);
  let exited = null;
  child.on('exit', (code, signal) => {
    exited = signal ?? code;
  });

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // group empty
      }
      if (!process.env.STASIS_VSCODE_KEEP) fs.rmSync(base, { recursive: true, force: true });
      return;
    }
    const gone = new Promise((resolve) => child.once('exit', resolve));
    killGroup(child, 'SIGTERM');
    const t = sleep(5000).then(() => 'timeout');
    if ((await Promise.race([gone, t])) === 'timeout') {
      killGroup(child, 'SIGKILL');
      await gone;
    }
    // Anything the group left behind (the extension host is in it too).
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // group empty
    }
    // Our temp folder (config, default user data, log) goes too, unless asked to keep it.
    if (process.env.STASIS_VSCODE_KEEP) log(`kept ${base} (STASIS_VSCODE_KEEP)`);
    else fs.rmSync(base, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (!(await httpOk(`${url}/healthz`))) {
    if (exited !== null) throw new Error(`[vscode] code-server exited (${exited}) before answering; log ${logFile}:\n${tail(logFile)}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`[vscode] code-server did not answer on ${url} within ${timeoutMs} ms; log ${logFile}:\n${tail(logFile)}`);
    }
    await sleep(200);
  }
  log(`code-server answers on ${url} (${seconds(started)})`);
  return { url, port, process: child, userDataDir, extensionsDir, logFile, baseDir: base, stop };
}

/** The workbench URL that opens `folder` and, with a payload, runs extension tests in the remote host. */
export function workbenchUrl({ port, folder, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${port}${path.resolve(p)}`;
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const query = [];
  if (folder) query.push(`folder=${encodeURIComponent(path.resolve(folder))}`);
  if (payload.length) query.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `http://127.0.0.1:${port}/${query.length ? `?${query.join('&')}` : ''}`;
}

/** Debian chromium through playwright-core, headless, with a fresh profile. */
export async function launchChromium({ headless = true } = {}) {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`[vscode] ${CHROMIUM} is missing: apt-get install -y chromium`);
  const { chromium } = await import('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
    // Chromium keeps its crash database in $XDG_CONFIG_HOME/chromium: keep it out of ~/.config.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(profile, 'xdg-config'), XDG_CACHE_HOME: path.join(profile, 'xdg-cache') },
  });
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { context, profile, close };
}

/** Newest `.log` files of an extension under a user-data dir's logs (any exthost layout). */
export function findExtensionLogs(userDataDir, extensionId) {
  const found = [];
  const walk = (dir, depth) => {
    let entries = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && depth < 6) walk(full, depth + 1);
      else if (e.isFile() && e.name.endsWith('.log') && path.basename(dir) === extensionId) found.push(full);
    }
  };
  walk(path.join(userDataDir, 'logs'), 0);
  return found.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Runs an extension-host test module (the `run()` that @vscode/test-electron also runs) inside
 * code-server. The module writes its results as JSON to $STASIS_VSCODE_TEST_RESULTS; this waits for
 * that file, prints the mocha output it holds, and returns the exit code: 0 only when more than 0
 * tests ran and none failed. `onResults(results)` receives the parsed file (when there is one).
 * On failure: a screenshot in `screenshotDir`, and the tails of the exthost and code-server logs.
 */
export async function runExtensionTests({
  extensionDevelopmentPath,
  extensionTestsPath,
  workspace,
  resultsFile,
  timeoutMs = 180_000,
  env = {},
  settings = {},
  screenshotDir = path.resolve('test-results'),
  quiet = false,
  onResults,
} = {}) {
  const started = Date.now();
  extensionDevelopmentPath = path.resolve(extensionDevelopmentPath);
  extensionTestsPath = path.resolve(extensionTestsPath);
  if (!fs.existsSync(extensionTestsPath)) throw new Error(`[vscode] no test module at ${extensionTestsPath} (compile the tests first)`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-vscode-test-'));
  workspace = path.resolve(workspace ?? path.join(scratch, 'workspace'));
  fs.mkdirSync(workspace, { recursive: true });
  resultsFile = path.resolve(resultsFile ?? path.join(scratch, 'results.json'));
  fs.rmSync(resultsFile, { force: true });
  const userDataDir = path.join(scratch, 'user-data');

  let server;
  let browser;
  let page;
  let code = 1;
  try {
    server = await startCodeServer({
      workspace,
      userDataDir,
      extensionsDir: path.join(scratch, 'extensions'),
      settings,
      env: {
        ...env,
        STASIS_VSCODE_TEST_RESULTS: resultsFile,
        STASIS_VSCODE_USER_DATA_DIR: userDataDir,
      },
    });
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const consoleErrors = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    const url = workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath, extensionTestsPath });
    log(`opening ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });

    const deadline = Date.now() + timeoutMs;
    let results = null;
    let workbenchSeen = false;
    while (!(results = readJson(resultsFile))) {
      if (server.process.exitCode !== null || server.process.signalCode !== null) throw new Error('[vscode] code-server exited during the test run');
      if (Date.now() > deadline) {
        throw new Error(`[vscode] no results in ${resultsFile} after ${timeoutMs} ms`
          + (consoleErrors.length ? `\nbrowser console errors:\n  ${consoleErrors.slice(-10).join('\n  ')}` : ''));
      }
      if (!workbenchSeen && (await page.locator('.monaco-workbench').count().catch(() => 0))) {
        workbenchSeen = true;
        log(`workbench is up (${seconds(started)}); waiting for the suite`);
      }
      await sleep(250);
    }
    if (!quiet) process.stdout.write(`${results.output ?? ''}\n`);
    const passed = Number(results.passed) || 0;
    const failed = Number(results.failed) || 0;
    if (results.error) process.stdout.write(`suite error: ${results.error}\n`);
    code = passed > 0 && failed === 0 && !results.error ? 0 : 1;
    if (passed === 0 && failed === 0) log('the suite ran 0 tests: counted as a failure');
    log(`suite done in ${seconds(started)}: ${passed} passed, ${failed} failed, ${Number(results.pending) || 0} pending`);
    onResults?.(results);
    return code;
  } catch (e) {
    log(String(e?.stack ?? e));
    const exthostLogs = [];
    try {
      for (const stamp of fs.readdirSync(path.join(userDataDir, 'logs'))) {
        for (const sub of fs.readdirSync(path.join(userDataDir, 'logs', stamp))) {
          if (sub.startsWith('exthost')) {
            const f = path.join(userDataDir, 'logs', stamp, sub, 'remoteexthost.log');
            if (fs.existsSync(f)) exthostLogs.push(f);
          }
        }
      }
    } catch {
      // no logs yet
    }
    for (const f of exthostLogs) log(`${f}:\n${tail(f, 30)}`);
    if (server?.logFile) log(`code-server log ${server.logFile}:\n${tail(server.logFile, 20)}`);
    return 1;
  } finally {
    if (code !== 0 && page) {
      fs.mkdirSync(screenshotDir, { recursive: true });
      const shot = path.join(screenshotDir, `vscode-suite-failure-${Date.now()}.png`);
      await page.screenshot({ path: shot, timeout: 10_000 }).then(() => log(`screenshot: ${shot}`), () => {});
    }
    await browser?.close();
    await server?.stop();
    if (!process.env.STASIS_VSCODE_KEEP) fs.rmSync(scratch, { recursive: true, force: true });
    else log(`kept ${scratch} (STASIS_VSCODE_KEEP)`);
  }
}

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
