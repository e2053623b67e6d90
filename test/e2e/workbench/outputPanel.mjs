// The Output panel: choosing a channel and reading what it shows.
import { setTimeout as sleep } from 'node:timers/promises';
import { pickQuickItem, quickPickLabels, runCommand } from './quickInput.mjs';

/**
 * Opens "Output: Show Output Channels..." and returns the channel names it shows, leaving the pick
 * open (the list is virtual: only the rows on screen are seen). With `expect`, types that name as
 * the filter, and reopens the pick until it is listed: a channel an extension has just created
 * reaches the workbench a moment later.
 */
export async function listOutputChannels(page, { expect, timeoutMs = 20_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await runCommand(page, 'Output: Show Output Channels...', { timeoutMs });
    if (expect) await page.locator('.quick-input-widget .quick-input-box input').fill(expect);
    const labels = await quickPickLabels(page, { timeoutMs }).catch(() => []);
    if (!expect || labels.includes(expect)) return labels;
    if (Date.now() > deadline) throw new Error(`no Output channel "${expect}" (channels: ${labels.join(', ')})`);
    await page.keyboard.press('Escape');
    await sleep(500);
  }
}

/** Opens the Output panel on a channel, through "Output: Show Output Channels...". */
export async function showOutputChannel(page, channel, { timeoutMs = 20_000 } = {}) {
  await listOutputChannels(page, { expect: channel, timeoutMs });
  await pickQuickItem(page, channel, { timeoutMs });
  await page.locator('.part.panel .output-view .monaco-editor').first().waitFor({ state: 'visible', timeout: timeoutMs });
}

/**
 * The text the Output panel shows now: the rendered lines of its editor, i.e. what is on screen
 * (for a long channel, read the log file instead: `extensionLogs()`).
 */
export async function readOutput(page) {
  const lines = page.locator('.part.panel .output-view .monaco-editor .view-lines .view-line');
  const texts = await lines.allInnerTexts();
  // Monaco renders spaces as U+00A0 and keeps lines in DOM order of reuse, not top-to-bottom.
  const tops = await lines.evaluateAll((els) => els.map((e) => parseFloat(e.style.top) || 0));
  return texts
    .map((t, i) => ({ t: t.replace(/\u00a0/g, ' '), top: tops[i] }))
    .sort((a, b) => a.top - b.top)
    .map((l) => l.t)
    .join('\n');
}

/** Polls the Output panel until its text matches `pattern`. */
export async function waitForOutput(page, pattern, { timeoutMs = 15_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let text = '';
  while (Date.now() < deadline) {
    text = await readOutput(page);
    if (pattern.test(text)) return text;
    await sleep(250);
  }
  throw new Error(`Output panel never matched ${pattern}; it shows:\n${text}`);
}
