import assert from 'node:assert/strict';
import { AriConfigError } from '../../src/ari/AriConfigError';
import { ARI_OPERATION_DOCS } from '../../src/ari/generated/ariOperationDocs';
import { ARI_OPERATIONS, ARI_OPERATION_IDS, CHANNELS_HANGUP_REASON_VALUES, type AriOperationId, type AriOperationParams, type AriParameterSpec } from '../../src/ari/generated/ariOperations';
import { buildOperationRequest, expectedValue, operationParamsProblem, type AriParameterDocs, type OperationRequest } from '../../src/ari/operationRequest';

/** The request as plain data, the query as its exact wire text. */
function wire(request: OperationRequest): { method: string; resource: string; query: string; body?: unknown } {
  const { method, resource, query } = request;
  return 'body' in request ? { method, resource, query: query.toString(), body: request.body } : { method, resource, query: query.toString() };
}

/** Parameters as a console would hand them over: untyped JSON. */
function untyped<K extends AriOperationId>(_id: K, json: string): AriOperationParams[K] {
  return JSON.parse(json) as AriOperationParams[K];
}

describe('buildOperationRequest', () => {
  it('move: path id substituted, query in spec order', () => {
    assert.deepEqual(wire(buildOperationRequest('channels.move', { appArgs: 'a,b', app: 'ari-example2', channelId: '1712.4' })), {
      method: 'POST',
      resource: 'channels/1712.4/move',
      query: 'app=ari-example2&appArgs=a%2Cb',
    });
  });

  it('hangup with a reason; omitted and undefined optional parameters are left out', () => {
    assert.deepEqual(wire(buildOperationRequest('channels.hangup', { channelId: 'c1', reason: 'busy', reason_code: undefined })), {
      method: 'DELETE',
      resource: 'channels/c1',
      query: 'reason=busy',
    });
    const move = buildOperationRequest('channels.move', { channelId: 'c1', app: 'x', appArgs: undefined });
    assert.deepEqual([...move.query.keys()], ['app']);
    assert.equal('body' in move, false);
  });

  it('originate: variables go in the body as {"variables": …}, the rest in the query', () => {
    const variables = { 'CALLERID(name)': 'Zoë', Call_State: { value: 'WaitingForAgent', report_events: true } };
    assert.deepEqual(wire(buildOperationRequest('channels.originate', { endpoint: 'Local/100@default', app: 'ari-example1', appArgs: 'x,y', timeout: 30, variables })), {
      method: 'POST',
      resource: 'channels',
      query: 'endpoint=Local%2F100%40default&app=ari-example1&appArgs=x%2Cy&timeout=30',
      body: { variables },
    });
    // Without variables there is no body at all.
    assert.equal('body' in buildOperationRequest('channels.originate', { endpoint: 'Local/100@default', app: 'a' }), false);
  });

  it('the other body parameters: {"<name>": value} except the whole-body ones (filter, bridges.create)', () => {
    const fields = [{ attribute: 'max_contacts', value: '1' }];
    // Asterisk reads body.fields as the list (res/ari/resource_asterisk.c, docs/ari-behaviour.md#request-encoding).
    assert.deepEqual(wire(buildOperationRequest('asterisk.updateObject', { configClass: 'res_pjsip', objectType: 'aor', id: 'alice', fields })), {
      method: 'PUT',
      resource: 'asterisk/config/dynamic/res_pjsip/aor/alice',
      query: '',
      body: { fields },
    });
    assert.deepEqual(buildOperationRequest('channels.setChannelVars', { channelId: 'c1', variables: { A: '1' } }).body, { variables: { A: '1' } });
    assert.deepEqual(buildOperationRequest('events.userEvent', { eventName: 'ev', application: 'app', variables: { k: 'v' } }).body, { variables: { k: 'v' } });
    assert.deepEqual(buildOperationRequest('bridges.createWithId', { bridgeId: 'b1', variables: { S: '1' } }).body, { variables: { S: '1' } });
    // ast_ari_bridges_create reads the whole body as the variables (unlike createWithId).
    assert.deepEqual(wire(buildOperationRequest('bridges.create', { name: 'support', variables: { S: { value: 'waiting', report_events: true } } })), {
      method: 'POST',
      resource: 'bridges',
      query: 'name=support',
      body: { S: { value: 'waiting', report_events: true } },
    });
  });

  it('applications.filter: the filter object is the whole body', () => {
    const filter = { allowed: [{ type: 'StasisStart' }, { type: 'StasisEnd' }], disallowed: [] };
    assert.deepEqual(wire(buildOperationRequest('applications.filter', { applicationName: 'demo-ivr', filter })), {
      method: 'PUT',
      resource: 'applications/demo-ivr/eventFilter',
      query: '',
      body: filter,
    });
  });

  it('allowMultiple: one comma-separated value (Asterisk keeps only the last of repeated names)', () => {
    const subscribe = buildOperationRequest('applications.subscribe', { applicationName: 'app', eventSource: ['channel:c1', 'endpoint:PJSIP/alice'] });
    assert.deepEqual(wire(subscribe), { method: 'POST', resource: 'applications/app/subscription', query: 'eventSource=channel%3Ac1%2Cendpoint%3APJSIP%2Falice' });
    assert.deepEqual(subscribe.query.getAll('eventSource'), ['channel:c1,endpoint:PJSIP/alice']);
    assert.deepEqual(buildOperationRequest('applications.unsubscribe', { applicationName: 'app', eventSource: 'bridge:b1' }).query.getAll('eventSource'), ['bridge:b1']);
    const add = buildOperationRequest('bridges.addChannel', { bridgeId: 'b1', channel: ['c1', 'c2', 'c3'], role: 'participant' });
    assert.deepEqual(wire(add), { method: 'POST', resource: 'bridges/b1/addChannel', query: 'channel=c1%2Cc2%2Cc3&role=participant' });
    assert.deepEqual(buildOperationRequest('asterisk.getInfo', { only: ['build', 'status'] }).query.toString(), 'only=build%2Cstatus');
  });

  it('allowMultiple: commas, quotes, backslashes and brackets inside a value are escaped for ast_app_separate_args', () => {
    const play = buildOperationRequest('channels.play', { channelId: 'c1', media: ['tone:440/200,0/300', 'sound:a"b', 'sound:c\\d', 'sound:(e'] });
    assert.deepEqual(play.query.getAll('media'), ['tone:440/200\\,0/300,sound:a\\"b,sound:c\\\\d,sound:\\(e']);
    // A single value goes through the same splitting, so it is escaped too.
    assert.deepEqual(buildOperationRequest('channels.play', { channelId: 'c1', media: 'tone:1,2' }).query.getAll('media'), ['tone:1\\,2']);
  });

  it('refuses the events WebSocket, which is no REST call (AriEventsClient opens it)', () => {
    assert.throws(
      () => buildOperationRequest('events.eventWebsocket', { app: ['ari-example1'] }),
      (e: Error) => e instanceof AriConfigError && e.message === 'events.eventWebsocket is a WebSocket upgrade, not a REST call: the events socket (AriEventsClient) opens it.',
    );
  });

  it('percent-encodes each path id on its own, "/" and " " included', () => {
    assert.equal(buildOperationRequest('channels.move', { channelId: 'abc/1 2', app: 'x' }).resource, 'channels/abc%2F1%202/move');
    assert.equal(
      buildOperationRequest('endpoints.get', { tech: 'PJSIP', resource: 'alice+bob@x?y#z' }).resource,
      'endpoints/PJSIP/alice%2Bbob%40x%3Fy%23z',
    );
    assert.equal(buildOperationRequest('channels.get', { channelId: '$&{channelId}' }).resource, 'channels/%24%26%7BchannelId%7D');
  });

  it('writes booleans as true/false and numbers as decimals', () => {
    const add = buildOperationRequest('bridges.addChannel', { bridgeId: 'b', channel: 'c', absorbDTMF: true, mute: false, inhibitConnectedLineUpdates: true });
    assert.equal(add.query.toString(), 'channel=c&absorbDTMF=true&mute=false&inhibitConnectedLineUpdates=true');
    const dtmf = buildOperationRequest('channels.sendDTMF', { channelId: 'c', dtmf: '12#', before: 0, between: 250, duration: 100, after: 1000 });
    assert.equal(dtmf.query.toString(), 'dtmf=12%23&before=0&between=250&duration=100&after=1000');
    assert.equal(buildOperationRequest('channels.dial', { channelId: 'c', timeout: 45 }).query.toString(), 'timeout=45');
  });

  it('an operation without parameters: no query, no body', () => {
    assert.deepEqual(wire(buildOperationRequest('asterisk.ping', {})), { method: 'GET', resource: 'asterisk/ping', query: '' });
    assert.deepEqual(wire(buildOperationRequest('applications.list', {})), { method: 'GET', resource: 'applications', query: '' });
  });

  it('builds every REST operation of the spec from its required parameters, without a placeholder left', () => {
    const sample: Record<string, unknown> = { string: 'x', int: 1, long: 1, double: 1.5, boolean: true, containers: {}, object: {} };
    for (const id of ARI_OPERATION_IDS.filter((id) => !ARI_OPERATIONS[id].upgrade)) {
      const params: Record<string, unknown> = {};
      for (const p of ARI_OPERATIONS[id].parameters) if (p.required) params[p.name] = p.allowableValues?.[0] ?? sample[p.type];
      assert.equal(operationParamsProblem(id, params), undefined, id);
      const request = buildOperationRequest(id, untyped(id, JSON.stringify(params)));
      assert.equal(request.method, ARI_OPERATIONS[id].method, id);
      assert.doesNotMatch(request.resource, /[{}]|^\//, id);
      assert.equal(request.resource.split('/').length, ARI_OPERATIONS[id].path.split('/').length - 1, id);
    }
  });

  it('throws AriConfigError with the problem, without building anything', () => {
    assert.throws(
      () => buildOperationRequest('channels.move', untyped('channels.move', '{"channelId":"c1"}')),
      (e: Error) => e instanceof AriConfigError && e.message === 'channels.move needs "app" (query, a string).',
    );
    assert.throws(() => buildOperationRequest('channels.hangup', untyped('channels.hangup', '{"channelId":"c1","reason":"bogus"}')), AriConfigError);
  });
});

describe('operationParamsProblem', () => {
  it('is undefined for parameters Asterisk takes as given', () => {
    assert.equal(operationParamsProblem('channels.move', { channelId: 'c1', app: 'a' }), undefined);
    assert.equal(operationParamsProblem('channels.move', { channelId: 'c1', app: 'a', appArgs: undefined }), undefined);
    assert.equal(operationParamsProblem('channels.record', { channelId: 'c', name: 'r', format: 'wav', maxDurationSeconds: 0, ifExists: 'append' }), undefined);
    for (const reason of CHANNELS_HANGUP_REASON_VALUES) assert.equal(operationParamsProblem('channels.hangup', { channelId: 'c', reason }), undefined);
  });

  it('names a missing required parameter, where it goes and what it takes, from the runtime table alone', () => {
    assert.equal(operationParamsProblem('channels.move', { channelId: 'c1' }), 'channels.move needs "app" (query, a string).');
    assert.equal(operationParamsProblem('channels.move', { app: 'a' }), 'channels.move needs "channelId" (path, a string).');
    assert.equal(operationParamsProblem('channels.setChannelVars', { channelId: 'c' }), 'channels.setChannelVars needs "variables" (body, a JSON object).');
    assert.equal(operationParamsProblem('applications.subscribe', { applicationName: 'a', eventSource: [] }), 'applications.subscribe needs "eventSource" (query, one or more strings).');
    assert.equal(
      operationParamsProblem('deviceStates.update', { deviceName: 'Stasis:x' }),
      'deviceStates.update needs "deviceState" (query, one of NOT_INUSE, INUSE, BUSY, INVALID, UNAVAILABLE, RINGING, RINGINUSE, ONHOLD).',
    );
  });

  it('adds the description of a missing parameter when given the docs (ARI_OPERATION_DOCS or any lookup)', () => {
    assert.equal(
      operationParamsProblem('channels.move', { channelId: 'c1' }, ARI_OPERATION_DOCS),
      'channels.move needs "app" (query, a string): the channel will be passed to this Stasis application.',
    );
    assert.equal(operationParamsProblem('channels.move', { app: 'a' }, ARI_OPERATION_DOCS), 'channels.move needs "channelId" (path, a string): channel\'s id.');
    assert.match(
      operationParamsProblem('channels.setChannelVars', { channelId: 'c' }, ARI_OPERATION_DOCS) ?? '',
      /^channels\.setChannelVars needs "variables" \(body, a JSON object\): the "variables" key in the body object holds variable key\/value pairs to set on the channel\. /,
    );
    // Docs without that operation or parameter, or with an empty description, add nothing.
    const partial: AriParameterDocs = { 'channels.move': { parameters: { channelId: '  ' } }, 'channels.hangup': { parameters: {} } };
    assert.equal(operationParamsProblem('channels.move', { app: 'a' }, partial), 'channels.move needs "channelId" (path, a string).');
    assert.equal(operationParamsProblem('channels.hangup', {}, partial), 'channels.hangup needs "channelId" (path, a string).');
    assert.equal(operationParamsProblem('channels.get', {}, partial), 'channels.get needs "channelId" (path, a string).');
    // Only the missing-parameter sentence uses them; the others need none.
    assert.equal(operationParamsProblem('channels.dial', { channelId: 'c', timeout: '30' }, ARI_OPERATION_DOCS), 'channels.dial "timeout" must be a whole number; got "30".');
  });

  it('says what a parameter takes, in words (expectedValue)', () => {
    const param = (id: AriOperationId, name: string): AriParameterSpec => {
      const p = ARI_OPERATIONS[id].parameters.find((q) => q.name === name);
      assert.ok(p, `${id} ${name}`);
      return p;
    };
    assert.equal(expectedValue(param('channels.record', 'maxSilenceSeconds')), 'a whole number, at least 0');
    assert.equal(expectedValue(param('asterisk.getInfo', 'only')), 'one or more of build, system, config, status');
    assert.equal(expectedValue(param('channels.play', 'media')), 'one or more strings');
    assert.equal(expectedValue(param('bridges.addChannel', 'mute')), 'true or false');
    assert.equal(expectedValue(param('channels.hangup', 'reason_code')), 'a string');
    const spec: AriParameterSpec = { name: 'x', in: 'query', type: 'double', required: true, allowMultiple: false, range: { min: -1, max: 1.5 } };
    assert.equal(expectedValue(spec), 'a number, from -1 to 1.5');
    assert.equal(expectedValue({ ...spec, type: 'long', range: { max: 9 } }), 'a whole number, at most 9');
    assert.equal(expectedValue({ ...spec, type: 'List[string]', range: undefined }), 'a list of strings');
    assert.equal(expectedValue({ ...spec, type: 'object', range: undefined, allowMultiple: true }), 'one or more JSON objects');
  });

  it('lists the allowed values of a value outside allowableValues', () => {
    assert.equal(
      operationParamsProblem('channels.hangup', { channelId: 'c', reason: 'bogus' }),
      'channels.hangup "reason" must be one of normal, busy, congestion, no_answer, timeout, rejected, unallocated, normal_unspecified, number_incomplete, codec_mismatch, interworking, failure, answered_elsewhere; got "bogus".',
    );
    assert.equal(
      operationParamsProblem('asterisk.getInfo', { only: ['build', 'BUILD'] }),
      'asterisk.getInfo "only" (value 2) must be one of build, system, config, status; got "BUILD".',
    );
  });

  it('names a wrong type', () => {
    assert.equal(operationParamsProblem('channels.dial', { channelId: 'c', timeout: '30' }), 'channels.dial "timeout" must be a whole number; got "30".');
    assert.equal(operationParamsProblem('channels.dial', { channelId: 'c', timeout: 1.5 }), 'channels.dial "timeout" must be a whole number; got 1.5.');
    assert.equal(operationParamsProblem('channels.move', { channelId: 42, app: 'a' }), 'channels.move "channelId" must be a string; got 42.');
    assert.equal(operationParamsProblem('bridges.addChannel', { bridgeId: 'b', channel: 'c', mute: 'yes' }), 'bridges.addChannel "mute" must be true or false; got "yes".');
    assert.equal(operationParamsProblem('channels.originate', { endpoint: 'e', variables: ['A=1'] }), 'channels.originate "variables" must be a JSON object; got ["A=1"].');
    assert.equal(operationParamsProblem('applications.filter', { applicationName: 'a', filter: null }), 'applications.filter "filter" must be a JSON object; got null.');
    assert.equal(operationParamsProblem('channels.play', { channelId: 'c', media: ['sound:a', 7] }), 'channels.play "media" (value 2) must be a string; got 7.');
  });

  it('names a value out of range', () => {
    assert.equal(
      operationParamsProblem('channels.record', { channelId: 'c', name: 'r', format: 'wav', maxSilenceSeconds: -1 }),
      'channels.record "maxSilenceSeconds" must be at least 0; got -1.',
    );
  });

  it('names an unknown parameter, with a hint for a wrong case, and lists the real ones', () => {
    assert.equal(
      operationParamsProblem('channels.move', { channelId: 'c', app: 'a', appargs: 'x' }),
      'channels.move has no parameter "appargs". Did you mean "appArgs"? Its parameters: channelId, app, appArgs.',
    );
    assert.equal(operationParamsProblem('channels.move', { channelId: 'c', ap: 'a' }), 'channels.move has no parameter "ap". Its parameters: channelId, app, appArgs.');
    assert.equal(operationParamsProblem('asterisk.ping', { verbose: true }), 'asterisk.ping takes no parameters; remove "verbose".');
    assert.equal(operationParamsProblem('channels.teleport' as AriOperationId, {}), 'There is no ARI operation "channels.teleport".');
  });

  it('refuses what Asterisk would misread: empty or dot ids, body members read as parameters', () => {
    assert.equal(operationParamsProblem('channels.get', { channelId: '' }), 'channels.get "channelId" cannot be "": it would not reach the resource.');
    assert.equal(operationParamsProblem('channels.get', { channelId: '..' }), 'channels.get "channelId" cannot be "..": it would not reach the resource.');
    assert.equal(
      operationParamsProblem('bridges.create', { variables: { name: 'x' } }),
      'bridges.create "variables" cannot have a member "name": it is sent as the whole body, and Asterisk reads a body member "name" as the query parameter "name" too.',
    );
  });
});
