// One e2e test's workbench: the extension installed into a fresh code-server, opened in chromium,
// with the helpers bound to its page.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findExtensionLogs, launchChromium, log, startCodeServer, workbenchUrl } from '../../vscode/codeServer.mjs';
import { installExtension, packageExtension } from './extension.mjs';
import { listExtensions } from './extensionsView.mjs';
import { listOutputChannels, readOutput, showOutputChannel, waitForOutput } from './outputPanel.mjs';
import { answerFileDialog, pickQuickItem, quickPickLabels, runCommand } from './quickInput.mjs';
import { waitForWorkbench } from './ready.mjs';
import { EXTENSION_ID } from './repo.mjs';
import { screenshot } from './screenshot.mjs';

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
