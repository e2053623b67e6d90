// The extension's runtime path bundles ARI_OPERATIONS (every REST call is built and checked from
// it) but not the operations' prose (ariOperationDocs.ts), which would be most of the bundle and
// so most of the activation time. Bundled here the way esbuild.config.mjs bundles the extension.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { ARI_OPERATION_DOCS } from '../../src/ari/generated/ariOperationDocs';
import { ARI_OPERATION_IDS } from '../../src/ari/generated/ariOperations';
import { BRIDGE_ANSWER_MESSAGES } from '../../src/ari/explainBridgeAnswer';
import { ROOT } from './ariSpecFixture';

function bundle(entry: string): { inputs: string[]; text: string } {
  const result = esbuild.buildSync({
    entryPoints: [path.join(ROOT, entry)],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
    minify: true,
    metafile: true,
    logLevel: 'silent',
  });
  return { inputs: Object.keys(result.metafile.inputs), text: result.outputFiles[0].text };
}

/**
 * Probes for the spec's prose: of every summary, note, description and error reason, its longest
 * run of characters a minifier writes as they are (no quotes, backslashes, non-ASCII), if that run
 * is long enough to be prose.
 */
function proseProbes(): string[] {
  const texts = ARI_OPERATION_IDS.flatMap((id) => {
    const doc = ARI_OPERATION_DOCS[id];
    return [doc.summary, doc.notes ?? '', ...Object.values(doc.parameters), ...doc.errorResponses.map((e) => e.reason)];
  });
  const probes = texts.map((t) => t.split(/[^A-Za-z0-9 ,.:;()/-]+/).reduce((a, b) => (b.length > a.length ? b : a), ''));
  // Asterisk's own answers, which the explanations match, are not prose even where the spec repeats them.
  const answers = new Set<string>(BRIDGE_ANSWER_MESSAGES);
  return [...new Set(probes.filter((p) => p.length >= 20 && !answers.has(p)))];
}

function assertNoProse(entry: string): void {
  const { inputs, text } = bundle(entry);
  assert.ok(inputs.includes('src/ari/generated/ariOperations.ts'), `${entry} no longer bundles ariOperations.ts: ${inputs.join(', ')}`);
  assert.ok(!inputs.includes('src/ari/generated/ariOperationDocs.ts'), `${entry} bundles ariOperationDocs.ts`);
  const probes = proseProbes();
  assert.ok(probes.length > 250, `only ${probes.length} probes`);
  assert.deepEqual(probes.filter((p) => text.includes(p)), [], `${entry} bundles spec prose`);
}

describe('runtime bundle (no ARI prose)', function () {
  this.timeout(20000);

  it('the REST client (src/ari/AriRestClient.ts) bundles the runtime table and none of the prose', () => {
    assertNoProse('src/ari/AriRestClient.ts');
  });

  it('the extension (src/extension.ts, as esbuild.config.mjs bundles it) bundles none of the prose', () => {
    assertNoProse('src/extension.ts');
  });

  it('the core (src/core.ts: the console among it, which reads the prose from the server or the spec files) bundles none of the prose', () => {
    assertNoProse('src/core.ts');
  });

  it('would see the prose if the docs were bundled (the check can fail)', () => {
    const { inputs, text } = bundle('src/ari/generated/ariOperationDocs.ts');
    assert.ok(inputs.includes('src/ari/generated/ariOperationDocs.ts'));
    assert.deepEqual(proseProbes().filter((p) => !text.includes(p)), []);
  });
});
