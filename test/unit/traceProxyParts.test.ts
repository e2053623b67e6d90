// The trace proxy's parts that need no network: the REST-over-WebSocket pairing, redaction,
// recognising an operation on the wire, and the command line's lines (the tap: traceTap.test.ts).
import assert from 'node:assert/strict';
import { matchOperation } from '../../src/ari/matchOperation';
import { redactedHeaders, redactedQuery, redactedTarget } from '../../src/proxy/redact';
import { traceLine } from '../../src/proxy/traceLine';
import type { TraceRecord } from '../../src/proxy/TraceRecord';
import { WsRestCorrelator } from '../../src/proxy/WsRestCorrelator';

describe('The trace proxy, offline', () => {
  it('pairs RESTRequest frames with their RESTResponse by request_id, in any order, and tells unanswered ones when the socket closes', () => {
    const records: TraceRecord[] = [];
    let id = 0;
    const rest = new WsRestCorrelator(7, { push: (r) => records.push(r) }, () => ++id, 256 * 1024);
    const send = (o: object) => Buffer.from(JSON.stringify(o));
    rest.request(send({ type: 'RESTRequest', request_id: 'a', method: 'POST', uri: 'channels/c1/answer' }));
    rest.request(send({ type: 'RESTRequest', request_id: 'b', method: 'POST', uri: 'channels/c1/move?app=x', query_strings: [{ name: 'appArgs', value: '1,2' }] }));
    rest.request(send({ type: 'RESTRequest', request_id: 'c', method: 'GET', uri: 'channels' }));
    assert.equal(rest.response(send({ type: 'StasisStart' })), false, 'an event is not an answer');
    assert.equal(rest.response(send({ type: 'RESTResponse', request_id: 'b', status_code: 204, reason_phrase: 'No Content', uri: 'channels/c1/move' })), true);
    assert.equal(rest.response(send({ type: 'RESTResponse', request_id: 'a', status_code: 404, reason_phrase: 'Not Found', message_body: '{"message":"Channel not found"}', content_type: 'application/json' })), true);
    rest.closed();
    const done = records.filter((r) => r.kind === 'rest');
    assert.deepEqual(done.map((r) => r.kind === 'rest' && [r.requestId ?? '-', r.method, r.resource, r.status]), [['b', 'POST', 'channels/c1/move', 204], ['a', 'POST', 'channels/c1/answer', 404], ['-', 'GET', 'channels', 0]]);
    const move = done[0];
    assert.ok(move.kind === 'rest' && move.via === 'websocket' && move.socketId === 7);
    assert.deepEqual(move.kind === 'rest' && move.query, [['app', 'x'], ['appArgs', '1,2']]);
    assert.equal(done[1].kind === 'rest' && done[1].responseBody?.text, '{"message":"Channel not found"}');
    assert.match(done[2].kind === 'rest' ? (done[2].failure ?? '') : '', /closed before Asterisk answered/);
  });

  it('credentials never reach a record: Authorization, cookies and api_key are replaced', () => {
    assert.deepEqual(redactedHeaders(['Authorization', 'Basic YXN0ZXJpc2s6c2VjcmV0', 'Cookie', 'a=b', 'Accept', '*/*']), [['authorization', '…'], ['cookie', '…'], ['accept', '*/*']]);
    assert.deepEqual(redactedQuery(new URLSearchParams('app=x&api_key=asterisk:secret&API_KEY=u:p')), [['app', 'x'], ['api_key', '…'], ['API_KEY', '…']]);
    assert.equal(redactedTarget('/ari/events?app=x&api_key=asterisk:secret'), '/ari/events?app=x&api_key=…');
  });

  it('recognises the spec operation of a request on the wire, its path parameters decoded; literal segments win', () => {
    assert.deepEqual(matchOperation('POST', 'channels/1700000000.1/move', [['app', 'queue-2']]), { id: 'channels.move', params: { channelId: '1700000000.1', app: 'queue-2' } });
    assert.equal(matchOperation('post', 'channels/create')?.id, 'channels.create');
    assert.equal(matchOperation('GET', 'channels/abc')?.id, 'channels.get');
    assert.deepEqual(matchOperation('DELETE', 'bridges/b%2F1')?.params, { bridgeId: 'b/1' });
    assert.equal(matchOperation('GET', 'no/such/thing'), undefined);
    assert.equal(matchOperation('PATCH', 'channels'), undefined);
  });

  it('one line per exchange and event for the command line; a request waits for its answer', () => {
    const started = { kind: 'restStarted', exchangeId: 1, at: Date.UTC(2026, 0, 1, 12, 0, 1, 234), via: 'http', method: 'POST', resource: 'channels/c1/move', query: [['app', 'x']] } as const;
    assert.equal(traceLine(started), undefined);
    assert.equal(traceLine({ ...started, kind: 'rest', status: 204, reason: 'No Content', durationMs: 3.14, requestHeaders: [], responseHeaders: [] }), '12:00:01.234 REST   POST channels/c1/move?app=x → 204 No Content (3.1 ms)');
    assert.equal(traceLine({ kind: 'socket', socketId: 2, at: started.at, state: 'opened', apps: ['billing'], subscribeAll: false }), '12:00:01.234 SOCKET [socket 2] opened: app=billing');
    assert.match(traceLine({ kind: 'event', socketId: 2, at: started.at, frame: Buffer.from('{"type":"StasisStart","application":"billing","timestamp":"x","args":[],"channel":{"id":"c1","name":"PJSIP/a","state":"Up","caller":{"name":"","number":""}}}') }) ?? '', /^12:00:01\.234 EVENT {2}\[socket 2\] StasisStart app="billing" channel="PJSIP\/a" \(c1\)/);
  });
});
