// The ARI console in a real VS Code: opened on the connected server, a request saved to a .http
// file (no credentials), and that file's "Send with Stasis Explorer" CodeLens sending it from the
// console to the real Asterisk. Runs after 2-calls.test.ts, on the same server.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import { buildOperationRequest } from '../../../src/ari/operationRequest';
import { saveToHttpFile } from '../../../src/ui/console/saveToHttpFile';
import { until } from '../../support/until';
import { run, session, suite, useSuite } from './support/suite';

describe('The ARI console in VS Code', function () {
  this.timeout(60_000);
  useSuite();

  it('Open Console on the connected server: a console panel for it', async () => {
    const result = await run<string>('openConsole', { serverId: suite.serverId });
    assert.ok(result?.ok, JSON.stringify(result));
    assert.ok(suite.api.console(), 'the console panel is open');
    const tab = await until(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label.startsWith('ARI Console: ')), 'the console tab', 10_000);
    assert.strictEqual(tab.label, `ARI Console: ${session().name}`);
  });

  it('Save to .http writes the REST Client format without credentials; its CodeLens sends the request from the console', async () => {
    const variable = `VSCODE_CONSOLE_${process.pid}`;
    const built = buildOperationRequest('asterisk.setGlobalVar', { variable, value: 'from .http' });
    const request = { operationId: 'asterisk.setGlobalVar', params: { variable, value: 'from .http' }, method: built.method, resource: built.resource, query: [...built.query] as [string, string][] };
    const file = vscode.Uri.file(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-http-')), 'requests.http'));
    suite.ui.saveTo = file;
    await saveToHttpFile(suite.ui, 'Set a global variable', request, { baseUrl: session().rest.baseUrl.toString(), username: suite.env.username });
    const text = fs.readFileSync(file.fsPath, 'utf8');
    assert.ok(text.includes(`@baseUrl = ${session().rest.baseUrl.toString()}/ari`), text);
    assert.ok(text.includes(`@user = ${suite.env.username}`), text);
    assert.ok(!text.includes(suite.env.password), 'no password in the file');
    assert.match(text, /POST \{\{baseUrl\}\}\/asterisk\/variable\?variable=VSCODE_CONSOLE_\d+&value=from\+\.http/);

    const lenses = await until(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', file);
      return found?.find((l) => l.command?.title === 'Send with Stasis Explorer');
    }, 'the CodeLens on the request', 10_000);
    assert.strictEqual(lenses.command?.command, 'stasisExplorer.sendHttpRequest');
    const result = await vscode.commands.executeCommand<{ ok: boolean; value?: string }>(lenses.command!.command, ...(lenses.command!.arguments ?? []));
    assert.deepStrictEqual(result, { ok: true, value: 'asterisk.setGlobalVar' });
    const value = await until(async () => {
      const read = await session().rest.call('asterisk.getGlobalVar', { variable });
      return read.value === 'from .http' ? read.value : undefined;
    }, 'the variable set on Asterisk', 10_000);
    assert.strictEqual(value, 'from .http');
  });
});
