// Where the e2e tests find the repository, put their screenshots, and which extension they test.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const RESULTS_DIR = path.join(REPO, 'test-results');
export const EXTENSION_ID = 'stasis-explorer.stasis-explorer';
