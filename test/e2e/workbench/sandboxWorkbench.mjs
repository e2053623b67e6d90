// A workbench whose Stasis Explorer has the sandbox as its one server, as the tree's e2e tests
// start it: the password handed over as `npm start` does, the view shown, the server connected.
import { sandboxEnv } from './sandboxEnv.mjs';
import { startWorkbench } from './session.mjs';

/** A row of the tree (or of any list) by its text. */
export function treeRow(page, text) {
  return page.locator('.monaco-list-row', { hasText: text }).first();
}

/**
 * Starts the workbench with the sandbox registering `apps`, and waits until the server is
 * connected and the row `settled` shows (the tree settled: a click aimed at a row while rows
 * still come may land on another one). A failure here gets a screenshot named after `label`.
 */
export async function startSandboxWorkbench({ apps, settled, label }) {
  const env = sandboxEnv();
  const wb = await startWorkbench({
    settings: { 'stasisExplorer.servers': [{ id: 'sandbox', name: 'sandbox', url: env.ARI_URL, username: env.ARI_USERNAME, apps }] },
    env: { STASIS_EXPLORER_PASSWORDS: JSON.stringify({ sandbox: env.ARI_PASSWORD }) },
  });
  try {
    await wb.page.locator('.activitybar [aria-label^="Stasis Explorer"]').first().click({ timeout: 30_000 });
    await treeRow(wb.page, /sandbox.*connected · Asterisk 22\./).waitFor({ timeout: 60_000 });
    await treeRow(wb.page, settled).waitFor({ timeout: 45_000 });
  } catch (error) {
    // A hook's failure gets no screenshot from afterEach.
    const file = await wb.screenshot(`e2e-${label}-failure-start`).catch(() => null);
    throw new Error(`${error.message}${file ? `\n      screenshot: ${file}` : ''}`);
  }
  return wb;
}

/** For afterEach: a screenshot of the workbench when the test failed, its path printed. */
export async function screenshotIfFailed(test, wb) {
  if (test?.state !== 'failed' || !wb) return;
  const file = await wb.screenshot(`e2e-failure-${test.title}`).catch(() => null);
  if (file) console.log(`      screenshot: ${file}`);
}
