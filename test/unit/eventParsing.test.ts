// Events as they come off the ARI WebSocket, against the generated types and the spec:
// one spec-built sample per event type, plus real payloads seen on Asterisk 22.10.1.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  ALL_BRIDGES_TOPIC,
  ALL_CHANNELS_TOPIC,
  ALL_ENDPOINTS_TOPIC,
  ARI_EVENT_TYPES,
  isAriEventType,
  type AriEvent,
  type AriEventMap,
  type Application,
  type ApplicationMoveFailed,
  type Channel,
  type ChannelState,
  type RESTResponse,
  type StasisStart,
} from '../../src/ari/generated/ariTypes';

// ---------------------------------------------------------------------------------------------
// The spec, read at test time

interface SpecProperty {
  type: string;
  required?: boolean;
  allowableValues?: { valueType: string; values?: string[] };
}
interface SpecModel {
  id: string;
  properties?: Record<string, SpecProperty>;
  subTypes?: string[];
  discriminator?: string;
}

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      const { name } = JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string };
      if (name === 'stasis-explorer') return dir;
    }
    if (path.dirname(dir) === dir) throw new Error(`No stasis-explorer package.json above ${start}`);
  }
}

const SPEC_DIR = path.join(findRepoRoot(__dirname), 'spec', 'ari', 'api-docs');

const MODELS = new Map<string, SpecModel>();
for (const file of fs.readdirSync(SPEC_DIR).filter((f) => f.endsWith('.json')).sort()) {
  const doc = JSON.parse(fs.readFileSync(path.join(SPEC_DIR, file), 'utf8')) as { models?: Record<string, SpecModel> };
  for (const [id, model] of Object.entries(doc.models ?? {})) MODELS.set(id, model);
}
const PARENT = new Map<string, string>();
for (const [id, model] of MODELS) for (const child of model.subTypes ?? []) PARENT.set(child, id);
const SPEC_EVENT_TYPES = MODELS.get('Event')?.subTypes ?? [];

function model(id: string): SpecModel {
  const m = MODELS.get(id);
  if (!m) throw new Error(`No model ${id} in the spec`);
  return m;
}

/** Own and inherited properties, root first (Message, Event, then the subtype). */
function propertiesOf(id: string): Array<[string, SpecProperty]> {
  const chain: string[] = [];
  for (let cur: string | undefined = id; cur !== undefined; cur = PARENT.get(cur)) chain.unshift(cur);
  return chain.flatMap((m) => Object.entries(model(m).properties ?? {}));
}

/** The discriminator property that names `id`, if `id` is a concrete subtype (e.g. Message.type). */
function discriminatorFor(id: string): string | undefined {
  if (model(id).subTypes?.length) return undefined;
  for (let cur = PARENT.get(id); cur !== undefined; cur = PARENT.get(cur)) {
    const d = model(cur).discriminator;
    if (d !== undefined) return d;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// A sample builder that walks the spec and fills required fields with plausible values

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

const TIMESTAMP = '2025-03-12T15:22:59.227-0600';
const ASTERISK_ID = '02:42:ac:11:00:02';

const STRING_SAMPLES: Record<string, string> = {
  'Channel.id': '1741988825.0',
  'Channel.name': 'PJSIP/alice-00000001',
  'Channel.protocol_id': '2f1c9a4e-7d0e-4b7a@127.0.0.1',
  'Channel.accountcode': '',
  'Channel.language': 'en',
  'CallerID.name': 'Alice',
  'CallerID.number': '100',
  'DialplanCEP.context': 'stasis-ari-example1',
  'DialplanCEP.exten': '123',
  'DialplanCEP.app_name': 'Stasis',
  'DialplanCEP.app_data': 'ari-example1',
  'Bridge.id': '5b3d2f1e-0c7a-4a1e-9f55-1d2c3b4a5e6f',
  'Bridge.technology': 'simple_bridge',
  'Bridge.bridge_class': 'stasis',
  'Bridge.creator': 'Stasis',
  'Bridge.name': 'conference-1',
  'Endpoint.technology': 'PJSIP',
  'Endpoint.resource': 'alice',
  'Playback.id': 'playback-1',
  'Playback.media_uri': 'sound:hello-world',
  'Playback.target_uri': 'channel:1741988825.0',
  'LiveRecording.name': 'recording-1',
  'LiveRecording.format': 'wav',
  'LiveRecording.target_uri': 'channel:1741988825.0',
  'DeviceState.name': 'Stasis:door',
  'ContactInfo.uri': 'sip:alice@127.0.0.1:5062',
  'ContactInfo.aor': 'alice',
  'Peer.peer_status': 'Reachable',
  'TextMessage.from': 'sip:alice@127.0.0.1',
  'TextMessage.to': 'pjsip:bob',
  'TextMessage.body': 'hello',
  'Event.application': 'ari-example1',
  'Message.asterisk_id': ASTERISK_ID,
  'ApplicationMoveFailed.destination': 'ari-example2',
  'BridgeBlindTransfer.exten': '200',
  'BridgeBlindTransfer.context': 'default',
  'BridgeBlindTransfer.result': 'Success',
  'BridgeAttendedTransfer.result': 'Success',
  'BridgeAttendedTransfer.destination_type': 'bridge',
  'ChannelDestroyed.cause_txt': 'Normal Clearing',
  'ChannelDtmfReceived.digit': '5',
  'ChannelDialplan.dialplan_app': 'Playback',
  'ChannelDialplan.dialplan_app_data': 'hello-world',
  'ChannelCallerId.caller_presentation_txt': 'Presentation Allowed, Not Screened',
  'ChannelUserevent.eventname': 'MyUserEvent',
  'ChannelVarset.variable': 'FOO',
  'ChannelVarset.value': 'bar',
  'Dial.dialstatus': 'ANSWER',
  'RESTResponse.transaction_id': 'tx-1',
  'RESTResponse.request_id': 'req-1',
  'RESTResponse.reason_phrase': 'No Content',
  'RESTResponse.uri': 'channels/1741988825.0/answer',
  'CallClaimed.winner_app': 'ari-example1',
};

const NUMBER_SAMPLES: Record<string, number> = {
  'DialplanCEP.priority': 1,
  'ChannelDestroyed.cause': 16,
  'ChannelDtmfReceived.duration_ms': 120,
  'ChannelCallerId.caller_presentation': 0,
  'ChannelTalkingFinished.duration': 1500,
  'RESTResponse.status_code': 204,
};

const ENUM_SAMPLES: Record<string, string> = { 'Channel.state': 'Up' };

function sampleValue(owner: string, name: string, prop: SpecProperty, depth: number): Json {
  const key = `${owner}.${name}`;
  const list = /^List\[(.+)\]$/.exec(prop.type);
  if (list) {
    if (key.endsWith('.args')) return ['a', 'b'];
    if (list[1] === 'object') return [{ type: 'StasisStart' }];
    return [sampleValue(owner, name, { type: list[1] }, depth)];
  }
  if (prop.allowableValues?.values) return ENUM_SAMPLES[key] ?? prop.allowableValues.values[0];
  switch (prop.type) {
    case 'string':
      return STRING_SAMPLES[key] ?? `${name}-sample`;
    case 'Date':
      return TIMESTAMP;
    case 'int':
    case 'long':
    case 'double':
      return NUMBER_SAMPLES[key] ?? 1;
    case 'boolean':
      return false;
    case 'object':
      return key === 'ChannelUserevent.userevent' ? { eventname: 'MyUserEvent', foo: 'bar' } : {};
    default:
      return buildSample(prop.type, depth + 1);
  }
}

/** A payload for model `id` with every required field (and `asterisk_id`, which Asterisk always adds). */
function buildSample(id: string, depth = 0): { [key: string]: Json } {
  assert.ok(depth < 8, `model nesting too deep at ${id}`);
  const out: { [key: string]: Json } = {};
  const disc = discriminatorFor(id);
  for (const [name, prop] of propertiesOf(id)) {
    if (name === disc) out[name] = id;
    else if (prop.required === true || name === 'asterisk_id') out[name] = sampleValue(ownerOf(id, name), name, prop, depth);
  }
  return out;
}

/** Which model in the inheritance chain of `id` declares `name`. */
function ownerOf(id: string, name: string): string {
  for (let cur: string | undefined = id; cur !== undefined; cur = PARENT.get(cur)) {
    if (model(cur).properties?.[name]) return cur;
  }
  return id;
}

// ---------------------------------------------------------------------------------------------
// A validator against the spec (with the documented quirks), used on samples and real payloads

const TIMESTAMP_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;
const REAL_CHANNEL_STATES = ['Down', 'Rsrvd', 'OffHook', 'Dialing', 'Ring', 'Ringing', 'Up', 'Busy', 'Dialing Offhook', 'Pre-ring', 'Mute'];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkValue(owner: string, name: string, prop: SpecProperty, value: unknown, at: string, errors: string[]): void {
  const list = /^List\[(.+)\]$/.exec(prop.type);
  if (list) {
    if (!Array.isArray(value)) errors.push(`${at}: expected a list`);
    else value.forEach((v, i) => checkValue(owner, name, { type: list[1] }, v, `${at}[${i}]`, errors));
    return;
  }
  const values = prop.allowableValues?.values;
  if (`${owner}.${name}` === 'Channel.state') {
    // Quirk: Asterisk sends ast_state2str() strings, not the spec enum (see ChannelState).
    if (typeof value !== 'string' || !(REAL_CHANNEL_STATES.includes(value) || /^Unknown \(\d+\)$/.test(value))) {
      errors.push(`${at}: ${JSON.stringify(value)} is not a channel state Asterisk sends`);
    }
    return;
  }
  if (values && !values.includes(value as string)) errors.push(`${at}: ${JSON.stringify(value)} not in ${values.join('|')}`);
  switch (prop.type) {
    case 'string':
      if (typeof value !== 'string') errors.push(`${at}: expected a string`);
      break;
    case 'Date':
      if (typeof value !== 'string' || !TIMESTAMP_FORMAT.test(value)) errors.push(`${at}: expected an Asterisk timestamp`);
      break;
    case 'int':
    case 'long':
      if (!Number.isInteger(value)) errors.push(`${at}: expected an integer`);
      break;
    case 'double':
      if (typeof value !== 'number') errors.push(`${at}: expected a number`);
      break;
    case 'boolean':
      if (typeof value !== 'boolean') errors.push(`${at}: expected a boolean`);
      break;
    case 'object':
      if (!isObject(value)) errors.push(`${at}: expected an object`);
      break;
    default:
      checkModel(prop.type, value, at, errors);
  }
}

function checkModel(id: string, value: unknown, at: string, errors: string[]): void {
  if (!isObject(value)) {
    errors.push(`${at}: expected a ${id} object`);
    return;
  }
  const disc = discriminatorFor(id);
  for (const [name, prop] of propertiesOf(id)) {
    const v = value[name];
    if (v === undefined) {
      if (prop.required === true) errors.push(`${at}.${name}: required by the spec but missing`);
    } else if (name === disc) {
      if (v !== id) errors.push(`${at}.${name}: expected ${JSON.stringify(id)}`);
    } else {
      checkValue(ownerOf(id, name), name, prop, v, `${at}.${name}`, errors);
    }
  }
}

function specErrors(id: string, value: unknown): string[] {
  const errors: string[] = [];
  checkModel(id, value, id, errors);
  return errors;
}

/** What a WebSocket client does with a text frame: parse it and accept only known event types. */
function parseEvent(frame: string): AriEvent {
  const value: unknown = JSON.parse(frame);
  if (!isObject(value) || typeof value.type !== 'string' || !isAriEventType(value.type)) {
    throw new Error(`Not an ARI event: ${frame.slice(0, 80)}`);
  }
  const errors = specErrors(value.type, value);
  if (errors.length > 0) throw new Error(`Invalid ${value.type}: ${errors.join('; ')}`);
  return value as unknown as AriEvent;
}

/** A typed consumer: proves that `type` narrows AriEvent to the right interface. */
function summarize(ev: AriEvent): string {
  switch (ev.type) {
    case 'ApplicationMoveFailed':
      return `move of ${ev.channel.id} to ${ev.destination} failed, args [${ev.args.join(',')}]`;
    case 'StasisStart':
      return `${ev.channel.id} (${ev.channel.state}) entered ${ev.application}, args [${ev.args.join(',')}]`;
    case 'RESTResponse':
      return `${ev.status_code} ${ev.reason_phrase}`;
    default:
      return ev.type;
  }
}

function handlerFor<K extends keyof AriEventMap>(type: K, handler: (ev: AriEventMap[K]) => string): (ev: AriEvent) => string | undefined {
  return (ev) => (ev.type === type ? handler(ev as AriEventMap[K]) : undefined);
}

// ---------------------------------------------------------------------------------------------

describe('ARI events: every spec event type, built from the spec', () => {
  it('covers the same event types as the generated ARI_EVENT_TYPES', () => {
    assert.equal(SPEC_EVENT_TYPES.length, 45);
    assert.deepEqual([...ARI_EVENT_TYPES], SPEC_EVENT_TYPES);
  });

  for (const eventType of SPEC_EVENT_TYPES) {
    it(`${eventType}: round-trips through JSON, has a known type and all required fields`, () => {
      const sample = buildSample(eventType);
      const frame = JSON.stringify(sample);
      const parsed: unknown = JSON.parse(frame);
      assert.deepEqual(parsed, sample);
      assert.ok(isObject(parsed));
      assert.equal(parsed.type, eventType);
      assert.ok(typeof parsed.type === 'string' && isAriEventType(parsed.type));
      for (const [name, prop] of propertiesOf(eventType)) {
        if (prop.required === true) assert.ok(name in parsed, `${eventType}.${name} is required by the spec`);
      }
      assert.ok('application' in parsed && 'timestamp' in parsed && 'type' in parsed);
      assert.deepEqual(specErrors(eventType, parsed), []);
      const ev = parseEvent(frame);
      assert.equal(ev.type, eventType);
      assert.equal(typeof summarize(ev), 'string');
    });
  }

  it('rejects frames whose type is not an event', () => {
    assert.throws(() => parseEvent('{"type":"RESTRequest"}'), /Not an ARI event/);
    assert.throws(() => parseEvent('{"type":"MissingParams","params":["app"]}'), /Not an ARI event/);
    assert.throws(() => parseEvent('{"error":"InvalidMessage","message":"Message validation failed"}'), /Not an ARI event/);
    const { destination: _dropped, ...noDestination } = buildSample('ApplicationMoveFailed');
    assert.equal(_dropped, 'ari-example2');
    assert.throws(() => parseEvent(JSON.stringify(noDestination)), /destination: required by the spec but missing/);
  });
});

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

    // An error reply from ari_websocket_requests.c has no body.
    const error = parseEvent(
      '{"type":"RESTResponse","transaction_id":"","request_id":"","status_code":400,' +
        '"reason_phrase":"Unknown or missing \'method\' property.","uri":"",' +
        `"application":"ari-example1","timestamp":"${TIMESTAMP}","asterisk_id":"${ASTERISK_ID}"}`,
    );
    assert.equal(summarize(error), "400 Unknown or missing 'method' property.");
  });
});
