// A ServerSession against a FakeAsterisk, as the bad-input tests drive it, and what they compare:
// the picture the tree and the inspector are built from, and the errors a prompt would show.
import { AriConfigError } from '../../src/ari/AriConfigError';
import type { Channel } from '../../src/ari/generated/ariTypes';
import { ServerSession, type SessionProblem } from '../../src/model/session/ServerSession';
import * as f from './ariFixtures';
import { FakeAsterisk } from './FakeAsterisk';

export interface Harness {
  fake: FakeAsterisk;
  session: ServerSession;
  problems: SessionProblem[];
}

/** The fake Asterisk and the session to start: apps, the channels it lists, its address and the credentials. */
interface HarnessOptions {
  apps?: string[];
  channels?: Channel[];
  host?: string;
  prefix?: string;
  url?: (fake: FakeAsterisk) => string;
  username?: string;
  password?: string;
}

const open: Harness[] = [];

export async function connected(options: HarnessOptions = {}): Promise<Harness> {
  const h = await harness(options);
  await h.session.connect();
  return h;
}

export async function harness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await FakeAsterisk.start({ host: options.host, prefix: options.prefix });
  const apps = options.apps ?? ['app'];
  fake.channels = options.channels ?? [];
  fake.applications = apps.map((app, i) => f.application(app, i === 0 ? fake.channels.map((c) => c.id) : []));
  const session = new ServerSession({
    config: { name: 'pbx1', baseUrl: options.url?.(fake) ?? fake.url, username: options.username ?? 'asterisk', password: options.password ?? 's3cret' },
    serverId: 'pbx1-id',
    apps,
    events: { backoff: { initialMs: 20, maxMs: 40, jitter: 0 } },
    resyncRetryMs: 60_000,
    // The catalogue is about bad input to one app's socket; the watcher has tests of its own.
    watch: false,
  });
  const problems: SessionProblem[] = [];
  session.onProblem((p) => problems.push(p));
  const h = { fake, session, problems };
  open.push(h);
  return h;
}

/** What the tree and the inspector are built from: apps, their channels, and the event log. */
export function picture(session: ServerSession): string {
  return JSON.stringify({
    apps: session.model.applications.all.map((a) => ({ name: a.name, owned: session.ownership.isOwned(a.name), channels: session.model.channels.of(a.name).map((c) => c.id) })),
    channels: [...session.model.channels.all].map((c) => [c.id, c.stasisApp, c.args, [...c.variables]]),
    logged: session.log.size,
  });
}

export function configError(message: RegExp): (e: unknown) => boolean {
  return (e) => e instanceof AriConfigError && message.test(e.message);
}

export const basicUser = (header: string | undefined) => Buffer.from((header ?? '').replace(/^Basic /, ''), 'base64').toString('utf8');

/** Disposes of every harness made since the last call (each test file's afterEach). */
export async function closeHarnesses(): Promise<void> {
  for (const h of open.splice(0)) {
    await h.session.dispose();
    await h.fake.close();
  }
}
