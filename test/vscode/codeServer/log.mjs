// The `[vscode] ...` progress lines every step writes on stderr, and the log tails its errors quote.
import fs from 'node:fs';

export const log = (message) => process.stderr.write(`[vscode] ${message}\n`);
export const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export function tail(file, lines = 40) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
