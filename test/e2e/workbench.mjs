// Playwright helpers for end-to-end tests of Stasis Explorer in a real VS Code 1.100.3 workbench
// (code-server, see test/vscode/codeServer.mjs), driven like a user drives it: the extension is
// packaged into a .vsix and installed with `code-server --install-extension`, the workbench is
// opened in Debian chromium, commands go through the command palette, the Output panel is read,
// and screenshots go to test-results/.
//
//   const wb = await startWorkbench();          // package + install + start + open + wait
//   await wb.runCommand('ARI: Refresh');
//   await wb.showOutputChannel('Stasis Explorer');
//   const text = await wb.readOutput();
//   await wb.screenshot('smoke');
//   await wb.stop();
//
// Needs dist/extension.js (`npm run build`).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  ensureCodeServer,
  findExtensionLogs,
  launchChromium,
  log,
  startCodeServer,
  workbenchUrl,
} from '../vscode/codeServer.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const RESULTS_DIR = path.join(REPO, 'test-results');
export const EXTENSION_ID = 'stasis-explorer.stasis-explorer';

function run(cmd, args, { cwd = REPO, env = process.env } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} failed (exit ${code}):\n${out}`))));
  });
}

/** Packages the built extension (dist/extension.js) into a .vsix with vsce, as `npm run package` does. */
export async function packageExtension({ outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-vsix-')) } = {}) {
  if (!fs.existsSync(path.join(REPO, 'dist', 'extension.js'))) throw new Error('dist/extension.js is missing: run `npm run build` first');
  const { version } = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
  const vsix = path.join(outDir, `stasis-explorer-${version}.vsix`);
  const started = Date.now();
  await run(path.join(REPO, 'node_modules', '.bin', 'vsce'), [
    'package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '--out', vsix,
  ]);
  log(`packaged ${path.basename(vsix)} (${Date.now() - started} ms)`);
  return vsix;
}

/** `code-server --install-extension <vsix>` into the given extensions / user-data folders. */
export async function installExtension({ vsix, extensionsDir, userDataDir }) {
  const { entry } = await ensureCodeServer();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-install-ext-'));
  const started = Date.now();
  try {
    const out = await run(process.execPath, [
      entry,
      '--config', path.join(scratch, 'config.yaml'),
      '--user-data-dir', userDataDir,
      '--extensions-dir', extensionsDir,
      '--install-extension', vsix,
    ], { env: { ...process.env, XDG_DATA_HOME: path.join(scratch, 'xdg-data'), XDG_CACHE_HOME: path.join(scratch, 'xdg-cache') } });
    if (!/successfully installed/i.test(out)) throw new Error(`installing ${vsix} said:\n${out}`);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
  log(`installed ${path.basename(vsix)} (${Date.now() - started} ms)`);
}

/**
 * Waits for the workbench to be usable: its DOM, and — given the server's user-data dir — the
 * remote extension host having started its eager extensions (its log says so).
 */
export async function waitForWorkbench(page, { userDataDir, timeoutMs = 60_000 } = {}) {
  const deadline = Date.now() + timeoutMs;
  await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
  await page.locator('.part.statusbar').waitFor({ state: 'visible', timeout: timeoutMs });
  if (!userDataDir) return;
  while (!remoteHostReady(userDataDir)) {
    if (Date.now() > deadline) throw new Error(`the remote extension host did not come up within ${timeoutMs} ms (logs in ${userDataDir}/logs)`);
    await sleep(200);
  }
}

function remoteHostReady(userDataDir) {
  const logs = path.join(userDataDir, 'logs');
  try {
    for (const stamp of fs.readdirSync(logs)) {
      for (const sub of fs.readdirSync(path.join(logs, stamp))) {
        const file = path.join(logs, stamp, sub, 'remoteexthost.log');
        if (sub.startsWith('exthost') && fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes('Eager extensions activated')) return true;
      }
    }
  } catch {
    // not there yet
  }
  return false;
}

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

/** Full-page screenshot into test-results/<name>.png; returns the path. */
export async function screenshot(page, name) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Everything for one e2e test: packages and installs the extension, starts
 * code-server on a free port with fresh folders, opens the workbench on `folder`, waits for it.
 * Returns helpers bound to the page, and stop() that closes the browser and the server.
 */
export async function startWorkbench({
  folder,
  settings = {},
  env = {},
  vsix,
  alsoInstall = [],
  timeoutMs = 90_000,
} = {}) {
  const started = Date.now();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-e2e-'));
  const userDataDir = path.join(scratch, 'user-data');
  const extensionsDir = path.join(scratch, 'extensions');
  folder ??= path.join(scratch, 'workspace');
  fs.mkdirSync(folder, { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });

  await installExtension({ vsix: vsix ?? (await packageExtension({ outDir: scratch })), extensionsDir, userDataDir });
  for (const other of alsoInstall) await installExtension({ vsix: other, extensionsDir, userDataDir });

  const server = await startCodeServer({ workspace: folder, userDataDir, extensionsDir, settings, env });
  let browser;
  try {
    browser = await launchChromium();
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const consoleErrors = [];
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    await page.goto(workbenchUrl({ port: server.port, folder }), { waitUntil: 'domcontentloaded' });
    await waitForWorkbench(page, { userDataDir, timeoutMs });
    log(`workbench ready (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return {
      page,
      server,
      url: server.url,
      folder,
      userDataDir,
      extensionsDir,
      consoleErrors,
      runCommand: (title, o) => runCommand(page, title, o),
      pickQuickItem: (label, o) => pickQuickItem(page, label, o),
      answerFileDialog: (file, o) => answerFileDialog(page, file, o),
      quickPickLabels: (o) => quickPickLabels(page, o),
      listExtensions: (query, o) => listExtensions(page, query, o),
      listOutputChannels: (o) => listOutputChannels(page, o),
      showOutputChannel: (name, o) => showOutputChannel(page, name, o),
      readOutput: () => readOutput(page),
      waitForOutput: (pattern, o) => waitForOutput(page, pattern, o),
      screenshot: (name) => screenshot(page, name),
      extensionLogs: () => findExtensionLogs(userDataDir, EXTENSION_ID),
      async stop() {
        await browser.close();
        await server.stop();
        if (!process.env.STASIS_VSCODE_KEEP) fs.rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (e) {
    if (browser) {
      const page = browser.context.pages()[0];
      if (page) await screenshot(page, `workbench-start-failure-${Date.now()}`).catch(() => {});
      await browser.close();
    }
    await server.stop();
    throw e;
  }
}
