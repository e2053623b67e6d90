// Events as they come off the ARI WebSocket, against the generated types and the spec:
// real payloads seen on Asterisk 22.10.1.

import assert from 'node:assert/strict';
import {
  ALL_BRIDGES_TOPIC,
  ALL_CHANNELS_TOPIC,
  ALL_ENDPOINTS_TOPIC,
  type Application,
  type ApplicationMoveFailed,
  type Channel,
  type ChannelState,
  type RESTResponse,
  type StasisStart,
} from '../../src/ari/generated/ariTypes';
import { handlerFor, parseEvent, summarize } from './ariEventFrames';
import { ASTERISK_ID, TIMESTAMP } from './ariEventSamples';
import { specErrors } from './ariEventValidator';

describe('ARI events: real payloads (Asterisk 22.10.1) assigned to the generated types', () => {
  // A Local channel originated with app=ari-example1&appArgs=a,b (docs/ari-behaviour.md#app-args).
  const localChannel: Channel = {
    id: '1741988825.0',
    name: 'Local/100@default-00000000;1',
    state: 'Up',
    protocol_id: '',
    caller: { name: '', number: '' },
    connected: { name: '', number: '100' },
    accountcode: '',
    dialplan: { context: 'default', exten: '100', priority: 1, app_name: 'Stasis', app_data: 'ari-example1,a,b' },
    creationtime: TIMESTAMP,
    language: 'en',
  };

  it('ApplicationMoveFailed after a move to a missing app (POST /channels/{id}/move?app=nonexistent)', () => {
    const moveFailed: ApplicationMoveFailed = {
      type: 'ApplicationMoveFailed',
      timestamp: TIMESTAMP,
      channel: localChannel,
      destination: 'nonexistent',
      args: [],
      asterisk_id: ASTERISK_ID,
      application: 'ari-example1',
    };
    const ev = parseEvent(JSON.stringify(moveFailed));
    assert.deepEqual(ev, moveFailed);
    assert.equal(summarize(ev), 'move of 1741988825.0 to nonexistent failed, args []');

    // The shape built by ast_json_pack in res_stasis (docs/ari-behaviour.md#move), with arguments.
    const frame =
      '{"type":"ApplicationMoveFailed","timestamp":"2025-03-12T15:22:59.227-0600",' +
      `"channel":${JSON.stringify(localChannel)},"destination":"billing","args":["a","b"],` +
      `"asterisk_id":"${ASTERISK_ID}","application":"ari-example1"}`;
    const onMoveFailed = handlerFor('ApplicationMoveFailed', (e) => `${e.destination}:${e.args.join('|')}`);
    assert.equal(onMoveFailed(parseEvent(frame)), 'billing:a|b');

    // @ts-expect-error destination is required
    const missingDestination: ApplicationMoveFailed = { type: 'ApplicationMoveFailed', timestamp: TIMESTAMP, application: 'a', channel: localChannel, args: [] };
    assert.ok(specErrors('ApplicationMoveFailed', missingDestination).some((e) => e.includes('destination')));
  });

  it('StasisStart in the target app after a move with appArgs=some,example,args', () => {
    const stasisStart: StasisStart = {
      type: 'StasisStart',
      timestamp: TIMESTAMP,
      args: ['some', 'example', 'args'],
      channel: localChannel,
      asterisk_id: ASTERISK_ID,
      application: 'ari-example2',
    };
    const ev = parseEvent(JSON.stringify(stasisStart));
    assert.equal(summarize(ev), '1741988825.0 (Up) entered ari-example2, args [some,example,args]');
    assert.equal(stasisStart.replace_channel, undefined);

    // @ts-expect-error a StasisStart cannot carry another event's type
    const wrongType: StasisStart = { ...stasisStart, type: 'StasisEnd' };
    assert.notEqual(wrongType.type, 'StasisStart');
  });

  it('a Channel in state "Rsrvd" (the spec says "Rsrved"), and other real states', () => {
    const reserved: Channel = { ...localChannel, id: '1741988826.1', name: 'PJSIP/bob-00000002', state: 'Rsrvd' };
    assert.deepEqual(specErrors('Channel', JSON.parse(JSON.stringify(reserved))), []);
    const states: ChannelState[] = ['Rsrvd', 'Mute', 'Unknown (12)', 'Dialing Offhook', 'Some future state'];
    for (const state of states.slice(0, 4)) assert.deepEqual(specErrors('Channel', { ...localChannel, state }), [], state);
    assert.equal(specErrors('Channel', { ...localChannel, state: 'Rsrved' }).length, 1);

    // Always-present fields of ast_channel_snapshot_to_json(), SIP call from sipp (docs/ari-behaviour.md#channel-model).
    const sipp: Channel = {
      id: '1741988900.4',
      name: 'PJSIP/alice-00000004',
      state: 'Ring',
      protocol_id: '1-4242@127.0.1.1',
      caller: { name: 'sipp', number: 'sipp' },
      connected: { name: '', number: '' },
      accountcode: '',
      dialplan: { context: 'stasis-ari-example1', exten: '123', priority: 1, app_name: 'Stasis', app_data: 'ari-example1' },
      creationtime: '2025-03-12T15:24:01.003-0600',
      language: 'en',
      channelvars: { CHANNEL_LANGUAGE: 'en' },
    };
    assert.deepEqual(specErrors('Channel', sipp), []);
  });

  it('an Application registered with subscribeAll=true lists the "all" topics', () => {
    const observer: Application = {
      name: 'vscode-ari-inspector',
      channel_ids: ['__AST_CHANNEL_ALL_TOPIC'],
      bridge_ids: [ALL_BRIDGES_TOPIC],
      endpoint_ids: [ALL_ENDPOINTS_TOPIC],
      device_names: [],
      events_allowed: [],
      events_disallowed: [{ type: 'ChannelVarset' }],
    };
    const parsed = JSON.parse(JSON.stringify(observer)) as Application;
    assert.deepEqual(specErrors('Application', parsed), []);
    assert.ok(parsed.channel_ids.includes(ALL_CHANNELS_TOPIC));
    assert.equal(ALL_CHANNELS_TOPIC, '__AST_CHANNEL_ALL_TOPIC');
    assert.equal(ALL_BRIDGES_TOPIC, '__AST_BRIDGE_ALL_TOPIC');
    assert.equal(ALL_ENDPOINTS_TOPIC, '__AST_ENDPOINT_ALL_TOPIC');
  });

  it('a RESTResponse whose message_body is a JSON string that must be parsed again', () => {
    const response: RESTResponse = {
      type: 'RESTResponse',
      transaction_id: 'tx-7',
      request_id: 'req-7',
      status_code: 200,
      reason_phrase: 'OK',
      uri: 'channels/1741988825.0',
      content_type: 'application/json',
      message_body: JSON.stringify(localChannel),
      application: 'ari-example1',
      timestamp: TIMESTAMP,
      asterisk_id: ASTERISK_ID,
    };
    const ev = parseEvent(JSON.stringify(response));
    assert.equal(summarize(ev), '200 OK');
    assert.ok(ev.type === 'RESTResponse');
    assert.equal(typeof ev.message_body, 'string');
    const body: unknown = JSON.parse(ev.message_body ?? 'null');
    assert.deepEqual(body, localChannel);
    assert.deepEqual(specErrors('Channel', body), []);

    // Asterisk's answer to a bad RESTRequest: status 400, a reason phrase, and no body
    // (docs/ari-behaviour.md#rest-over-websocket).
    const error = parseEvent(
      '{"type":"RESTResponse","transaction_id":"","request_id":"","status_code":400,' +
        '"reason_phrase":"Unknown or missing \'method\' property.","uri":"",' +
        `"application":"ari-example1","timestamp":"${TIMESTAMP}","asterisk_id":"${ASTERISK_ID}"}`,
    );
    assert.equal(summarize(error), "400 Unknown or missing 'method' property.");
  });
});
