// Tracing a user's own ARI app, as a user does it, in a real VS Code 1.100.3 (code-server) in
// Chromium against the real Asterisk sandbox: Trace an App… from the server's context menu, the
// demo app of `npm start` pointed at the trace, its failed move notified, its REST calls in the
// Event Inspector's timeline. Screenshots go to test-results/.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'mocha';
import { answerInput, REPO, SANDBOX, sandboxEnv, screenshotIfFailed, startSandboxWorkbench, treeRow } from './workbench.mjs';

const env = sandboxEnv();
const CALLER = `E2E Traced ${process.pid}`;
// An app of this run's own: ari-example1/2 may still be held by the workbench of the file before,
// shutting down (and the demo app needs none of ours).
const OURS = `e2e-trace-${process.pid}`;

describe('e2e: tracing the demo app in the VS Code workbench', function () {
  this.timeout(180_000);
  let wb;
  let page;

  const row = (text) => treeRow(page, text);

  const answer = (text) => answerInput(page, text);

  before(async () => {
    wb = await startSandboxWorkbench({ apps: [OURS], settled: OURS, label: 'trace' });
    page = wb.page;
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, wb);
  });

  // sipp killed mid-call sends no BYE: hang up what the call left in Asterisk.
  after(async () => {
    await wb?.stop();
    const headers = { authorization: `Basic ${Buffer.from(`${env.ARI_USERNAME}:${env.ARI_PASSWORD}`).toString('base64')}` };
    const channels = await (await fetch(`${env.ARI_URL}/ari/channels`, { headers })).json();
    for (const c of channels.filter((c) => c.caller.name.startsWith('E2E Traced'))) await fetch(`${env.ARI_URL}/ari/channels/${encodeURIComponent(c.id)}`, { method: 'DELETE', headers });
  });

  it("traces the demo app from the tree: its failed move is notified with Show Journey, and its REST calls are in the inspector's timeline", async () => {
    const port = 18_000 + (process.pid % 1000) + 100;
    await page.locator('.monaco-list-row[aria-label^="ARI server sandbox,"]').click({ button: 'right' });
    const trace = page.locator('.context-view .action-label', { hasText: 'Trace an App…' });
    await trace.waitFor({ timeout: 10_000 });
    await wb.screenshot('e2e-trace-1-server-context-menu');
    await trace.hover();
    await trace.click();
    // A click that lands while the menu is still settling only focuses the item: Enter runs it
    // (only then: once the menu is gone, Enter would fold the tree's focused row).
    const prompt = page.locator('.quick-input-widget .quick-input-box input');
    const asked = await prompt.waitFor({ state: 'visible', timeout: 3_000 }).then(() => true, () => false);
    if (!asked && (await trace.isVisible().catch(() => false))) await page.keyboard.press('Enter');
    await answer(String(port));
    const url = `http://127.0.0.1:${port}`;
    await page.locator('.notifications-toasts', { hasText: `Tracing sandbox at ${url}` }).waitFor({ timeout: 15_000 });
    await row(`Trace at ${url}`).waitFor({ timeout: 15_000 });
    // The demo app of `npm start`, pointed at the trace; every call's first move goes to an app no one registered.
    const demo = spawn(process.execPath, [path.join(REPO, 'scripts/demo-app.mjs'), url, env.ARI_USERNAME, env.ARI_PASSWORD, '--fail-every', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let demoOutput = '';
    demo.stdout.on('data', (d) => (demoOutput += d));
    const carol = spawn('bash', [SANDBOX, 'call', '--to', 'carol', '--caller-name', `${CALLER}`, '--hold', '8', '--timeout', '60'], { stdio: 'ignore' });
    try {
      await row(/Trace at .*1 socket \(demo-ivr\)/).waitFor({ timeout: 15_000 });
      const notice = page.locator('.notifications-toasts .notification-toast', { hasText: /demo-ivr moved PJSIP\/carol-\w+ to ari-example3 with args nobody,home: failed/ });
      await notice.waitFor({ timeout: 30_000 }).catch((error) => {
        throw new Error(`${error.message}\ndemo app: ${demoOutput}`);
      });
      await notice.locator('.monaco-button', { hasText: 'Show Journey' }).waitFor();
      await wb.screenshot('e2e-trace-2-move-failed-notified');

      await wb.runCommand('ARI: Open Event Inspector');
      const frame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
      await frame.locator('#text').fill('');
      const move = frame.locator('.row.exchange', { hasText: /POST.*channels\/.*\/move\?app=ari-example3&appArgs=nobody,home.*→ 204/ }).first();
      await move.waitFor({ timeout: 15_000 });
      await frame.locator('.row.exchange', { hasText: /POST.*channels\/.*\/answer.*→ 204/ }).first().waitFor({ timeout: 5_000 });
      await move.click();
      await frame.locator('#detail', { hasText: 'ari-example3' }).waitFor({ timeout: 5_000 });
      const detail = await frame.locator('#detail').innerText();
      assert.ok(!detail.includes(env.ARI_PASSWORD) && !detail.includes(Buffer.from(`${env.ARI_USERNAME}:${env.ARI_PASSWORD}`).toString('base64')), 'no credentials in the detail view');
      await wb.screenshot('e2e-trace-3-exchanges-in-inspector');
    } finally {
      carol.kill();
      demo.kill();
      await wb.runCommand('ARI: Stop Tracing');
    }
  });
});
