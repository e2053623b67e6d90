// The ARI console as a user drives it, in a real VS Code 1.100.3 (code-server) in Chromium
// against the real Asterisk sandbox: a real SIP call (alice lands in ari-example1), "Run
// Operation…" on its row, Move picked, the app filled from the completion list, sent: 204 and the
// StasisStart it caused, linked; then the move back copied as curl and run in a shell, and the
// call is back in ari-example1. The screenshot of the console is the README's
// (STASIS_README_SCREENSHOTS=1 writes it to docs/images/ too).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { REPO, SANDBOX, sandboxEnv, screenshotIfFailed, startSandboxWorkbench, treeRow } from './workbench.mjs';

const env = sandboxEnv();
const CALLER = `E2E Console ${process.pid}`;
const headers = { authorization: `Basic ${Buffer.from(`${env.ARI_USERNAME}:${env.ARI_PASSWORD}`).toString('base64')}` };
const ari = async (method, p) => {
  const response = await fetch(`${env.ARI_URL}/ari${p}`, { method, headers });
  return response.status === 204 ? undefined : response.json().catch(() => undefined);
};

/** Runs a shell snippet as a user pastes it; curl, given `-u user` and no terminal, reads the password from stdin. */
function runInShell(snippet, stdin) {
  return new Promise((resolve) => {
    const child = spawn('setsid', ['-w', 'bash', '-c', snippet], { stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
    child.stdin.end(stdin);
  });
}

describe('e2e: the ARI console, from a channel of the tree', function () {
  this.timeout(180_000);
  let wb;
  let page;
  let call;

  const row = (text) => treeRow(page, text);
  const consoleFrame = () => page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');

  before(async () => {
    // A workbench of the run before may still be letting ari-example1/2 go.
    wb = await startSandboxWorkbench({ apps: ['ari-example1', 'ari-example2'], settled: 'ari-example2', label: 'console' });
    page = wb.page;
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, wb);
  });

  after(async () => {
    call?.kill();
    await wb?.stop();
    for (const c of (await ari('GET', '/channels')) ?? []) if (c.caller.name === CALLER) await ari('DELETE', `/channels/${encodeURIComponent(c.id)}`);
  });

  it('moves a call with Run Operation…, sees 204 and the StasisStart it caused, and runs the move back copied as curl', async () => {
    call = spawn('bash', [SANDBOX, 'call', '--to', 'alice', '--caller-name', CALLER, '--hold', '90', '--timeout', '120'], { stdio: 'ignore' });
    const alice = row(/PJSIP\/alice-/);
    await alice.waitFor({ timeout: 30_000 });
    const channelId = ((await ari('GET', '/channels')) ?? []).find((c) => c.caller.name === CALLER)?.id;
    assert.ok(channelId, 'the call is on Asterisk');

    await alice.click({ button: 'right' });
    const item = page.locator('.context-view .action-label', { hasText: 'Run Operation…' }).first();
    await item.waitFor({ timeout: 10_000 });
    await item.hover();
    await item.click();
    const frame = consoleFrame();
    await frame.locator('#source', { hasText: "109 operations from the server's own spec" }).waitFor({ timeout: 20_000 });
    assert.equal(await frame.locator('#search').inputValue(), 'channels.');

    await frame.locator('.op[data-operation="channels.move"]').click();
    assert.equal(await frame.locator('#field-channelId').inputValue(), channelId, 'the channel id is filled in from the tree');
    await frame.locator('#field-app').click();
    await frame.locator('.field[data-field="app"] .suggestion[data-value="ari-example2"]').click();
    assert.equal(await frame.locator('#field-app').inputValue(), 'ari-example2');
    await frame.locator('#uri', { hasText: `/ari/channels/${encodeURIComponent(channelId)}/move?app=ari-example2` }).waitFor({ timeout: 5_000 });
    await frame.locator('#send').click();
    await frame.locator('.status-line[data-status="204"]').waitFor({ timeout: 10_000 });
    await frame.locator('.caused li[data-type="StasisStart"]', { hasText: 'ari-example2' }).waitFor({ timeout: 10_000 });
    await frame.locator('.caused li[data-type="StasisStart"]').first().click();
    await frame.locator('.caused .json-row', { hasText: 'ari-example2' }).first().waitFor({ timeout: 5_000 });
    await row(/ari-example2.*1 in Stasis/).waitFor({ timeout: 10_000 });
    const shot = await wb.screenshot('ari-console');
    if (process.env.STASIS_README_SCREENSHOTS) fs.copyFileSync(shot, path.join(REPO, 'docs', 'images', 'ari-console.png'));
    await frame.locator('#history-list li', { hasText: 'channels.move' }).waitFor({ timeout: 5_000 });

    // The move back, as curl: copied, pasted into a shell, and it does what the console would.
    await frame.locator('#field-app').fill('ari-example1');
    await frame.locator('#copy-as').selectOption('curl');
    const snippet = await frame.locator('#snippet-text').innerText({ timeout: 10_000 });
    assert.match(snippet, new RegExp(`^curl -u '${env.ARI_USERNAME}' -X POST '${env.ARI_URL}/ari/channels/.*/move\\?app=ari-example1'$`));
    assert.ok(!snippet.includes(env.ARI_PASSWORD), 'no password in the snippet');
    const ran = await runInShell(snippet, `${env.ARI_PASSWORD}\n`);
    assert.equal(ran.code, 0, ran.output);
    await row(/ari-example1.*1 in Stasis/).waitFor({ timeout: 10_000 });
    const app = await ari('GET', '/applications/ari-example1');
    assert.ok(app?.channel_ids?.includes(channelId), `Asterisk has the call in ari-example1 again: ${JSON.stringify(app?.channel_ids)}`);
  });
});
