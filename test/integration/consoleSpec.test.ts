// The console's catalogue against the real Asterisk: read from the server's own /ari/api-docs, it
// is the same as the bundled spec's, since the sandbox runs the vendored release (22.10.1), and
// what the server serves is the vendored files with only basePath rewritten
// (docs/ari-behaviour.md#api-docs).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { basicAuthorization } from '../../src/ari/basicAuth';
import { ARI_OPERATION_IDS } from '../../src/ari/generated/ariOperations';
import { loadAriCatalogue, readBundledSpec, type FetchAriJson } from '../../src/ari/spec/loadAriCatalogue';
import { readAriSpec } from '../../src/ari/spec/readAriSpec';
import { sandboxEnv } from './support/sandbox';

const SPEC_DIR = path.resolve(__dirname, '../../../spec/ari/api-docs');

/** GETs `${url}/ari/<resource>` as the sandbox's ARI user; rejects on anything but a 200. */
async function sandboxFetchJson(): Promise<{ fetchJson: FetchAriJson; asked: string[]; url: string }> {
  const env = await sandboxEnv();
  const asked: string[] = [];
  const fetchJson: FetchAriJson = async (resource) => {
    asked.push(resource);
    const answer = await fetch(`${env.url}/ari/${resource}`, { headers: { authorization: basicAuthorization(env.username, env.password) } });
    if (answer.status !== 200) throw new Error(`HTTP ${answer.status}`);
    return answer.json();
  };
  return { fetchJson, asked, url: env.url };
}

describe("the console's ARI catalogue against the real Asterisk", () => {
  it("reads the server's own spec: the 109 operations of the generated tables, in order, nothing skipped, the same as the bundled spec", async () => {
    const { fetchJson, asked } = await sandboxFetchJson();
    const bundled = () => readBundledSpec(SPEC_DIR);
    const catalogue = await loadAriCatalogue(fetchJson, bundled);
    assert.equal(catalogue.source, 'server', catalogue.fallbackReason);
    assert.equal(catalogue.fallbackReason, undefined);
    assert.deepEqual(catalogue.skipped, []);
    assert.equal(catalogue.apiVersion, '10.0.0');
    assert.deepEqual(
      catalogue.operations.map((o) => o.id),
      ARI_OPERATION_IDS,
    );
    assert.equal(catalogue.operations.length, 109);
    const { resources, files } = await bundled();
    assert.deepEqual(catalogue, { ...readAriSpec(resources, files, 'bundled'), source: 'server' });
    assert.deepEqual(asked, ['api-docs/resources.json', ...files.map((f) => `api-docs/${f.name}`)]);
    assert.equal(asked.length, 12);
  });

  it('serves the vendored files as they are but for basePath, which it rewrites to the address asked', async () => {
    const { fetchJson, url } = await sandboxFetchJson();
    const { resources, files } = await readBundledSpec(SPEC_DIR);
    for (const { name, doc } of [{ name: 'resources.json', doc: resources }, ...files]) {
      const served = (await fetchJson(`api-docs/${name}`)) as { basePath?: string };
      assert.equal(served.basePath, `${url}/ari`, name);
      assert.equal((doc as { basePath?: string }).basePath, 'http://localhost:8088/ari', name);
      assert.deepEqual({ ...served, basePath: 'vendored' }, { ...(doc as object), basePath: 'vendored' }, name);
    }
  });
});
