// Running an extension-host mocha suite inside code-server, driven by chromium.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { launchChromium } from './chromium.mjs';
import { log, seconds, tail } from './log.mjs';
import { startCodeServer } from './start.mjs';
import { workbenchUrl } from './workbenchUrl.mjs';

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Runs an extension-host test module (the `run()` that @vscode/test-electron also runs) inside
 * code-server. The module writes its results as JSON to $STASIS_VSCODE_TEST_RESULTS; this waits for
 * that file, prints the mocha output it holds, and returns the exit code: 0 only when more than 0
 * tests ran and none failed. `onResults(results)` receives the parsed file (when there is one).
 * On failure: a screenshot in `screenshotDir`, and the tails of the exthost and code-server logs.
 */
export async function runExtensionTests({
  extensionDevelopmentPath,
  extensionTestsPath,
  workspace,
  resultsFile,
  timeoutMs = 180_000,
  env = {},
  settings = {},
  screenshotDir = path.resolve('test-results'),
  quiet = false,
  onResults,
} = {}) {
  const started = Date.now();
  extensionDevelopmentPath = path.resolve(extensionDevelopmentPath);
  extensionTestsPath = path.resolve(extensionTestsPath);
  if (!fs.existsSync(extensionTestsPath)) throw new Error(`[vscode] no test module at ${extensionTestsPath} (compile the tests first)`);
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-vscode-test-'));
  workspace = path.resolve(workspace ?? path.join(scratch, 'workspace'));
  fs.mkdirSync(workspace, { recursive: true });
  resultsFile = path.resolve(resultsFile ?? path.join(scratch, 'results.json'));
  fs.rmSync(resultsFile, { force: true });
  const userDataDir = path.join(scratch, 'user-data');

  let server;
  let browser;
  let page;
  let code = 1;
  try {
    server = await startCodeServer({
      workspace,
      userDataDir,
      extensionsDir: path.join(scratch, 'extensions'),
      settings,
      env: {
        ...env,
        STASIS_VSCODE_TEST_RESULTS: resultsFile,
        STASIS_VSCODE_USER_DATA_DIR: userDataDir,
      },
    });
    browser = await launchChromium();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    const consoleErrors = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    const url = workbenchUrl({ port: server.port, folder: workspace, extensionDevelopmentPath, extensionTestsPath });
    log(`opening ${url}`);
    await page.goto(url, { waitUntil: 'domcontentloaded' });

    const deadline = Date.now() + timeoutMs;
    let results = null;
    let workbenchSeen = false;
    while (!(results = readJson(resultsFile))) {
      if (server.process.exitCode !== null || server.process.signalCode !== null) throw new Error('[vscode] code-server exited during the test run');
      if (Date.now() > deadline) {
        throw new Error(`[vscode] no results in ${resultsFile} after ${timeoutMs} ms`
          + (consoleErrors.length ? `\nbrowser console errors:\n  ${consoleErrors.slice(-10).join('\n  ')}` : ''));
      }
      if (!workbenchSeen && (await page.locator('.monaco-workbench').count().catch(() => 0))) {
        workbenchSeen = true;
        log(`workbench is up (${seconds(started)}); waiting for the suite`);
      }
      await sleep(250);
    }
    if (!quiet) process.stdout.write(`${results.output ?? ''}\n`);
    const passed = Number(results.passed) || 0;
    const failed = Number(results.failed) || 0;
    if (results.error) process.stdout.write(`suite error: ${results.error}\n`);
    code = passed > 0 && failed === 0 && !results.error ? 0 : 1;
    if (passed === 0 && failed === 0) log('the suite ran 0 tests: counted as a failure');
    log(`suite done in ${seconds(started)}: ${passed} passed, ${failed} failed, ${Number(results.pending) || 0} pending`);
    onResults?.(results);
    return code;
  } catch (e) {
    log(String(e?.stack ?? e));
    const exthostLogs = [];
    try {
      for (const stamp of fs.readdirSync(path.join(userDataDir, 'logs'))) {
        for (const sub of fs.readdirSync(path.join(userDataDir, 'logs', stamp))) {
          if (sub.startsWith('exthost')) {
            const f = path.join(userDataDir, 'logs', stamp, sub, 'remoteexthost.log');
            if (fs.existsSync(f)) exthostLogs.push(f);
          }
        }
      }
    } catch {
      // no logs yet
    }
    for (const f of exthostLogs) log(`${f}:\n${tail(f, 30)}`);
    if (server?.logFile) log(`code-server log ${server.logFile}:\n${tail(server.logFile, 20)}`);
    return 1;
  } finally {
    if (code !== 0 && page) {
      fs.mkdirSync(screenshotDir, { recursive: true });
      const shot = path.join(screenshotDir, `vscode-suite-failure-${Date.now()}.png`);
      await page.screenshot({ path: shot, timeout: 10_000 }).then(() => log(`screenshot: ${shot}`), () => {});
    }
    await browser?.close();
    await server?.stop();
    if (!process.env.STASIS_VSCODE_KEEP) fs.rmSync(scratch, { recursive: true, force: true });
    else log(`kept ${scratch} (STASIS_VSCODE_KEEP)`);
  }
}
