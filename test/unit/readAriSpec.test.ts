// The runtime reading of an ARI spec (src/ari/spec/readAriSpec.ts, readAriParameter.ts) and its
// loading from a server with the bundled spec as fallback (loadAriCatalogue.ts): the vendored spec
// reads as exactly the generated tables, odd content costs only what cannot be read, with one
// sentence each, and loading falls back or keeps what it can.

import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ARI_OPERATION_DOCS } from '../../src/ari/generated/ariOperationDocs';
import { ARI_OPERATION_IDS, ARI_OPERATIONS, isAriOperationId } from '../../src/ari/generated/ariOperations';
import type { CatalogueOperation } from '../../src/ari/spec/AriCatalogue';
import { loadAriCatalogue, readBundledSpec, type AriSpecFiles } from '../../src/ari/spec/loadAriCatalogue';
import { readAriSpec } from '../../src/ari/spec/readAriSpec';
import { SPEC_DIR } from './ariSpecFixture';

const resourcesOf = (...names: string[]) => ({ apiVersion: '99.0.0', apis: names.map((n) => ({ path: `/api-docs/${n}.{format}`, description: n })) });
const fileOf = (name: string, ...apis: unknown[]) => ({ name: `${name}.json`, doc: { apiVersion: '2.0.0', apis } });
const apiOf = (p: string, ...operations: unknown[]) => ({ path: p, operations });
const opOf = (nickname: string | undefined, extra: Record<string, unknown> = {}) => ({
  httpMethod: 'GET',
  ...(nickname !== undefined ? { nickname } : {}),
  summary: `Does ${nickname}.`,
  since: ['99.0.0'],
  responseClass: 'void',
  ...extra,
});
const idParam = { name: 'id', paramType: 'path', dataType: 'string', required: true, allowMultiple: false, description: 'Its id.' };
/** What the reader makes of opOf(nickname) on `p` with no extra fields, but `parameters`. */
const readOp = (resource: string, nickname: string, p: string, parameters: CatalogueOperation['parameters'] = []): CatalogueOperation => ({
  id: `${resource}.${nickname}`,
  resource,
  method: 'GET',
  path: p,
  summary: `Does ${nickname}.`,
  responseClass: 'void',
  errorResponses: [],
  parameters,
});

describe('readAriSpec: the vendored spec', () => {
  it('reads as exactly the generated tables: the 109 operations in their order, each request field and all prose, nothing skipped', async () => {
    const { resources, files } = await readBundledSpec(SPEC_DIR);
    const catalogue = readAriSpec(resources, files, 'bundled');
    assert.equal(catalogue.source, 'bundled');
    assert.equal(catalogue.apiVersion, '10.0.0');
    assert.equal(catalogue.fallbackReason, undefined);
    assert.deepEqual(catalogue.skipped, []);
    assert.equal(catalogue.operations.length, 109);
    assert.deepEqual(
      catalogue.operations.map((o) => o.id),
      ARI_OPERATION_IDS,
    );
    for (const op of catalogue.operations) {
      assert.ok(isAriOperationId(op.id), op.id);
      const spec = ARI_OPERATIONS[op.id];
      const doc = ARI_OPERATION_DOCS[op.id];
      assert.deepEqual(Object.keys(doc.parameters), spec.parameters.map((p) => p.name), op.id);
      const expected: CatalogueOperation = {
        id: op.id,
        resource: op.id.slice(0, op.id.indexOf('.')),
        method: spec.method,
        path: spec.path,
        ...(spec.upgrade !== undefined ? { upgrade: spec.upgrade } : {}),
        summary: doc.summary,
        ...(doc.notes !== undefined ? { notes: doc.notes } : {}),
        responseClass: doc.responseClass,
        errorResponses: doc.errorResponses,
        parameters: spec.parameters.map((p) => ({ ...p, description: doc.parameters[p.name] })),
      };
      assert.deepEqual(op, expected, op.id);
    }
    assert.deepEqual(
      catalogue.operations.filter((o) => o.upgrade !== undefined).map((o) => `${o.id} ${o.upgrade}`),
      ['events.eventWebsocket websocket'],
    );
  });

  it("applies the generator's quirks: channels.move's string codes, endpoints' misspelt description key, path parameters required though endpoints.json omits it", async () => {
    const { resources, files } = await readBundledSpec(SPEC_DIR);
    const ops = new Map(readAriSpec(resources, files, 'bundled').operations.map((o) => [o.id, o]));
    assert.deepEqual(ops.get('channels.move')?.errorResponses, [
      { code: 404, reason: 'Channel not found' },
      { code: 409, reason: 'Channel not in a Stasis application' },
    ]);
    assert.equal(ops.get('endpoints.sendMessage')?.parameters.find((p) => p.name === 'variables')?.description, 'The "variables" key in the body object holds technology specific key/value pairs to append to the message. These can be interpreted and used by the various resource types; for example, pjsip and sip resource types will add the key/value pairs as SIP headers,');
    assert.deepEqual(
      ops.get('endpoints.get')?.parameters.map((p) => `${p.name} ${p.required} ${p.allowMultiple}`),
      ['tech true false', 'resource true false'],
    );
  });
});

describe('readAriSpec: content it does not know', () => {
  it('keeps a parameter of an unknown dataType with its type as written', () => {
    const when = { name: 'when', paramType: 'query', dataType: 'Date', description: 'When.' };
    const catalogue = readAriSpec(resourcesOf('things'), [fileOf('things', apiOf('/things', opOf('list', { parameters: [when] })))], 'server');
    assert.deepEqual(catalogue, {
      source: 'server',
      apiVersion: '99.0.0',
      operations: [readOp('things', 'list', '/things', [{ name: 'when', in: 'query', type: 'Date', required: false, allowMultiple: false, description: 'When.' }])],
      skipped: [],
    });
  });

  it('skips only the operation with a paramType it does not know, or a path parameter its path lacks, saying which and why', () => {
    const header = { name: 'token', paramType: 'header', dataType: 'string' };
    const catalogue = readAriSpec(
      resourcesOf('things'),
      [fileOf('things', apiOf('/things', opOf('list'), opOf('withHeader', { parameters: [header] }), opOf('misplaced', { parameters: [idParam] })), apiOf('/things/{id}', opOf('get', { parameters: [idParam] })))],
      'server',
    );
    assert.deepEqual(catalogue.operations, [readOp('things', 'list', '/things'), readOp('things', 'get', '/things/{id}', [{ name: 'id', in: 'path', type: 'string', required: true, allowMultiple: false, description: 'Its id.' }])]);
    assert.deepEqual(catalogue.skipped, [
      'things.json GET /things (withHeader) was skipped: its parameter "token" has paramType "header", not path, query or body.',
      'things.json GET /things (misplaced) was skipped: its parameter "id" is a path parameter, but the path has no {id}.',
    ]);
  });

  it('reads on past entries of resources.json and files that are not JSON objects, in resources.json order, then unlisted files', () => {
    const resources = { apiVersion: '99.0.0', apis: ['/api-docs/lost.{format}', { path: '/api-docs/b.{format}' }, { path: '/other/c.json' }, { path: '/api-docs/a.{format}' }, { path: '/api-docs/html.{format}' }, { path: '/api-docs/gone.{format}' }] };
    const files = [fileOf('a', apiOf('/a', opOf('one'))), fileOf('unlisted', apiOf('/u', opOf('one'))), { name: 'html.json', doc: '<html>Not found</html>' }, fileOf('b', apiOf('/b', opOf('one')))];
    const catalogue = readAriSpec(resources, files, 'server');
    assert.deepEqual(
      catalogue.operations.map((o) => `${o.id} ${o.path}`),
      ['b.one /b', 'a.one /a', 'unlisted.one /u'],
    );
    assert.deepEqual(catalogue.skipped, [
      'resources.json lists an api with the path nothing, which names no api-docs file; it was not read.',
      'resources.json lists an api with the path "/other/c.json", which names no api-docs file; it was not read.',
      'html.json is not a JSON object; its operations were not read.',
    ]);
  });

  it('keeps the first of two operations with the same id and says what the second clashed with', () => {
    const catalogue = readAriSpec(resourcesOf('things'), [fileOf('things', apiOf('/things/{id}', opOf('get', { parameters: [idParam] }), opOf('get', { httpMethod: 'POST', parameters: [idParam] })))], 'server');
    assert.deepEqual(
      catalogue.operations.map((o) => `${o.id} ${o.method}`),
      ['things.get GET'],
    );
    assert.deepEqual(catalogue.skipped, ['things.json POST /things/{id} (get) was skipped: its id things.get is already that of things.json GET /things/{id} (get).']);
  });

  it('reads error codes given as strings of three digits ("404") as numbers, and leaves out one with no status code', () => {
    const errorResponses = [{ code: '404', reason: 'Thing not found' }, { code: 409, reason: 'Thing busy' }, { code: '4xx', reason: 'Something' }];
    const catalogue = readAriSpec(resourcesOf('things'), [fileOf('things', apiOf('/things', opOf('list', { errorResponses })))], 'server');
    assert.deepEqual(catalogue.operations[0].errorResponses, [
      { code: 404, reason: 'Thing not found' },
      { code: 409, reason: 'Thing busy' },
    ]);
    assert.deepEqual(catalogue.skipped, ['things.json GET /things (list): its error response {"code":"4xx","reason":"Something"} has no HTTP status code, so it is not shown.']);
  });

  it('skips an operation with no nickname, since it would have no id, and keeps the others', () => {
    const catalogue = readAriSpec(resourcesOf('things'), [fileOf('things', apiOf('/things', opOf(undefined), opOf('list')))], 'server');
    assert.deepEqual(catalogue.operations, [readOp('things', 'list', '/things')]);
    assert.deepEqual(catalogue.skipped, ['things.json GET /things was skipped: it has no nickname.']);
  });

  it('keeps an operation whose allowableValues or defaultValue it cannot read, without them, saying so', () => {
    const odd = { name: 'size', paramType: 'query', dataType: 'int', allowableValues: { valueType: 'SET', values: [1, 2] }, defaultValue: { big: true } };
    const catalogue = readAriSpec(resourcesOf('things'), [fileOf('things', apiOf('/things', opOf('list', { parameters: [odd] })))], 'server');
    assert.deepEqual(catalogue.operations, [readOp('things', 'list', '/things', [{ name: 'size', in: 'query', type: 'int', required: false, allowMultiple: false, description: '' }])]);
    assert.deepEqual(catalogue.skipped, [
      'things.json GET /things (list) parameter "size": its allowableValues {"valueType":"SET","values":[1,2]} could not be read, so any value is accepted.',
      'things.json GET /things (list) parameter "size": its defaultValue {"big":true} is not a string, number or boolean, so it is not shown.',
    ]);
  });
});

/** The vendored spec as Asterisk serves it: each file under its api-docs resource, basePath rewritten (docs/ari-behaviour.md#api-docs). */
async function servedSpec(): Promise<Map<string, unknown>> {
  const { resources, files } = await readBundledSpec(SPEC_DIR);
  const served = (doc: unknown) => ({ ...(doc as object), basePath: 'http://pbx.example:8088/ari' });
  return new Map([['api-docs/resources.json', served(resources)], ...files.map((f): [string, unknown] => [`api-docs/${f.name}`, served(f.doc)])]);
}

const bundledSpec = () => readBundledSpec(SPEC_DIR);
const notRead = (): Promise<AriSpecFiles> => Promise.reject(new Error('the bundled spec was read'));

describe('loadAriCatalogue', () => {
  it("reads the server's own spec, fetching its 11 files all at once, without reading the bundled one", async () => {
    const served = await servedSpec();
    const asked: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const loading = loadAriCatalogue(async (resource) => {
      asked.push(resource);
      if (resource !== 'api-docs/resources.json') await released;
      return served.get(resource);
    }, notRead);
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(asked.length, 12, 'every file asked for before any answered');
    release();
    const catalogue = await loading;
    assert.deepEqual(asked, [...served.keys()]);
    const { resources, files } = await bundledSpec();
    assert.deepEqual(catalogue, { ...readAriSpec(resources, files, 'bundled'), source: 'server' });
    assert.equal(catalogue.operations.length, 109);
  });

  it('falls back to the bundled spec, saying why, when resources.json cannot be fetched', async () => {
    const catalogue = await loadAriCatalogue(() => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:8088')), bundledSpec);
    assert.equal(catalogue.source, 'bundled');
    assert.equal(catalogue.fallbackReason, 'GET /ari/api-docs/resources.json failed: connect ECONNREFUSED 127.0.0.1:8088');
    assert.deepEqual(catalogue.operations.map((o) => o.id), ARI_OPERATION_IDS);
    assert.deepEqual(catalogue.skipped, []);
  });

  it('falls back when what the server serves yields no operation, naming what went wrong', async () => {
    const html = await loadAriCatalogue(async () => '<html>Not found</html>', bundledSpec);
    assert.equal(html.source, 'bundled');
    assert.equal(html.fallbackReason, "The server's spec has no operation that could be read: resources.json has no list of apis, so it names no api-docs file.");
    assert.equal(html.operations.length, 109);

    const served = await servedSpec();
    const none = await loadAriCatalogue(async (resource) => (resource === 'api-docs/resources.json' ? served.get(resource) : Promise.reject(new Error('HTTP 404'))), bundledSpec);
    assert.equal(none.source, 'bundled');
    const failed = [...served.keys()].slice(1).map((r) => `GET /ari/${r} failed (HTTP 404); its operations are not shown.`);
    assert.equal(none.fallbackReason, `The server's spec has no operation that could be read: ${failed.join(' ')}`);
    assert.equal(none.operations.length, 109);
  });

  it('keeps the other files when one fails, and lists the one that failed', async () => {
    const served = await servedSpec();
    const catalogue = await loadAriCatalogue(async (resource) => (resource === 'api-docs/channels.json' ? Promise.reject(new Error('HTTP 500')) : served.get(resource)), notRead);
    assert.equal(catalogue.source, 'server');
    assert.equal(catalogue.fallbackReason, undefined);
    assert.deepEqual(catalogue.skipped, ['GET /ari/api-docs/channels.json failed (HTTP 500); its operations are not shown.']);
    assert.deepEqual(
      catalogue.operations.map((o) => o.id),
      ARI_OPERATION_IDS.filter((id) => !id.startsWith('channels.')),
    );
    assert.equal(catalogue.operations.length, 74);
  });

  it('returns an empty bundled catalogue, with both reasons, when the bundled spec cannot be read either', async () => {
    const missing = path.join(SPEC_DIR, 'no-such-folder');
    const catalogue = await loadAriCatalogue(() => Promise.reject(new Error('HTTP 401')), () => readBundledSpec(missing));
    assert.equal(catalogue.source, 'bundled');
    assert.equal(catalogue.fallbackReason, 'GET /ari/api-docs/resources.json failed: HTTP 401');
    assert.deepEqual(catalogue.operations, []);
    assert.deepEqual(catalogue.skipped, [`The bundled spec could not be read (ENOENT: no such file or directory, open '${path.join(missing, 'resources.json')}').`]);
  });
});
