import assert from 'node:assert/strict';
import { describeOperation } from '../../src/ari/describeOperation';
import { ARI_OPERATION_DOCS } from '../../src/ari/generated/ariOperationDocs';
import { ARI_OPERATIONS, ARI_OPERATION_IDS } from '../../src/ari/generated/ariOperations';

describe('describeOperation', () => {
  it('names the calls Stasis Explorer makes itself as a person would', () => {
    assert.deepEqual(describeOperation('channels.move', { channelId: '1732.4', app: 'billing' }, 'pbx1'), {
      description: 'move channel "1732.4" to "billing"',
      subject: { kind: 'channel', id: '1732.4' },
    });
    assert.deepEqual(describeOperation('asterisk.getInfo', {}, 'pbx1'), { description: 'read Asterisk info from pbx1', subject: { kind: 'server', id: 'pbx1' } });
    assert.equal(describeOperation('channels.originate', { endpoint: 'PJSIP/alice', app: 'ivr' }, 'pbx1').description, 'originate a call to PJSIP/alice into "ivr"');
  });

  it('names any other operation by its id, method and path (the runtime table has no prose)', () => {
    assert.deepEqual(describeOperation('bridges.destroy', { bridgeId: 'b1' }, 'pbx1'), {
      description: 'bridges.destroy (DELETE /bridges/{bridgeId})',
      subject: { kind: 'bridge', id: 'b1' },
    });
    assert.deepEqual(describeOperation('endpoints.get', { tech: 'PJSIP', resource: 'alice' }, 'pbx1'), {
      description: 'endpoints.get (GET /endpoints/{tech}/{resource})',
      subject: { kind: 'endpoint', id: 'PJSIP/alice' },
    });
    assert.deepEqual(describeOperation('sounds.list', {}, 'pbx1'), { description: 'sounds.list (GET /sounds)', subject: undefined });
    assert.deepEqual(describeOperation('applications.subscribe', { applicationName: 'a', eventSource: ['channel:c1', 'bridge:b1'] }, 'pbx1'), {
      description: 'applications.subscribe (POST /applications/{applicationName}/subscription)',
      subject: { kind: 'eventSource', id: 'channel:c1, bridge:b1' },
    });
    for (const id of ARI_OPERATION_IDS) {
      const { description } = describeOperation(id, {}, 'pbx1');
      // Either its own wording (NAMED) or the fallback; never the spec's summary (ariOperationDocs.ts).
      if (description !== `${id} (${ARI_OPERATIONS[id].method} ${ARI_OPERATIONS[id].path})`) assert.doesNotMatch(description, /\((GET|POST|PUT|DELETE) \//, id);
      assert.ok(!description.includes(ARI_OPERATION_DOCS[id].summary.replace(/\.$/, '').slice(1)), id);
    }
  });
});
