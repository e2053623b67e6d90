// The lock that keeps two code-server installs from writing the shared cache at once.
import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { log } from './log.mjs';

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/** One installer at a time (parallel test runs share the cache); a lock of a dead process is taken over. */
export async function withLock(p, fn) {
  const deadline = Date.now() + 30 * 60_000;
  for (;;) {
    try {
      fs.writeFileSync(p.lock, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if (e.code !== 'EEXIST') throw e;
      const holder = Number(fs.readFileSync(p.lock, 'utf8')) || 0;
      if (!holder || !pidAlive(holder)) {
        log(`install: removing stale lock of pid ${holder}`);
        fs.rmSync(p.lock, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`[vscode] gave up waiting for the install by pid ${holder} (${p.lock})`);
      log(`install: waiting for pid ${holder}, which is installing code-server`);
      await sleep(5000);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(p.lock, { force: true });
  }
}
