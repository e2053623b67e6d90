// First end-to-end test: the built extension, installed from its .vsix like a user installs it,
// in a real VS Code 1.100.3 workbench (code-server) driven by Debian chromium.
// Run: npm run build && npx mocha 'test/e2e/*.e2e.mjs' --timeout 120000
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, afterEach, before, describe, it } from 'mocha';
import { EXTENSION_ID, startWorkbench } from './workbench.mjs';

const manifest = JSON.parse(fs.readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
const { version } = manifest;
const activatedLine = new RegExp(`\\[info\\] Stasis Explorer ${version.replace(/\./g, '\\.')} activated`);

describe('e2e smoke: Stasis Explorer in the VS Code workbench', function () {
  this.timeout(180_000);
  let wb;

  before(async () => {
    wb = await startWorkbench();
  });

  afterEach(async function () {
    if (wb && this.currentTest?.state === 'failed') {
      const file = await wb.screenshot(`smoke-failure-${this.currentTest.title}`).catch(() => null);
      if (file) console.log(`      screenshot: ${file}`);
    }
  });

  after(async () => {
    await wb?.stop();
  });

  it('loads the workbench with the extension installed', async () => {
    const installed = await wb.listExtensions('@installed', { expect: 'Stasis Explorer' });
    await wb.screenshot('smoke-extensions-view');
    assert.ok(installed.includes('Stasis Explorer'), `installed: ${installed.join(', ')}`);
  });

  it('activates by itself and writes "Stasis Explorer <version> activated" to its Output channel', async () => {
    const channels = await wb.listOutputChannels({ expect: 'Stasis Explorer' });
    assert.ok(channels.includes('Stasis Explorer'), `Output channels: ${channels.join(', ')}`);
    await wb.pickQuickItem('Stasis Explorer');
    const text = await wb.waitForOutput(activatedLine);
    assert.match(text, activatedLine);
    await wb.screenshot('smoke-output-channel');
  });

  it('writes the same line to its log file on disk', () => {
    const logs = wb.extensionLogs();
    assert.ok(logs.length, `no log files of ${EXTENSION_ID}`);
    assert.match(fs.readFileSync(logs[0], 'utf8'), activatedLine);
  });
});
