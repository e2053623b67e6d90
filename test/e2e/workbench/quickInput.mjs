// The workbench's quick input, used like a user uses it: the command palette, quick picks, and
// code-server's file dialog (which is a quick input too).
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Runs a command through the command palette like a user: F1, type its title, Enter on the row
 * whose label is exactly that title (or on the first row when `exact: false`). When that row is
 * not the highlighted one it is clicked instead.
 */
export async function runCommand(page, title, { exact = true, timeoutMs = 15_000 } = {}) {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  const rows = widget.locator('.quick-input-list .monaco-list-row');
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 1; ; attempt++) {
    // A quick input left open (by a failed step, or the previous attempt) would swallow F1: close it.
    if (await widget.isVisible().catch(() => false)) {
      await page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: timeoutMs }).catch(() => {});
    }
    await page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: timeoutMs });
    await input.fill(`>${title}`);
    const row = exact
      ? rows.filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(title)}\\s*$`) }) }).first()
      : rows.first();
    // The palette lists the commands known when it opened: commands of extensions the remote host
    // is still registering come a moment later, so reopen it until the command is there.
    const found = await row.waitFor({ state: 'visible', timeout: Math.min(2000 * attempt, Math.max(500, deadline - Date.now())) }).then(() => true, () => false);
    if (found) {
      if (await row.evaluate((el) => el.classList.contains('focused')).catch(() => false)) await input.press('Enter');
      else await row.click();
      // Done when the palette closes, or turns into the command's own quick pick (same widget, new text).
      await settled(widget, input, `>${title}`, timeoutMs);
      return;
    }
    if (Date.now() >= deadline) {
      const seen = await rows.allInnerTexts().catch(() => []);
      await page.keyboard.press('Escape');
      throw new Error(`command "${title}" not in the palette after ${timeoutMs} ms (rows: ${seen.map((t) => t.replace(/\s+/g, ' ')).join(' | ') || 'none'})`);
    }
  }
}

async function settled(widget, input, typed, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await widget.isVisible().catch(() => false))) return;
    if ((await input.inputValue().catch(() => '')) !== typed) return;
    await sleep(50);
  }
}

/** Types into the open quick input (a prompt of ours) and accepts it. */
export async function answerInput(page, text) {
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(text);
  await page.keyboard.press('Enter');
}

/** Picks an item in an open quick pick by its label. */
export async function pickQuickItem(page, label, { timeoutMs = 15_000 } = {}) {
  const widget = page.locator('.quick-input-widget');
  await widget.locator('.quick-input-box input').waitFor({ state: 'visible', timeout: timeoutMs });
  await widget.locator('.quick-input-box input').fill(label);
  const row = widget
    .locator('.quick-input-list .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: timeoutMs });
  await row.click();
  await settled(widget, widget.locator('.quick-input-box input'), label, timeoutMs);
}

/** The labels of an open quick pick (e.g. after "Output: Show Output Channels..."). */
export async function quickPickLabels(page, { timeoutMs = 15_000 } = {}) {
  const rows = page.locator('.quick-input-widget .quick-input-list .monaco-list-row .label-name');
  await rows.first().waitFor({ state: 'visible', timeout: timeoutMs });
  return (await rows.allInnerTexts()).map((s) => s.trim());
}

/**
 * Answers the workbench's own file dialog (code-server has no native one: a quick input that
 * lists folders as you type). The dialog re-reads the folder on each keystroke and may still be
 * busy when Enter comes, so the answer is given again until the dialog closes.
 */
export async function answerFileDialog(page, file, { timeoutMs = 20_000 } = {}) {
  const widget = page.locator('.quick-input-widget');
  const input = widget.locator('.quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await input.fill(file);
    await sleep(400);
    if ((await input.inputValue().catch(() => '')) !== file) continue;
    await input.press('Enter');
    if (await widget.waitFor({ state: 'hidden', timeout: 2_000 }).then(() => true, () => false)) return;
  }
  throw new Error(`the file dialog did not take ${file} within ${timeoutMs} ms (it shows "${await input.inputValue().catch(() => '?')}")`);
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
