// Where an extension's own log files end up under a code-server user-data folder.
import fs from 'node:fs';
import path from 'node:path';

/** Newest `.log` files of an extension under a user-data dir's logs (any exthost layout). */
export function findExtensionLogs(userDataDir, extensionId) {
  const found = [];
  const walk = (dir, depth) => {
    let entries = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && depth < 6) walk(full, depth + 1);
      else if (e.isFile() && e.name.endsWith('.log') && path.basename(dir) === extensionId) found.push(full);
    }
  };
  walk(path.join(userDataDir, 'logs'), 0);
  return found.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
}
