// Checks the prose table of src/ari/generated/ariOperationDocs.ts against the vendored spec:
// every operation's summary, notes, since, responseClass, error responses and parameter
// descriptions, keyed like the runtime table of ariOperations.ts.

import assert from 'node:assert/strict';
import { ARI_OPERATION_DOCS, type AriOperationDoc } from '../../src/ari/generated/ariOperationDocs';
import { ARI_OPERATIONS, isAriOperationId, type AriOperationId } from '../../src/ari/generated/ariOperations';
import { codeAndStrings, readGenerated, specDescription, specOperations } from './ariSpecFixture';

describe('generated ARI operation docs (src/ari/generated/ariOperationDocs.ts)', () => {
  const spec = specOperations();

  it('has the 109 operations of the spec, in spec order, the same ids as ARI_OPERATIONS', () => {
    assert.equal(spec.length, 109);
    assert.deepEqual(Object.keys(ARI_OPERATION_DOCS), spec.map((s) => s.id));
    assert.deepEqual(Object.keys(ARI_OPERATION_DOCS), Object.keys(ARI_OPERATIONS));
  });

  it('says what the JSON says: summary, notes, since, responseClass, errorResponses, each description', () => {
    for (const { id, op } of spec) {
      assert.ok(isAriOperationId(id), id);
      const expected: AriOperationDoc = {
        summary: op.summary,
        ...(op.notes !== undefined ? { notes: op.notes } : {}),
        since: op.since,
        responseClass: op.responseClass,
        // channels.move gives its error codes as strings ("404"); everything else as numbers.
        errorResponses: (op.errorResponses ?? []).map((e) => ({ code: Number(e.code), reason: e.reason })),
        parameters: Object.fromEntries((op.parameters ?? []).map((p) => [p.name, specDescription(p)])),
      };
      assert.deepEqual(ARI_OPERATION_DOCS[id], expected, id);
      // The descriptions are in the runtime table's parameter order, one per parameter.
      assert.deepEqual(Object.keys(ARI_OPERATION_DOCS[id].parameters), ARI_OPERATIONS[id].parameters.map((p) => p.name), id);
    }
  });

  it('spot checks: move, hangup, the misspelt endpoints descriptions, an operation with notes', () => {
    const doc = (id: AriOperationId) => ARI_OPERATION_DOCS[id];
    assert.equal(doc('channels.move').summary, 'Move the channel from one Stasis application to another.');
    assert.deepEqual(doc('channels.move').since, ['13.26.0', '16.3.0']);
    assert.deepEqual(doc('channels.move').errorResponses, [
      { code: 404, reason: 'Channel not found' },
      { code: 409, reason: 'Channel not in a Stasis application' },
    ]);
    assert.equal(doc('channels.move').parameters.app, 'The channel will be passed to this Stasis application.');
    assert.equal(doc('channels.hangup').responseClass, 'void');
    assert.match(doc('endpoints.sendMessage').parameters.variables, /^The "variables" key in the body object/);
    assert.equal(doc('asterisk.ping').notes, undefined);
    assert.deepEqual(doc('asterisk.ping').parameters, {});
    assert.ok(spec.some((s) => s.op.notes !== undefined && doc(s.id as AriOperationId).notes === s.op.notes));
  });

  it('imports nothing at run time (only the AriOperationId type) and holds only its own data', () => {
    const text = readGenerated('ariOperationDocs.ts');
    assert.deepEqual(text.match(/^import .*$/gm), ["import type { AriOperationId } from './ariOperations';"]);
    assert.doesNotMatch(codeAndStrings(text).code, /\brequire\(|\bimport\(/);
  });
});
