// The sandbox as a server of the commands' harness (test/support/commandHarness.ts), as the
// command tests of bridges, media, recordings and channel controls use it.
import assert from 'node:assert/strict';
import type { ServerSession } from '../../../src/model/session/ServerSession';
import type { CommandHarness } from '../../support/commandHarness';
import { until } from '../../support/until';
import type { SandboxEnv } from './sandbox';

/** Adds the sandbox with these apps through Add Server; resolves with its id once connected. */
export async function addSandboxServer(h: CommandHarness, env: SandboxEnv, apps: string[]): Promise<string> {
  const added = await h.run<{ id: string }>('addServer', { name: 'sandbox', url: env.url, username: env.username, password: env.password, apps });
  assert.ok(added?.ok, JSON.stringify(h.ui.shown));
  await until(() => h.manager.server(added.value.id)?.session?.status.state === 'connected', 'the server connected');
  return added.value.id;
}

/** A call originated into `app` through Originate Test Call; resolves with its channel id once it is in the app. */
export async function callInto(h: CommandHarness, serverId: string, app: string, { endpoint = 'Local/100@default', callerId = '"Tester" <100>' } = {}): Promise<string> {
  const result = await h.run<string>('originate', { serverId }, { endpoint, app, args: [], callerId });
  assert.ok(result?.ok, JSON.stringify(result));
  await until(() => h.manager.server(serverId)!.session!.model.channels.get(result.value)?.stasisApp === app, `the call in ${app}`);
  return result.value;
}

/** What a test left: the bridges our apps hold destroyed, their channels hung up; then the harness disposed. */
export async function cleanUpSandbox(h: CommandHarness, more: (session: ServerSession) => Promise<void> = async () => undefined): Promise<void> {
  for (const server of h.manager.servers) {
    const s = server.session;
    if (!s) continue;
    for (const app of s.ownership.owned) for (const bridgeId of [...s.model.bridges.idsOf(app)]) await s.bridges.destroy(bridgeId).catch(() => undefined);
    for (const app of s.ownership.owned) for (const channel of s.model.channels.of(app)) await s.rest.hangup(channel.id).catch(() => undefined);
    await more(s);
  }
  await h.dispose();
}
