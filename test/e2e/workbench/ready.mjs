// When a freshly opened workbench is usable.
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

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
