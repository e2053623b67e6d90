#!/usr/bin/env node
// `npm start`: the whole thing in one command. Builds the extension, brings up the Asterisk
// sandbox, starts gentle demo traffic (sipp calls and a demo ARI app that moves them), starts a
// browser VS Code (code-server) with the extension installed and the sandbox configured as a
// server, and prints the URL. Ctrl+C stops everything it started.
// Without the sandbox (not Linux/root/apt), it uses the Asterisk named by ARI_URL, ARI_USERNAME,
// ARI_PASSWORD.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './ensureDependencies.mjs';
import { installExtension, packageExtension } from '../test/e2e/workbench.mjs';
import { startCodeServer } from '../test/vscode/codeServer.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SANDBOX = path.join(REPO, 'test/sandbox/sandbox.sh');
const PORT = Number(process.env.STASIS_START_PORT) || 8080;
/** Where the extension's trace proxy listens, for the demo app (docs/trace-proxy.md). */
const TRACE_PORT = Number(process.env.STASIS_TRACE_PORT) || 8089;
const say = (text) => console.log(`[start] ${text}`);
const children = [];
/** Run in this order at the end: traffic first, then VS Code, then its files. */
const cleanups = [];
let stopSandbox;

function sandboxCanRun() {
  const missing = [];
  if (process.platform !== 'linux') missing.push('Linux');
  if (process.getuid?.() !== 0) missing.push('root (debootstrap, chroot and mount need it)');
  try {
    execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' });
  } catch {
    missing.push('apt-get (a Debian or Ubuntu host)');
  }
  return missing;
}

function sandboxRunning() {
  try {
    execFileSync('bash', [SANDBOX, 'status'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function readSandboxEnv() {
  const out = execFileSync('bash', [SANDBOX, 'env'], { encoding: 'utf8' });
  return Object.fromEntries(out.split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

async function main() {
  ensureDependencies(say);
  say('building the extension');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: REPO, stdio: 'inherit' });

  let ari;
  const missing = sandboxCanRun();
  if (missing.length === 0) {
    const wasUp = sandboxRunning();
    say(wasUp ? 'the Asterisk sandbox is already up' : 'starting the Asterisk sandbox (the first start builds it: about a minute)');
    execFileSync('bash', [SANDBOX, 'up'], { stdio: 'inherit' });
    if (!wasUp) stopSandbox = () => execFileSync('bash', [SANDBOX, 'down'], { stdio: 'inherit' });
    const env = readSandboxEnv();
    ari = { url: env.ARI_URL, username: env.ARI_USERNAME, password: env.ARI_PASSWORD, sandbox: true };
  } else if (process.env.ARI_URL && process.env.ARI_USERNAME && process.env.ARI_PASSWORD !== undefined) {
    say(`the sandbox cannot run here (needs ${missing.join(', ')}); using ${process.env.ARI_URL}`);
    ari = { url: process.env.ARI_URL, username: process.env.ARI_USERNAME, password: process.env.ARI_PASSWORD, sandbox: false };
  } else {
    const unset = ['ARI_URL', 'ARI_USERNAME', 'ARI_PASSWORD'].filter((k) => process.env[k] === undefined);
    console.error(`[start] The local Asterisk sandbox needs ${missing.join(', ')}, which this machine lacks.`);
    console.error(`[start] Point npm start at an Asterisk of yours instead: set ${unset.join(', ')} (e.g. ARI_URL=http://pbx:8088 ARI_USERNAME=asterisk ARI_PASSWORD=secret npm start).`);
    process.exit(2);
  }

  if (ari.sandbox) {
    say(`starting demo traffic: a demo ARI app owning demo-ivr, traced through Stasis Explorer at http://127.0.0.1:${TRACE_PORT}, and sipp calls every few seconds`);
    const demo = spawn(process.execPath, [path.join(REPO, 'scripts/demo-app.mjs'), `http://127.0.0.1:${TRACE_PORT}`, ari.username, ari.password], { stdio: ['ignore', 'inherit', 'inherit'] });
    children.push(demo);
    let n = 0;
    const timer = setInterval(() => {
      n++;
      // Mostly into demo-ivr (moved on by the demo app), sometimes straight into ari-example1.
      const to = n % 4 === 0 ? 'alice' : 'carol';
      const sipp = spawn('bash', [SANDBOX, 'call', '--to', to, '--caller-name', `Demo caller ${n}`, '--caller-number', String(1000 + n), '--hold', '45', '--timeout', '60'], { stdio: 'ignore' });
      children.push(sipp);
      sipp.on('exit', () => children.splice(children.indexOf(sipp), 1));
    }, 8000);
    cleanups.push(() => clearInterval(timer));
    // A killed sipp sends no BYE: hang up the demo calls it leaves in Asterisk.
    cleanups.push(async () => {
      const headers = { authorization: `Basic ${Buffer.from(`${ari.username}:${ari.password}`).toString('base64')}` };
      const channels = await (await fetch(`${ari.url}/ari/channels`, { headers })).json();
      for (const c of channels.filter((c) => c.caller.name.startsWith('Demo caller'))) {
        await fetch(`${ari.url}/ari/channels/${encodeURIComponent(c.id)}`, { method: 'DELETE', headers });
      }
    });
  }

  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-start-'));
  const extensionsDir = path.join(scratch, 'extensions');
  const userDataDir = path.join(scratch, 'user-data');
  const workspace = path.join(scratch, 'workspace');
  fs.mkdirSync(workspace, { recursive: true });
  say('packaging and installing the extension into a fresh code-server profile');
  await installExtension({ vsix: await packageExtension({ outDir: scratch }), extensionsDir, userDataDir });
  const serverId = 'sandbox';
  const server = await startCodeServer({
    port: PORT,
    workspace,
    userDataDir,
    extensionsDir,
    settings: {
      // The demo app reaches Asterisk through the trace, which the extension starts as it connects.
      'stasisExplorer.servers': [{ id: serverId, name: ari.sandbox ? 'sandbox' : 'asterisk', url: ari.url, username: ari.username, apps: ['ari-example1', 'ari-example2'], ...(ari.sandbox ? { trace: true, tracePort: TRACE_PORT } : {}) }],
      'workbench.startupEditor': 'none',
    },
    // The password reaches SecretStorage through the extension's seed variable, never settings.
    env: { STASIS_EXPLORER_PASSWORDS: JSON.stringify({ [serverId]: ari.password }) },
  });
  cleanups.push(() => server.stop());
  cleanups.push(() => fs.rmSync(scratch, { recursive: true, force: true }));

  console.log('');
  say(`VS Code with Stasis Explorer: open ${server.url}/?folder=${encodeURIComponent(workspace)}`);
  say('click the Stasis Explorer icon in the activity bar. Ctrl+C stops everything started here.');
}

let stopping = false;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  say('stopping');
  for (const cleanup of [...cleanups, () => children.forEach((c) => c.kill()), stopSandbox].filter(Boolean)) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`[start] cleanup: ${error.message}`);
    }
  }
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

main().catch(async (error) => {
  console.error(`[start] ${error.message}`);
  await stop(1);
});
