// The commands' own logic in plain mocha, with the window and the settings replaced
// (test/support/commandHarness.ts): what they refuse, what they ask, what they save. Commands that
// need a real Asterisk are in test/integration/commands.test.ts; what needs VS Code itself (the
// tree view, SecretStorage, the log file, the inspector webview) in test/vscode.
import assert from 'node:assert/strict';
import { COMMAND_HANDLERS } from '../../src/ui/commands/commandHandlers';
import { CommandHarness } from '../support/commandHarness';

describe('commands (plain mocha, no Asterisk)', () => {
  let h: CommandHarness;
  beforeEach(() => (h = new CommandHarness()));
  afterEach(() => h.dispose());

  it('Add Server with a malformed URL: a message that says what to do, and nothing saved', async () => {
    const result = await h.run('addServer', { name: 'bad', url: '127.0.0.1:8088', username: 'asterisk', password: 'x', apps: [] });
    assert.equal(result?.ok, false);
    assert.match(h.ui.last('error')!.message, /no scheme\. Write it as http:\/\/127\.0\.0\.1:8088/);
    assert.deepEqual(h.store.list(), []);
    assert.match(h.log.lines.join('\n'), /\[error\] addServer: .*no scheme/);
  });

  it('Add Server with an app name holding a comma: refused, nothing saved', async () => {
    const result = await h.run('addServer', { name: 'bad', url: 'http://127.0.0.1:8088', username: 'asterisk', password: 'x', apps: ['a,b'] });
    assert.equal(result?.ok, false);
    assert.match(h.ui.last('error')!.message, /contains a comma/);
    assert.deepEqual(h.store.list(), []);
  });

  it('Add Server through the prompts validates as you type (an input refused by validateInput)', async () => {
    h.ui.answer('pbx-typed', 'ws://127.0.0.1:8088');
    const result = await h.run('addServer');
    assert.equal(result, undefined, 'cancelled, as the refused input is not taken');
    assert.match(h.ui.shown.find((s) => s.message.startsWith('validation:'))!.message, /WebSocket URL .*http:\/\/127\.0\.0\.1:8088/);
    assert.deepEqual(h.ui.shown.filter((s) => s.kind === 'input').map((s) => s.message), ['A short name for this Asterisk', "Address of Asterisk's HTTP server (http.conf), with its prefix if any"]);
    assert.deepEqual(h.store.list(), []);
  });

  it('Add Server refuses a name another server has', async () => {
    await h.store.save({ id: 'one', name: 'pbx1', url: 'http://127.0.0.1:1', username: 'u' }, 'p');
    const result = await h.run('addServer', { name: 'pbx1', url: 'http://127.0.0.1:2', username: 'u', password: 'p', apps: [] });
    assert.equal(result?.ok, false);
    assert.match(h.ui.last('error')!.message, /A server named "pbx1" exists already/);
    assert.equal(h.store.list().length, 1);
  });

  it('channel commands with no server connected say what to do', async () => {
    for (const command of ['answerChannel', 'moveChannel', 'hangupChannel', 'continueChannel', 'copyChannelId']) {
      const result = await h.run(command);
      assert.equal(result?.ok, false, command);
      assert.match(h.ui.last('error')!.message, /No ARI server is connected\. Connect one first/, command);
    }
  });

  it('Remove Server asks first: Cancel keeps it, Remove deletes the entry and its password', async () => {
    await h.store.save({ id: 'one', name: 'pbx1', url: 'http://127.0.0.1:1', username: 'u' }, 'secret');
    h.ui.answer(undefined);
    assert.equal(await h.run('removeServer', { serverId: 'one' }), undefined);
    assert.ok(h.ui.last('warn')!.modal);
    assert.equal(h.store.list().length, 1);
    h.ui.answer('Remove');
    assert.ok((await h.run('removeServer', { serverId: 'one' }))?.ok);
    assert.deepEqual(h.store.list(), []);
    assert.equal(await h.store.password('one'), undefined);
    assert.match(h.log.lines.join('\n'), /\[pbx1\] removed \(password deleted from secret storage\)/);
  });

  it('a command given an unknown server id says so', async () => {
    const result = await h.run('connect', { serverId: 'nope' });
    assert.equal(result?.ok, false);
    assert.match(h.ui.last('error')!.message, /No configured server has id "nope"/);
  });

  it('every command declared in package.json has a handler, and every handler is declared', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const declared = (require('../../../package.json') as { contributes: { commands: { command: string }[] } }).contributes.commands.map((c) => c.command.replace(/^stasisExplorer\./, ''));
    assert.deepEqual([...declared].sort(), Object.keys(COMMAND_HANDLERS).sort());
  });
});
