import * as fs from 'fs';
import * as path from 'path';

export const EXTENSION_ID = 'stasis-explorer.stasis-explorer';

/**
 * Where the host keeps its logs. Both runners pass the user-data dir as STASIS_VSCODE_USER_DATA_DIR
 * (code-server: UD/logs/<stamp>/exthost<N>/<ext id>/; desktop: UD/logs/<stamp>/window<N>/exthost/<ext id>/).
 */
function logRoots(): string[] {
  const roots: string[] = [];
  const ud = process.env.STASIS_VSCODE_USER_DATA_DIR;
  if (ud) roots.push(path.join(ud, 'logs'));
  if (process.env.VSCODE_LOGS) roots.push(process.env.VSCODE_LOGS);
  return roots.filter((r) => fs.existsSync(r));
}

/** Every *.log file inside a folder named after the extension, newest first. */
function extensionLogFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    let entries: fs.Dirent[] = [];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory() && depth < 6) walk(full, depth + 1);
      else if (e.isFile() && e.name.endsWith('.log') && path.basename(dir).toLowerCase() === EXTENSION_ID) found.push(full);
    }
  };
  walk(root, 0);
  return found.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
}

/** Polls the "Stasis Explorer" log files until a line matches (log writes are buffered). */
export async function waitForLogLine(pattern: RegExp, timeoutMs = 10_000): Promise<{ file: string; line: string }> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  for (;;) {
    seen = logRoots().flatMap((root) => extensionLogFiles(root));
    for (const file of seen) {
      const line = fs.readFileSync(file, 'utf8').split('\n').find((l) => pattern.test(l));
      if (line) return { file, line };
    }
    if (Date.now() > deadline) {
      throw new Error(`no line matching ${pattern} in ${seen.length ? seen.join(', ') : `no log files of ${EXTENSION_ID} under ${logRoots().join(', ') || '(no log roots: STASIS_VSCODE_USER_DATA_DIR unset?)'}`}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** All log text of the extension so far. */
export function extensionLogText(): string {
  return logRoots()
    .flatMap((root) => extensionLogFiles(root))
    .map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
}
