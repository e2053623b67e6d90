// A sample builder that walks the spec and fills required fields with plausible values.
import assert from 'node:assert/strict';
import type { SpecProperty } from './ariSpecFixture';
import { discriminatorFor, ownerOf, propertiesOf } from './ariEventSpec';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export const TIMESTAMP = '2025-03-12T15:22:59.227-0600';
export const ASTERISK_ID = '02:42:ac:11:00:02';

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
export function buildSample(id: string, depth = 0): { [key: string]: Json } {
  assert.ok(depth < 8, `model nesting too deep at ${id}`);
  const out: { [key: string]: Json } = {};
  const disc = discriminatorFor(id);
  for (const [name, prop] of propertiesOf(id)) {
    if (name === disc) out[name] = id;
    else if (prop.required === true || name === 'asterisk_id') out[name] = sampleValue(ownerOf(id, name), name, prop, depth);
  }
  return out;
}
