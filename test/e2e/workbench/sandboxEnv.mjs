// The Asterisk sandbox the e2e tests drive, as `sandbox.sh env` describes it (ARI_URL, ARI_USERNAME, ARI_PASSWORD, …).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { REPO } from './repo.mjs';

export const SANDBOX = path.join(REPO, 'test/sandbox/sandbox.sh');

export function sandboxEnv() {
  return Object.fromEntries(
    execFileSync('bash', [SANDBOX, 'env'], { encoding: 'utf8' })
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}
