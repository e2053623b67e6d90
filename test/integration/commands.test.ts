// The commands against the real Asterisk, in plain mocha: the window and the settings are
// replaced (test/support/commandHarness.ts), the ServerManager, its sessions and Asterisk are
// real. Each test stands alone. What needs VS Code itself is in test/vscode.
import assert from 'node:assert/strict';
import type { SettledMove } from '../../src/model/moves/MoveTracker';
import { CommandHarness } from '../support/commandHarness';
import { until } from '../support/until';
import { UserAriApp } from './support/UserAriApp';
import { sandboxEnv, type SandboxEnv } from './support/sandbox';
import { uniqueApp } from './support/sessions';

describe('commands against the real Asterisk', () => {
  let env: SandboxEnv;
  let h: CommandHarness;
  before(async () => (env = await sandboxEnv()));
  beforeEach(() => (h = new CommandHarness()));
  afterEach(async () => {
    // Only the channels of our own apps: the model also shows other clients' apps on the shared sandbox.
    for (const server of h.manager.servers) {
      const session = server.session;
      for (const app of session?.ownership.owned ?? []) for (const channel of session!.model.channels.of(app)) await session!.rest.hangup(channel.id).catch(() => undefined);
    }
    await h.dispose();
  });

  /** Adds the sandbox as a server with these apps; resolves with its id once connected. */
  async function addSandbox(apps: string[]): Promise<string> {
    const added = await h.run<{ id: string; version: string }>('addServer', { name: 'sandbox', url: env.url, username: env.username, password: env.password, apps });
    assert.ok(added?.ok, JSON.stringify({ added, shown: h.ui.shown }));
    await until(() => h.manager.server(added.value.id)?.session?.status.state === 'connected', 'the server connected');
    return added.value.id;
  }

  const session = (id: string) => h.manager.server(id)!.session!;

  async function originateInto(serverId: string, app: string, args: string[] = []): Promise<string> {
    const result = await h.run<string>('originate', { serverId }, { endpoint: 'Local/100@default', app, args, callerId: '"Tester" <100>' });
    assert.ok(result?.ok, JSON.stringify(result));
    await until(() => session(serverId).model.channels.get(result.value)?.stasisApp === app, `the originated channel in ${app}`);
    return result.value;
  }

  it('Add Server with a wrong password: tested against Asterisk first, the 401 explained, nothing saved', async () => {
    const result = await h.run('addServer', { name: 'sandbox', url: env.url, username: env.username, password: 'wrong-password', apps: [] });
    assert.equal(result?.ok, false);
    const message = h.ui.last('error')!.message;
    assert.match(message, /rejected the username or password/);
    assert.ok(!message.includes('wrong-password'));
    assert.deepEqual(h.store.list(), []);
  });

  it('Add Server: shows the Asterisk version, keeps the password apart from the settings, and connects', async () => {
    const app = uniqueApp('cmd-add');
    const id = await addSandbox([app]);
    assert.match(h.ui.last('info')!.message, /Connected to Asterisk 22\.\d+\.\d+\S* at /);
    assert.ok(!JSON.stringify(h.store.list()).includes(env.password), 'the password is in the settings entry');
    assert.equal(await h.store.password(id), env.password);
    assert.ok(session(id).ownership.isOwned(app));
  });

  it('Register Application: a comma is refused; a new app is registered and its stasis-<app> context explained', async () => {
    const id = await addSandbox([]);
    const refused = await h.run('registerApp', { serverId: id }, 'bad,name');
    assert.equal(refused?.ok, false);
    assert.match(h.ui.last('error')!.message, /contains a comma/);
    const app = uniqueApp('cmd-reg');
    assert.ok((await h.run('registerApp', { serverId: id }, app))?.ok);
    assert.match(h.ui.last('info')!.message, new RegExp(`context=stasis-${app} now land in it`));
    assert.ok(session(id).ownership.isOwned(app));
  });

  it('Register Application of an app another client holds: warns about the takeover, Cancel leaves it alone, Take Over takes it', async () => {
    const id = await addSandbox([]);
    const theirs = uniqueApp('cmd-theirs');
    const other = await UserAriApp.start(env, [theirs], { answer: false });
    try {
      h.ui.answer(undefined);
      assert.equal(await h.run('registerApp', { serverId: id }, theirs), undefined);
      const warning = h.ui.last('warn')!;
      assert.ok(warning.modal);
      assert.match(warning.message, /takes it away from the client that holds it now.*ApplicationReplaced/);
      assert.ok(!session(id).ownership.isOwned(theirs));
      h.ui.answer('Take Over');
      assert.ok((await h.run('registerApp', { serverId: id }, theirs))?.ok);
      await until(() => other.events.some((e) => e.type === 'ApplicationReplaced'), 'ApplicationReplaced at the other client');
    } finally {
      await other.close();
    }
  });

  it('Move Channel through the palette prompts: pick the channel, pick the app, type the args', async () => {
    const [from, to] = [uniqueApp('cmd-from'), uniqueApp('cmd-to')];
    const id = await addSandbox([from, to]);
    const channelId = await originateInto(id, from);
    h.ui.answer((items) => items.find((i) => i.detail === channelId), to, 'back,again');
    const result = await h.run<SettledMove>('moveChannel');
    assert.ok(result?.ok, JSON.stringify(h.ui.shown));
    assert.deepEqual(result.value.outcome, { kind: 'moved', args: ['back', 'again'] });
    assert.match(h.ui.shown.find((s) => s.kind === 'input')!.message, /separated by commas/);
    assert.equal(session(id).model.channels.get(channelId)?.stasisApp, to);
  });

  it('Move Channel to an app nobody registered: a warning with Retry / Move Elsewhere… / Continue in Dialplan', async () => {
    const app = uniqueApp('cmd-stay');
    const id = await addSandbox([app]);
    const channelId = await originateInto(id, app);
    const missing = uniqueApp('cmd-nobody');
    const result = await h.run<SettledMove>('moveChannel', { serverId: id, channelId }, { app: missing, args: ['x'] });
    assert.ok(result?.ok);
    assert.deepEqual(result.value.outcome, { kind: 'failed', destination: missing, args: ['x'] });
    const warning = await h.ui.waitFor('warn', new RegExp(`to "${missing}" with args \\[x\\] failed`));
    assert.deepEqual(warning.actions, ['Retry', 'Move Elsewhere…', 'Continue in Dialplan']);
  });

  it('Originate Test Call with args and caller id; Copy Channel ID; Hang Up with a cause picked from every cause the spec allows', async () => {
    const app = uniqueApp('cmd-orig');
    const id = await addSandbox([app]);
    const channelId = await originateInto(id, app, ['demo']);
    assert.deepEqual(session(id).model.channels.get(channelId)?.args, ['demo']);
    assert.equal(session(id).model.channels.get(channelId)?.snapshot.caller.name, 'Tester');
    assert.ok((await h.run('copyChannelId', { serverId: id, channelId }))?.ok);
    assert.equal(h.ui.copied, channelId);
    h.ui.answer('busy');
    assert.ok((await h.run('hangupChannel', { serverId: id, channelId }))?.ok);
    const picker = h.ui.shown.filter((s) => s.kind === 'pick').pop()!;
    assert.equal(picker.actions.length, 13, `the causes offered: ${picker.actions.join(', ')}`);
    await until(() => !session(id).model.channels.get(channelId), 'the channel gone');
    const hungUp = session(id).journeys.of(channelId).find((s) => s.kind === 'hungUp');
    assert.equal(hungUp?.kind === 'hungUp' && hungUp.cause, 17, `hung up with "busy" (cause 17): ${JSON.stringify(session(id).journeys.of(channelId))}`);
  });
  it('Originate Test Call says what became of the call: it entered; refused while the app\'s socket is down; an app with no client hangs it up', async () => {
    const app = uniqueApp('cmd-fate');
    const id = await addSandbox([app]);
    h.ui.answer('Local/100@default', '', '');
    const entered = await h.run<string>('originate', { serverId: id, app });
    assert.ok(entered?.ok, JSON.stringify(h.ui.shown));
    assert.match(h.ui.shown.filter((s) => s.kind === 'info').pop()?.message ?? '', /entered "it-cmd-fate-/);

    // Our socket for the app drops: Asterisk would drop a call entering its Stasis() now. The
    // socket comes back within milliseconds, and may be back before the originate is asked: then
    // that call entered, and the drop is tried again.
    let refused: Awaited<ReturnType<typeof h.run>>;
    for (let attempt = 0; attempt < 5; attempt++) {
      await until(() => session(id).status.state === 'connected', 'connected before the drop');
      session(id).reconnect('test: drop the links');
      refused = await h.run<string>('originate', { serverId: id, app }, { endpoint: 'Local/100@default', args: [], callerId: '' });
      if (!refused?.ok) break;
      await session(id).rest.hangup(refused.value as string).catch(() => undefined);
    }
    assert.equal(refused?.ok, false, 'refused while the socket was down, in one of five drops');
    assert.match(refused && !refused.ok ? refused.message : '', /events socket of "it-cmd-fate-[^"]+" is not open .*would drop a call/);
    await until(() => session(id).status.state === 'connected', 'reconnected');

    // Another client's app whose client went away with a call inside: still listed, but no client.
    const theirs = uniqueApp('cmd-gone');
    const other = await UserAriApp.start(env, [theirs], { answer: false });
    const held = await session(id).rest.originate({ endpoint: 'Local/100@default', app: theirs });
    // A call left in an app no client holds would stay in every later test's model: always hung up.
    try {
      await until(() => session(id).model.channels.get(held.id)?.stasisApp === theirs, 'the held call in their app');
      await other.close();
      // Asterisk drops the client a moment after its socket closed here: until then a call still enters.
      let dropped: Awaited<ReturnType<typeof h.run>>;
      for (let attempt = 0; attempt < 5; attempt++) {
        dropped = await h.run<string>('originate', { serverId: id, app: theirs }, { endpoint: 'Local/100@default', args: [], callerId: '' });
        if (!dropped?.ok) break;
        await session(id).rest.hangup(dropped.value as string).catch(() => undefined);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      if (dropped === undefined) {
        // An earlier try's call could not enter after its command had answered: the extension knew, and asked first (the recording UI cancels).
        assert.match(h.ui.shown.filter((s) => s.kind === 'warn').pop()?.message ?? '', /has no client as far as Stasis Explorer can tell \(a call could not enter it/);
      } else {
        assert.equal(dropped?.ok, false, 'a call into it could not enter, in one of five tries');
        assert.match(!dropped.ok ? dropped.message : '', /could not enter "it-cmd-gone-[^"]+": Stasis\(\) failed \(no client holds the app\).*answered the originate with 200/);
      }
      // Now it is known: the next one is confirmed first (the recording UI cancels).
      const asked = await h.run('originate', { serverId: id, app: theirs }, { endpoint: 'Local/100@default', args: [], callerId: '' });
      assert.equal(asked, undefined);
      assert.match(h.ui.shown.filter((s) => s.kind === 'warn').pop()?.message ?? '', /has no client as far as Stasis Explorer can tell \(a call could not enter it/);
    } finally {
      await session(id).rest.hangup(held.id).catch(() => undefined);
      await other.close();
    }
  });
});
