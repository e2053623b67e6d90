// The rows the panel builds are the rows the page accepts: the host's builders checked against the
// page's guards, and the guards against rows that are not as the protocol says.
import assert from 'node:assert/strict';
import { isFilter, isHostMessage, isTimelineRow } from '../../src/inspector/protocol';
import { toEventRow } from '../../src/ui/inspector/eventRows';
import { toExchangeRow } from '../../src/ui/inspector/exchangeRows';
import * as f from '../support/ariFixtures';
import { exchange, logged } from '../support/exchangeFixtures';

const at = 1_795_000_000_000;
const eventRow = toEventRow(1, { serverId: 'pbx1', receivedAt: at, event: f.stasisStart('billing', f.channel('c1')) }, 'PBX 1');
const exchangeRow = toExchangeRow(2, logged({ serverId: 'pbx1', at, exchange: exchange() }), 'PBX 1');

describe('inspector rows', () => {
  it('are built by the panel as the page accepts them, one kind beside the other', () => {
    assert.equal(isHostMessage({ type: 'rows', rows: [eventRow, exchangeRow], capacity: 10 }), true);
    assert.equal(isHostMessage({ type: 'reset', rows: [exchangeRow], capacity: 10, source: 'live' }), true);
    // Through the webview boundary as the panel sends them: structured clone keeps exactly what JSON does here.
    assert.equal(isHostMessage(JSON.parse(JSON.stringify({ type: 'rows', rows: [eventRow, exchangeRow], capacity: 10 }))), true);
  });

  it('give an exchange the summary, app and channels its request names, and mark refused or unanswered ones as failures', () => {
    assert.equal(exchangeRow.summary, 'POST channels/c1/move?app=billing → 204 (3.1 ms)');
    assert.deepEqual([exchangeRow.application, exchangeRow.channelIds, exchangeRow.failure], ['billing', ['c1'], false]);
    const row = (e: Parameters<typeof exchange>[0]) => toExchangeRow(3, logged({ serverId: 'pbx1', at, exchange: exchange(e) }), 'PBX 1');
    assert.deepEqual(row({ resource: 'bridges/b1/addChannel', query: [['channel', 'c1,c2']] }).channelIds, ['c1', 'c2']);
    assert.equal(row({ method: 'POST', resource: 'applications/billing/subscription', query: [['eventSource', 'channel:c9']] }).application, 'billing');
    const unknown = row({ method: 'GET', resource: 'no/such/thing', query: [] });
    assert.deepEqual([unknown.application, unknown.channelIds], ['', []], 'a request ARI does not define names nothing');
    assert.equal(row({ status: 404 }).failure, true);
    assert.equal(row({ status: 0, failure: 'socket hang up' }).failure, true);
    assert.equal(row({ status: 302 }).failure, false);
  });

  it('are refused when not as the protocol says: no kind, an unknown kind, an exchange not as the trace records it', () => {
    const bad: unknown[] = [
      { ...exchangeRow, kind: undefined },
      { ...exchangeRow, kind: 'script' },
      { ...exchangeRow, kind: 'event' },
      { ...eventRow, kind: 'exchange' },
      { ...exchangeRow, id: '2' },
      { ...exchangeRow, at: undefined },
      { ...eventRow, at: 1e20 },
      { ...exchangeRow, exchange: { ...exchangeRow.exchange, at: -1e17 } },
      { ...exchangeRow, channelIds: [1] },
      { ...exchangeRow, exchange: { ...exchangeRow.exchange, status: '204' } },
      { ...exchangeRow, exchange: { ...exchangeRow.exchange, query: [['app']] } },
      { ...exchangeRow, exchange: { ...exchangeRow.exchange, kind: 'event' } },
      { ...exchangeRow, exchange: { ...exchangeRow.exchange, requestBody: { text: 1, bytes: 1, truncated: false } } },
      { ...eventRow, event: 'StasisStart' },
    ];
    for (const row of bad) {
      assert.equal(isTimelineRow(row), false, JSON.stringify(row));
      assert.equal(isHostMessage({ type: 'rows', rows: [eventRow, row], capacity: 10 }), false, 'one bad row refuses the batch');
    }
  });

  it('filters of exchanges cross the boundary checked: known methods and status classes, a duration of at least zero', () => {
    assert.equal(isFilter({ methods: ['GET', 'DELETE'], statusClasses: ['4xx', 'none'], path: 'channels/', minDurationMs: 0 }), true);
    for (const bad of [{ methods: ['PATCH'] }, { methods: 'GET' }, { statusClasses: ['6xx'] }, { minDurationMs: -1 }, { minDurationMs: '5' }, { path: 5 }]) {
      assert.equal(isFilter(bad), false, JSON.stringify(bad));
    }
  });
});
