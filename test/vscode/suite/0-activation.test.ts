// First real-VS-Code test: the extension loads in the real extension host, activates, and its
// LogOutputChannel writes to the log file VS Code keeps for it (the oracle other e2e tests use).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitForLogLine } from './support/extensionLog';

describe('Stasis Explorer in a real VS Code', () => {
  it('runs in VS Code 1.100', () => {
    assert.ok(vscode.version.startsWith('1.100.'), `vscode.version is ${vscode.version}`);
  });

  it('receives the runner’s environment in the extension host', () => {
    const ud = process.env.STASIS_VSCODE_USER_DATA_DIR;
    assert.ok(ud, 'STASIS_VSCODE_USER_DATA_DIR is not set in the extension host');
    assert.ok(fs.existsSync(ud), `${ud} does not exist`);
  });

  it('is installed and activates', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} not found among ${vscode.extensions.all.map((e) => e.id).join(', ')}`);
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
  });

  it('logs "Stasis Explorer <version> activated" at info to its LogOutputChannel', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    const version = (ext.packageJSON as { version: string }).version;
    const escaped = version.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const { file } = await waitForLogLine(new RegExp(`\\[info\\] Stasis Explorer ${escaped} activated`));
    // The channel's own file, named after the channel (not the extension host's shared log).
    assert.match(path.basename(file), /Stasis Explorer\.log$/, `logged to ${file}`);
  });
});
