// Bridges and media as a user drives them, in a real VS Code 1.100.3 (code-server) in Chromium
// against the real Asterisk sandbox: two real SIP calls (alice lands in ari-example1, bob in
// ari-example2) dragged onto a bridge made with Create Bridge…, a prompt played on the bridge,
// the bridge recorded, and the recording listed for playing back. Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, afterEach, before, describe, it } from 'mocha';
import { answerInput, pickQuickItem, quickPickLabels, SANDBOX, sandboxEnv, screenshotIfFailed, startSandboxWorkbench, treeRow } from './workbench.mjs';

const env = sandboxEnv();
const CALLER = `E2E Bridged ${process.pid}`;
const BRIDGE = `e2e bridge ${process.pid}`;
const RECORDING = `stasis-e2e/bridge-${process.pid}`;
const headers = { authorization: `Basic ${Buffer.from(`${env.ARI_USERNAME}:${env.ARI_PASSWORD}`).toString('base64')}` };
const ari = async (method, path) => {
  const response = await fetch(`${env.ARI_URL}/ari${path}`, { method, headers });
  return response.status === 204 ? undefined : response.json().catch(() => undefined);
};

describe('e2e: bridging two calls by drag and drop, with a prompt and a recording', function () {
  this.timeout(180_000);
  let wb;
  let page;
  const calls = [];

  const row = (text) => treeRow(page, text);

  before(async () => {
    // A workbench of the run before may still be letting ari-example1/2 go.
    wb = await startSandboxWorkbench({ apps: ['ari-example1', 'ari-example2'], settled: 'ari-example2', label: 'bridges' });
    page = wb.page;
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, wb);
  });

  after(async () => {
    for (const call of calls) call.kill();
    await wb?.stop();
    for (const bridge of (await ari('GET', '/bridges')) ?? []) if (bridge.name === BRIDGE) await ari('DELETE', `/bridges/${bridge.id}`);
    for (const c of (await ari('GET', '/channels')) ?? []) if (c.caller.name === CALLER) await ari('DELETE', `/channels/${encodeURIComponent(c.id)}`);
    await ari('DELETE', `/recordings/stored/${encodeURIComponent(RECORDING)}`);
  });

  /** Right-click on a row, then the item of its context menu (a click on a settling menu only focuses it: Enter runs it). */
  async function contextCommand(target, label) {
    await target.click({ button: 'right' });
    const item = page.locator('.context-view .action-label', { hasText: label }).first();
    await item.waitFor({ timeout: 10_000 });
    await item.hover();
    await item.click();
    const opened = await page.locator('.quick-input-widget .quick-input-box input').waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false);
    if (!opened && (await item.isVisible().catch(() => false))) await page.keyboard.press('Enter');
  }

  /** A drag with the mouse, as a user makes it: press, a first small move (which starts the drag), then to the target and release. */
  async function drag(from, to) {
    const a = await from.boundingBox();
    const b = await to.boundingBox();
    await page.mouse.move(a.x + 40, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + 50, a.y + a.height / 2 + 4, { steps: 4 });
    await page.mouse.move(b.x + 40, b.y + b.height / 2, { steps: 12 });
    await page.mouse.up();
  }

  it('two SIP calls dragged onto a new bridge, a prompt played on it, and a recording of it made and listed', async () => {
    // One call after the other: two sandbox calls started at once can race for sipp's local port.
    const call = (to) => calls.push(spawn('bash', [SANDBOX, 'call', '--to', to, '--caller-name', CALLER, '--hold', '90', '--timeout', '120'], { stdio: 'ignore' }));
    const alice = row(/PJSIP\/alice-/);
    const bob = row(/PJSIP\/bob-/);
    call('alice');
    await alice.waitFor({ timeout: 30_000 });
    call('bob');
    await bob.waitFor({ timeout: 30_000 });
    // Answered, as the apps of these calls would: a bridge of ringing calls carries no sound.
    for (const c of (await ari('GET', '/channels')) ?? []) if (c.caller.name === CALLER) await ari('POST', `/channels/${encodeURIComponent(c.id)}/answer`);
    await row(/PJSIP\/bob-.*Up/).waitFor({ timeout: 15_000 });

    await contextCommand(row(/^ari-example1/), 'Create Bridge…');
    // The types come ticked as they default (mixing): accepting takes them.
    await page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: 'mixing' }).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('Enter');
    await answerInput(page, BRIDGE);
    const bridge = row(BRIDGE);
    await bridge.waitFor({ timeout: 15_000 });
    await wb.screenshot('e2e-bridges-1-created');

    await drag(alice, bridge);
    await row(new RegExp(`${BRIDGE}.*1 channel`)).waitFor({ timeout: 15_000 });
    await drag(bob, bridge);
    await row(new RegExp(`${BRIDGE}.*2 channels`)).waitFor({ timeout: 15_000 });
    await wb.screenshot('e2e-bridges-2-two-calls-bridged');
    const listed = ((await ari('GET', '/bridges')) ?? []).find((b) => b.name === BRIDGE);
    assert.equal(listed?.channels.length, 2, 'Asterisk has both calls in the bridge');

    await contextCommand(bridge, 'Play Media…');
    await pickQuickItem(page, 'Sound…');
    await pickQuickItem(page, 'demo-congrats');
    await row(new RegExp(`${BRIDGE}.*▶ sound:demo-congrats`)).waitFor({ timeout: 15_000 });
    await wb.screenshot('e2e-bridges-3-prompt-on-bridge');

    await contextCommand(bridge, 'Record…');
    await answerInput(page, RECORDING);
    await pickQuickItem(page, 'wav');
    await answerInput(page, '0');
    await pickQuickItem(page, 'none');
    await pickQuickItem(page, 'No beep');
    await row(new RegExp(`${BRIDGE}.*● recording ${RECORDING}`)).waitFor({ timeout: 15_000 });
    await sleep(2_000);
    await contextCommand(row(BRIDGE), 'Stop Recording');
    await row(new RegExp(`${BRIDGE}.*● recording`)).waitFor({ state: 'detached', timeout: 15_000 });
    await contextCommand(row(BRIDGE), 'Play Media…');
    await pickQuickItem(page, 'Recording…');
    const recordings = await quickPickLabels(page);
    assert.ok(recordings.includes(RECORDING), `the new recording is listed to play: ${recordings.join(', ')}`);
    await wb.screenshot('e2e-bridges-4-recording-listed');
    await page.keyboard.press('Escape');
  });
});
