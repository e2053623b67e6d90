// Screenshots of the workbench, into test-results/.
import fs from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR } from './repo.mjs';

/** Full-page screenshot into test-results/<name>.png; returns the path. */
export async function screenshot(page, name) {
  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name.replace(/[^\w.-]+/g, '-')}.png`);
  await page.screenshot({ path: file });
  return file;
}
