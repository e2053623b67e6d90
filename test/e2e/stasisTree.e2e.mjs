// Stasis Explorer as a user drives it, in a real VS Code 1.100.3 (code-server) in Chromium, against
// the real Asterisk sandbox: add the server from the welcome view, watch a real SIP call appear
// in the tree, move it with the channel's context menu. Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import WebSocket from 'ws';
import { answerInput, SANDBOX, sandboxEnv, startWorkbench, waitForWorkbench } from './workbench.mjs';

const env = sandboxEnv();
const CALLER = `E2E Caller ${process.pid}`;
const auth = `Basic ${Buffer.from(`${env.ARI_USERNAME}:${env.ARI_PASSWORD}`).toString('base64')}`;

describe('e2e: the Stasis tree in the VS Code workbench', function () {
  this.timeout(180_000);
  let wb;
  let page;
  let call;

  const row = (text) => page.locator('.monaco-list-row', { hasText: text }).first();

  /** Types into the open quick input and accepts it, then lets the next prompt come. */
  async function answer(text) {
    await answerInput(page, text);
    await page.waitForTimeout(150);
  }

  /** sipp killed mid-call sends no BYE: hang up whatever an earlier run of this file left behind. */
  async function hangUpOurCalls() {
    const channels = await (await fetch(`${env.ARI_URL}/ari/channels`, { headers: { authorization: auth } })).json();
    for (const c of channels.filter((c) => c.caller.name.startsWith('E2E Caller'))) {
      await fetch(`${env.ARI_URL}/ari/channels/${encodeURIComponent(c.id)}`, { method: 'DELETE', headers: { authorization: auth } });
    }
  }

  async function setVariableOnOurCall(variable, value) {
    const channels = await (await fetch(`${env.ARI_URL}/ari/channels`, { headers: { authorization: auth } })).json();
    const ours = channels.find((c) => c.caller.name === CALLER);
    assert.ok(ours, 'our call is still up');
    const url = `${env.ARI_URL}/ari/channels/${encodeURIComponent(ours.id)}/variable?variable=${variable}&value=${encodeURIComponent(value)}`;
    assert.equal((await fetch(url, { method: 'POST', headers: { authorization: auth } })).status, 204);
  }

  async function waitForFile(file, timeoutMs = 10_000) {
    const deadline = Date.now() + timeoutMs;
    while (!fs.existsSync(file) || fs.statSync(file).size === 0) {
      if (Date.now() > deadline) throw new Error(`${file} was not written within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  before(async () => {
    await hangUpOurCalls();
    wb = await startWorkbench();
    page = wb.page;
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      const file = await wb.screenshot(`e2e-failure-${this.currentTest.title}`).catch(() => null);
      if (file) console.log(`      screenshot: ${file}`);
    }
  });

  after(async () => {
    await hangUpOurCalls();
    call?.kill();
    await wb?.stop();
  });

  it('adds the sandbox from the welcome view: five prompts, then the server is connected in the tree', async () => {
    await page.locator('.activitybar [aria-label^="Stasis Explorer"]').first().click();
    const add = page.locator('.welcome-view-content .monaco-button', { hasText: 'Add ARI Server' });
    await add.waitFor({ state: 'visible', timeout: 20_000 });
    await wb.screenshot('e2e-1-welcome-view');
    await add.click();
    await answer('sandbox');
    await answer(env.ARI_URL);
    await answer(env.ARI_USERNAME);
    await answer(env.ARI_PASSWORD);
    await answer('ari-example1, ari-example2');
    await page.locator('.notifications-toasts', { hasText: /Connected to Asterisk 22\./ }).waitFor({ timeout: 20_000 });
    await row(/sandbox.*connected · Asterisk 22\./).waitFor({ timeout: 20_000 });
    await row('ari-example1').waitFor();
    await row('ari-example2').waitFor();
    await wb.screenshot('e2e-1-server-connected');
  });

  it('shows a real SIP call under its app with the caller name', async () => {
    call = spawn('bash', [SANDBOX, 'call', '--to', 'alice', '--caller-name', CALLER, '--hold', '2', '--timeout', '120'], { stdio: 'ignore' });
    const channel = row(new RegExp(`PJSIP/alice-.*${CALLER}`));
    await channel.waitFor({ timeout: 30_000 });
    const label = await channel.getAttribute('aria-label');
    assert.match(label ?? '', new RegExp(`^Channel PJSIP/alice-\\w+, ${CALLER} <1000> · Ring`));
    await wb.screenshot('e2e-2-call-in-tree');
  });

  it('moves the channel with the context menu: Move Channel…, pick the app, type args; it shows under the new app, and the log says so', async () => {
    const channel = row(new RegExp(`PJSIP/alice-.*${CALLER}`));
    await channel.click({ button: 'right' });
    const menuItem = page.locator('.context-view .action-label', { hasText: 'Move Channel…' });
    await menuItem.waitFor({ timeout: 10_000 });
    await wb.screenshot('e2e-3-context-menu');
    await menuItem.click();
    // Wait for the destination list itself before choosing: typing into a quick input that is
    // still being replaced is lost.
    const destination = page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: /^\s*ari-example2\s*$/ }) });
    await destination.waitFor({ state: 'visible', timeout: 15_000 });
    await destination.click();
    await answer('some,example,args');

    // The tree: the channel now sits under ari-example2 (the row after the ari-example2 row).
    await page.waitForFunction((caller) => {
      // eslint-disable-next-line no-undef -- runs in the page
      const labels = [...document.querySelectorAll('.monaco-list-row')].map((r) => r.getAttribute('aria-label') ?? '');
      const app2 = labels.findIndex((l) => l.startsWith('Application ari-example2,'));
      const ch = labels.findIndex((l) => l.includes(caller));
      // Inside ari-example2's block: after its row, before the next application's.
      const next = labels.findIndex((l, i) => i > app2 && l.startsWith('Application '));
      return app2 >= 0 && ch > app2 && (next < 0 || ch < next);
    }, CALLER, { timeout: 20_000, polling: 250 }).catch(async (error) => {
      const labels = await page.locator('.monaco-list-row').evaluateAll((rs) => rs.map((r) => r.getAttribute('aria-label')));
      throw new Error(`${error.message}\nrows: ${JSON.stringify(labels)}`);
    });
    await wb.screenshot('e2e-3-moved');

    await wb.listOutputChannels({ expect: 'Stasis Explorer' });
    await wb.pickQuickItem('Stasis Explorer');
    // The panel renders what fits on screen; the whole line is checked in the log file below.
    const text = await wb.waitForOutput(/\[info\] \[sandbox\] move of "PJSIP\/alice-\w+" \([\d.]+\) to "ari-example2"/);
    assert.ok(!/FAILED/.test(text));
    await wb.screenshot('e2e-3-output-line');
    const log = fs.readFileSync(wb.extensionLogs()[0], 'utf8');
    assert.match(log, /\[info\] \[sandbox\] move of .* to "ari-example2" with args \["some","example","args"\]: moved \(StasisEnd in "ari-example1", StasisStart in "ari-example2"\)/);
  });

  it('the Event Inspector shows the call\'s events live; a type filter, a payload tree, and the moved channel\'s journey', async () => {
    await wb.runCommand('ARI: Open Event Inspector');
    const frame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await frame.locator('.row').first().waitFor({ timeout: 20_000 });
    await frame.locator('.row .type', { hasText: 'StasisStart' }).first().waitFor({ timeout: 20_000 });
    await wb.screenshot('e2e-4-inspector');

    await frame.locator('#types').selectOption(['StasisStart']);
    await page.waitForTimeout(300);
    const typesShown = await frame.locator('.row .type').allInnerTexts();
    assert.ok(typesShown.length > 0 && typesShown.every((t) => t === 'StasisStart'), `types after filtering: ${typesShown.join(', ')}`);

    const ours = frame.locator('.row', { hasText: 'ari-example2' }).filter({ hasText: 'StasisStart' }).first();
    await ours.click();
    await frame.locator('#detail h2', { hasText: 'StasisStart' }).waitFor();
    const keys = await frame.locator('#detail .json-row .key').allInnerTexts();
    assert.ok(keys.includes('channel') && keys.includes('args'), `payload keys: ${keys.join(', ')}`);
    await frame.locator('#detail .json-row', { hasText: 'args' }).locator('.twisty').click();
    await frame.locator('#detail .json-row .value', { hasText: '"some"' }).waitFor();
    await wb.screenshot('e2e-4-payload');

    await frame.locator('#detail button', { hasText: 'Channel Journey' }).click();
    const journey = frame.locator('.journey');
    await journey.waitFor({ timeout: 10_000 });
    const steps = await journey.locator('li').allInnerTexts();
    assert.ok(steps.some((step) => /entered ari-example1/.test(step)), steps.join(' | '));
    assert.ok(steps.some((step) => /moved ari-example1 → ari-example2 \[some, example, args\]/.test(step)), steps.join(' | '));
    await wb.screenshot('e2e-4-journey');
  });

  it('the inspector works from the keyboard, and keeps its filter when hidden and shown again', async () => {
    const frame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await frame.locator('.journey button', { hasText: 'Close journey' }).click();
    await frame.locator('#channel').fill('');
    await frame.locator('#types').selectOption([]);
    await frame.locator('.row').nth(1).waitFor();
    await frame.locator('.row').first().click();
    const first = await frame.locator('#detail h2').innerText();
    await frame.locator('#list').press('ArrowDown');
    await frame.locator('#detail h2', { hasNotText: first }).waitFor({ timeout: 5_000 });
    await frame.locator('#list').press('/');
    await page.waitForTimeout(200);
    const focused = await frame.locator('#text').evaluate((input) => input === input.ownerDocument.activeElement);
    assert.ok(focused, '"/" moves focus to the search box');
    await frame.locator('#text').fill('ari-example2');
    await frame.locator('#count', { hasText: /^\d+ of/ }).waitFor();

    await wb.runCommand('View: Toggle Output');
    await wb.runCommand('File: New Untitled Text File');
    await page.waitForTimeout(500);
    await page.locator('.tab', { hasText: 'ARI Event Inspector' }).click();
    await frame.locator('#text').waitFor({ timeout: 15_000 });
    assert.equal(await frame.locator('#text').inputValue(), 'ari-example2', 'the search survives hide and show');
    await wb.screenshot('e2e-5-inspector-restored');
  });

  it('export then import through the file dialogs gives the same events; Back to Live leaves the capture', async () => {
    const frame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-e2e-capture-'));
    const exported = path.join(dir, 'capture.ndjson');
    const again = path.join(dir, 'capture-again.ndjson');

    // Every event of the call names its channel: the whole call, StasisStart to the move.
    await frame.locator('#text').fill('alice');
    await page.waitForTimeout(300);
    const shown = Number(/^(\d+) of/.exec(await frame.locator('#count').innerText())?.[1]);
    await frame.locator('#export').click();
    await wb.answerFileDialog(exported);
    await waitForFile(exported);
    const lines = fs.readFileSync(exported, 'utf8').trim().split('\n');
    assert.ok(shown >= 3 && lines.length === shown, `the inspector showed ${shown} events, the file has ${lines.length}`);
    assert.ok(lines.every((l) => JSON.parse(l).event.type), 'every line is an event');
    assert.ok(lines.every((l) => l.includes('alice')), 'the export holds what the search "alice" keeps');
    assert.ok(lines.some((l) => JSON.parse(l).event.type === 'StasisEnd') && lines.some((l) => /"args":\["some","example","args"\]/.test(l)), 'the move is in the capture');

    await frame.locator('#import').click();
    await wb.answerFileDialog(exported);
    await frame.locator('#source-name', { hasText: 'capture.ndjson' }).waitFor({ timeout: 15_000 });
    await frame.locator('#count', { hasText: new RegExp(`^${lines.length} of ${lines.length} events`) }).waitFor({ timeout: 5_000 });
    await wb.screenshot('e2e-6-capture');

    // The capture, exported again, is the same events.
    await frame.locator('#export').click();
    await wb.answerFileDialog(again);
    await waitForFile(again);
    assert.deepEqual(fs.readFileSync(again, 'utf8').trim().split('\n').map((l) => JSON.parse(l)), lines.map((l) => JSON.parse(l)));

    await frame.locator('#live').click();
    await frame.locator('#source').waitFor({ state: 'hidden', timeout: 5_000 });
    assert.equal(await frame.locator('#follow').isDisabled(), false, 'follow works again on the live events');
  });

  it('after a window reload the inspector comes back with its search', async () => {
    // As a user reloads: the command lets the workbench save its state first (a bare page reload may not).
    const reloaded = page.waitForEvent('load', { timeout: 30_000 });
    await wb.runCommand('Developer: Reload Window');
    await reloaded;
    await waitForWorkbench(page, { userDataDir: wb.userDataDir });
    const frame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await frame.locator('#text').waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('#text').inputValue(), 'alice', 'the search survives a reload');
    // The events come again from the extension's logs (after the reload: from the reconnect on).
    await frame.locator('#count', { hasText: /^\d+ of \d+ events/ }).waitFor({ timeout: 15_000 });
    await wb.screenshot('e2e-7-inspector-reloaded');
  });

  it('the inspector in the high-contrast theme: its colours come from the theme', async () => {
    await wb.runCommand('Preferences: Color Theme');
    await wb.pickQuickItem('Dark High Contrast');
    const frame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
    await frame.locator('body.vscode-high-contrast').waitFor({ timeout: 15_000 });
    await frame.locator('#text').fill('');
    // The reload restarted the extension with an empty log: make the held call say something.
    await setVariableOnOurCall('E2E_THEME', 'high-contrast');
    await frame.locator('.row .type', { hasText: 'ChannelVarset' }).first().click({ timeout: 15_000 });
    const look = await frame.locator('.row.selected').evaluate((row) => {
      const view = row.ownerDocument.defaultView;
      const style = view.getComputedStyle(row);
      const body = view.getComputedStyle(row.ownerDocument.body);
      return { outline: style.outlineStyle, outlineColor: style.outlineColor, border: body.getPropertyValue('--vscode-contrastActiveBorder').trim(), background: body.backgroundColor };
    });
    assert.equal(look.outline, 'solid', JSON.stringify(look));
    assert.ok(look.border, `the theme gives contrastActiveBorder: ${JSON.stringify(look)}`);
    assert.equal(look.background, 'rgb(0, 0, 0)', 'the dark high-contrast background');
    const glyph = await frame.locator('#export .codicon').evaluate((node) => node.ownerDocument.defaultView.getComputedStyle(node, '::before').fontFamily);
    assert.match(glyph, /codicon/, 'buttons show codicons');
    await wb.screenshot('e2e-8-inspector-high-contrast');
  });

  it("a call into an app another client registered appears in the tree live, without Refresh, and nothing is taken from that client", async () => {
    // The other client is a user's own app: a plain ws socket for its events, fetch for REST.
    const theirs = `e2e-theirs-${process.pid}`;
    const socket = new WebSocket(`${env.ARI_URL.replace(/^http/, 'ws')}/ari/events?app=${theirs}`, { headers: { authorization: auth } });
    const received = [];
    socket.on('message', (data) => received.push(JSON.parse(String(data)).type));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    const channelId = `e2e-theirs-call-${process.pid}`;
    try {
      const originated = await fetch(`${env.ARI_URL}/ari/channels?endpoint=Local/100@default&app=${theirs}&channelId=${channelId}`, { method: 'POST', headers: { authorization: auth } });
      assert.equal(originated.status, 200);
      // The call rings first ("not in Stasis yet"), then enters its Stasis(): both live.
      await page.locator(`.monaco-list-row[aria-label^="Application ${theirs}, 1 in Stasis · another client's · live"]`).waitFor({ timeout: 15_000 });
      await page.locator('.monaco-list-row[aria-label*="Channel Local/100@default-"][aria-label*=";1,"]').first().waitFor({ timeout: 15_000 });
      await wb.screenshot('e2e-9-another-clients-app-live');
      assert.ok(received.includes('StasisStart') && !received.includes('ApplicationReplaced'), `the other client kept its app: ${received.join(', ')}`);
    } finally {
      await fetch(`${env.ARI_URL}/ari/channels/${channelId}`, { method: 'DELETE', headers: { authorization: auth } });
      socket.close();
    }
  });
});
