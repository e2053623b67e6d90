// Access to the real Asterisk sandbox (test/sandbox/sandbox.sh) from integration tests.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../../../..');
/** The sandbox's script, for what a test runs of it directly. */
export const SANDBOX = path.join(ROOT, 'test/sandbox/sandbox.sh');

export interface SandboxEnv {
  url: string;
  username: string;
  password: string;
  viewerUsername: string;
  viewerPassword: string;
}

let cachedEnv: SandboxEnv | undefined;

export async function sandboxEnv(): Promise<SandboxEnv> {
  if (cachedEnv) return cachedEnv;
  const { stdout } = await run('bash', [SANDBOX, 'env']);
  const vars = Object.fromEntries(
    stdout
      .split('\n')
      .map((line) => /^(?:export )?([A-Z_]+)=(.*)$/.exec(line.trim()))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => [m[1], m[2].replace(/^['"]|['"]$/g, '')]),
  );
  cachedEnv = {
    url: vars.ARI_URL,
    username: vars.ARI_USERNAME,
    password: vars.ARI_PASSWORD,
    viewerUsername: vars.ARI_VIEWER_USERNAME,
    viewerPassword: vars.ARI_VIEWER_PASSWORD,
  };
  return cachedEnv;
}

/** Runs an Asterisk CLI command in the sandbox (`asterisk -rx`). */
export async function asteriskCli(command: string): Promise<string> {
  const { stdout } = await run('bash', [SANDBOX, 'cli', command], { timeout: 30_000 });
  return stdout;
}

/** Stops Asterisk, keeping the chroot and its mounts, as when a developer stops their PBX. */
export async function stopAsterisk(): Promise<void> {
  await run('bash', [SANDBOX, 'stop-asterisk'], { timeout: 60_000 });
}

/** Starts it again and waits until ARI answers. */
export async function startAsterisk(): Promise<void> {
  await run('bash', [SANDBOX, 'start-asterisk'], { timeout: 120_000 });
}

/** The live ari.conf inside the sandbox's chroot (rewritten from the templates at each `up`). */
export function liveAriConf(): string {
  return path.join(process.env.STASIS_SANDBOX_DIR ?? '/var/cache/stasis-explorer/sandbox', 'root/etc/asterisk/ari.conf');
}

export interface CallOptions {
  to?: 'alice' | 'bob' | 'carol' | 'dave';
  count?: number;
  rate?: number;
  callerName?: string;
  callerNumber?: string;
  hold?: number;
  timeout?: number;
  /** Digits sent once the call is answered (RFC 4733). */
  dtmf?: string;
}

/** Places real SIP calls with sipp; the promise settles when sipp exits. */
export function placeCall(options: CallOptions = {}): { process: ChildProcess; done: Promise<{ code: number | null; output: string }> } {
  const args = [SANDBOX, 'call', '--to', options.to ?? 'alice', '--count', String(options.count ?? 1), '--rate', String(options.rate ?? 1)];
  if (options.callerName !== undefined) args.push('--caller-name', options.callerName);
  if (options.callerNumber !== undefined) args.push('--caller-number', options.callerNumber);
  args.push('--hold', String(options.hold ?? 1));
  if (options.timeout !== undefined) args.push('--timeout', String(options.timeout));
  if (options.dtmf !== undefined) args.push('--dtmf', options.dtmf);
  const child = spawn('bash', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const done = new Promise<{ code: number | null; output: string }>((resolve) => child.on('close', (code) => resolve({ code, output })));
  return { process: child, done };
}
