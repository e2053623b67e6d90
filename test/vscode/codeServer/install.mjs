// Installing code-server (= VS Code, see the versions below) once, offline, from the npm and Debian
// registries only, into a cache outside the repo (STASIS_CODE_SERVER_DIR, default
// /var/cache/stasis-explorer/code-server); a stamp marks success. The steps, and why each is
// needed, are in ensureCodeServer. Its own output goes to <cache>/install.log.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { withLock } from './installLock.mjs';
import { log, seconds, tail } from './log.mjs';
import { npmEnv } from './npmEnv.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
export const VSCODE_VERSION = '1.100.3';
/** Bump when the install recipe changes: the stamp then no longer matches and the cache is redone. */
const RECIPE = 1;
const APT_PACKAGES = ['ripgrep', 'libkrb5-dev', 'chromium'];

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
