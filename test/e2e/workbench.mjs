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
//
// The helpers are in test/e2e/workbench/, one concern each; this file gathers them for the tests,
// `npm start` and the benchmarks.
export { installExtension, packageExtension } from './workbench/extension.mjs';
export { listExtensions } from './workbench/extensionsView.mjs';
export { listOutputChannels, readOutput, showOutputChannel, waitForOutput } from './workbench/outputPanel.mjs';
export { answerFileDialog, answerInput, pickQuickItem, quickPickLabels, runCommand } from './workbench/quickInput.mjs';
export { waitForWorkbench } from './workbench/ready.mjs';
export { EXTENSION_ID, REPO, RESULTS_DIR } from './workbench/repo.mjs';
export { SANDBOX, sandboxEnv } from './workbench/sandboxEnv.mjs';
export { screenshot } from './workbench/screenshot.mjs';
export { startWorkbench } from './workbench/session.mjs';
export { screenshotIfFailed, startSandboxWorkbench, treeRow } from './workbench/sandboxWorkbench.mjs';
