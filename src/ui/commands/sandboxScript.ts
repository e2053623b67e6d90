import { existsSync } from 'node:fs';

/** The repository's Asterisk sandbox script, where it can run (Linux, root, a source checkout); undefined elsewhere. */
export function sandboxScript(extensionPath: string): string | undefined {
  const script = `${extensionPath}/test/sandbox/sandbox.sh`;
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync(script) ? script : undefined;
}
