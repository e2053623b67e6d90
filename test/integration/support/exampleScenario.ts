import { randomBytes } from 'node:crypto';
import type { AriEvent } from '../../../src/ari/generated/ariTypes';
import { until } from '../../support/until';
import { AriClientApp } from './AriClientApp';
import { roleMap } from './eventShapes';
import type { SandboxEnv } from './sandbox';
import { uniqueApp } from './sessions';

export interface ExampleRun {
  readonly app: AriClientApp;
  readonly names: { readonly a1: string; readonly a2: string; readonly missing: string; readonly c1: string; readonly c2: string };
  /** The run's own names (apps, channel ids) replaced by roles, to compare two runs. */
  readonly role: (text: string) => string;
}

/**
 * One run of the blog post's example (ariClientExample.ts) against `baseUrl` (Asterisk, or a trace
 * proxy in front of it), with the same two calls each time: one the app moves on to its second
 * app, and one it tries to move to an app nobody registered (ApplicationMoveFailed). The calls
 * are originated by the test straight at Asterisk (not by the app), one after the other, and
 * hung up once the app is done with them; the run ends when the app has the last event of each
 * leg. `beforeHangup` runs while both calls are still up, where the app left them.
 */
export async function runExample(env: SandboxEnv, baseUrl: string, label: string, beforeHangup?: (run: ExampleRun) => Promise<void>): Promise<ExampleRun> {
  const tag = `${label}-${process.pid}`;
  const names = { a1: uniqueApp('ari-example1'), a2: uniqueApp('ari-example2'), missing: `no-such-app-${randomBytes(4).toString('hex')}`, c1: `tp-c1-${tag}`, c2: `tp-c2-${tag}` };
  const leg2 = (id: string) => id.replace(/^tp-c/, 'tp-d');
  const role = roleMap({ [names.a1]: '{example1}', [names.a2]: '{example2}', [names.missing]: '{missing}', [names.c1]: '{c1}', [names.c2]: '{c2}', [leg2(names.c1)]: '{c1;2}', [leg2(names.c2)]: '{c2;2}' });
  const app = await AriClientApp.start({ url: baseUrl, username: env.username, password: env.password, apps: [names.a1, names.a2], moves: { nowhere: names.missing } });
  const run: ExampleRun = { app, names, role };
  const has = (type: string, application: string, channelId: string) => () => app.events.some((e) => e.type === type && e.application === application && channelOf(e) === channelId);
  const fail = () => (app.failures.length > 0 ? `; the app failed: ${app.failures.join('; ')}` : '');

  try {
    await originate(env, names.a1, names.c1, leg2(names.c1), 'first');
    await until(has('StasisStart', names.a2, names.c1), () => `the app moved ${names.c1} to its second app${fail()}`);
    await originate(env, names.a1, names.c2, leg2(names.c2), 'nowhere');
    await until(has('ApplicationMoveFailed', names.a1, names.c2), () => `the app heard its move of ${names.c2} failed${fail()}`);
    await until(() => app.exchanges.filter((e) => /\/move\?/.test(e.path)).length === 2, 'both moves answered');
    // Both second legs reach Wait() 500 ms after their Answer(): hung up only then, every run's calls
    // have lived through the same dialplan steps, whatever else took time in it.
    const waits = (id: string) => () => app.events.some((e) => e.type === 'ChannelDialplan' && e.dialplan_app === 'Wait' && e.channel.id === id);
    await until(() => waits(leg2(names.c1))() && waits(leg2(names.c2))(), 'both second legs in Wait()');
    await beforeHangup?.(run);

    for (const id of [names.c1, names.c2]) await ari(env, 'DELETE', `channels/${id}`);
    const last = [has('ChannelDestroyed', names.a1, names.c1), has('ChannelDestroyed', names.a1, leg2(names.c1)), has('StasisEnd', names.a2, names.c1), has('ChannelDestroyed', names.a1, names.c2), has('ChannelDestroyed', names.a1, leg2(names.c2))];
    await until(() => last.every((done) => done()), 'the last event of every leg');
  } catch (error) {
    // A child process and its calls must not outlive a failed run.
    await app.stop();
    for (const id of [names.c1, names.c2]) await ari(env, 'DELETE', `channels/${id}`).catch(() => undefined);
    throw error;
  }
  return run;
}

function channelOf(event: AriEvent): string | undefined {
  const e = event as AriEvent & { channel?: { id: string } };
  return e.channel?.id;
}

/** A Local channel into [default] 100 (answers, waits) straight into `app`, both legs named. */
async function originate(env: SandboxEnv, app: string, channelId: string, otherChannelId: string, appArgs: string): Promise<void> {
  await ari(env, 'POST', `channels?${new URLSearchParams({ endpoint: 'Local/100@default', app, appArgs, channelId, otherChannelId })}`);
}

/** The test's own REST, straight at Asterisk: never part of what the traced app did. */
export async function ari(env: SandboxEnv, method: string, path: string): Promise<unknown> {
  const response = await fetch(`${env.url}/ari/${path}`, { method, headers: { Authorization: `Basic ${Buffer.from(`${env.username}:${env.password}`).toString('base64')}` } });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} /ari/${path} → ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}
