// The Extensions view, read like a user reads it.
import { setTimeout as sleep } from 'node:timers/promises';
import { runCommand } from './quickInput.mjs';

/**
 * Opens the Extensions view filtered to `query` (default `@installed`) and returns the names of
 * the listed extensions; with `expect`, waits until that name is among them (throws if never).
 */
export async function listExtensions(page, query = '@installed', { expect, timeoutMs = 30_000 } = {}) {
  await runCommand(page, 'View: Show Extensions', { timeoutMs });
  const viewlet = page.locator('.extensions-viewlet');
  const search = viewlet.locator('.suggest-input-container .monaco-editor').first();
  await search.waitFor({ state: 'visible', timeout: timeoutMs });
  await search.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(query);
  await page.keyboard.press('Enter');
  // The list fills in after the query resolves (offline, after the gallery look-up fails).
  const names = viewlet.locator('.extension-list-item .name');
  const deadline = Date.now() + timeoutMs;
  let seen = [];
  while (Date.now() < deadline) {
    seen = (await names.allInnerTexts().catch(() => [])).map((s) => s.trim()).filter(Boolean);
    if (seen.length && (!expect || seen.includes(expect))) return seen;
    await sleep(250);
  }
  if (expect) throw new Error(`"${expect}" not listed for ${query} in the Extensions view (listed: ${seen.join(', ') || 'nothing'})`);
  return seen;
}
