// Starting code-server on 127.0.0.1 with its own user-data / extensions / config folders.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { ensureCodeServer } from './install.mjs';
import { log, seconds, tail } from './log.mjs';
import { npmEnv } from './npmEnv.mjs';

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
