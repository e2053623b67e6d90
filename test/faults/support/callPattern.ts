// One call pattern, run the same way for several apps at once: `count` Local calls originated into
// the app at `ratePerSec`, each with both legs named, over the given base URL (Asterisk itself, or
// a trace proxy in front of it), and hung up the same way.
import type { SandboxEnv } from '../../integration/support/sandbox';

export interface CallPattern {
  readonly app: string;
  readonly baseUrl: string;
  /** The ids of the calls' two legs: `<prefix><i>` and `<prefix><i>-2`. */
  readonly prefix: string;
}

const auth = (env: SandboxEnv) => ({ Authorization: `Basic ${Buffer.from(`${env.username}:${env.password}`).toString('base64')}` });

/** Starts every pattern's call i at the same tick; resolves with each pattern's originate statuses. */
export async function originateAll(env: SandboxEnv, patterns: readonly CallPattern[], count: number, ratePerSec: number): Promise<number[][]> {
  const started = Date.now();
  const statuses = patterns.map(() => [] as Promise<number>[]);
  for (let i = 0; i < count; i++) {
    await new Promise((r) => setTimeout(r, Math.max(0, started + (i * 1000) / ratePerSec - Date.now())));
    patterns.forEach((p, n) => {
      const query = new URLSearchParams({ endpoint: 'Local/100@default', app: p.app, channelId: `${p.prefix}${i}`, otherChannelId: `${p.prefix}${i}-2` });
      statuses[n].push(fetch(`${p.baseUrl}/ari/channels?${query}`, { method: 'POST', headers: auth(env) }).then((r) => r.status, () => 0));
    });
  }
  return Promise.all(statuses.map((s) => Promise.all(s)));
}

/** Hangs up every call of the patterns, a few at a time each; resolves with the statuses (204, or 404 for one gone already). */
export async function hangUpAll(env: SandboxEnv, patterns: readonly CallPattern[], count: number): Promise<number[][]> {
  return Promise.all(
    patterns.map(async (p) => {
      const out: number[] = [];
      for (let i = 0; i < count; i += 10) {
        const batch = Array.from({ length: Math.min(10, count - i) }, (_, k) => fetch(`${p.baseUrl}/ari/channels/${p.prefix}${i + k}`, { method: 'DELETE', headers: auth(env) }).then((r) => r.status, () => 0));
        out.push(...(await Promise.all(batch)));
      }
      return out;
    }),
  );
}
