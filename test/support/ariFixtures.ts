// Payloads shaped exactly as Asterisk 22 sends them (docs/ari-behaviour.md#framing, #channel-model, #move), for unit tests.
import type {
  Application,
  ApplicationMoveFailed,
  ApplicationReplaced,
  Channel,
  ChannelDestroyed,
  ChannelHangupRequest,
  ChannelStateChange,
  ChannelVarset,
  StasisEnd,
  StasisStart,
} from '../../src/ari/generated/ariTypes';

let clock = Date.parse('2026-11-26T10:00:00.000Z');

/** Asterisk's timestamp format: no colon in the offset. */
export function stamp(): string {
  clock += 7;
  return new Date(clock).toISOString().replace('Z', '+0000');
}

export function channel(id: string, overrides: Partial<Channel> = {}): Channel {
  return {
    id,
    name: `PJSIP/alice-${id.slice(-8).padStart(8, '0')}`,
    state: 'Ring',
    protocol_id: `${id}@127.0.0.1`,
    caller: { name: 'sipp', number: '1000' },
    connected: { name: '', number: '' },
    accountcode: '',
    dialplan: { context: 'stasis-ari-example1', exten: '123', priority: 1, app_name: 'Stasis', app_data: 'ari-example1' },
    creationtime: '2026-11-26T10:00:00.000+0000',
    language: 'en',
    ...overrides,
  };
}

export function application(name: string, channelIds: string[] = [], overrides: Partial<Application> = {}): Application {
  return { name, channel_ids: channelIds, bridge_ids: [], endpoint_ids: [], device_names: [], events_allowed: [], events_disallowed: [], ...overrides };
}

const base = (application: string) => ({ application, timestamp: stamp(), asterisk_id: '52:54:00:12:34:56' });

export function stasisStart(app: string, ch: Channel, args: string[] = []): StasisStart {
  return { type: 'StasisStart', ...base(app), args, channel: ch };
}

export function stasisEnd(app: string, ch: Channel): StasisEnd {
  return { type: 'StasisEnd', ...base(app), channel: ch };
}

export function moveFailed(app: string, ch: Channel, destination: string, args: string[] = []): ApplicationMoveFailed {
  return { type: 'ApplicationMoveFailed', ...base(app), channel: ch, destination, args };
}

export function stateChange(app: string, ch: Channel): ChannelStateChange {
  return { type: 'ChannelStateChange', ...base(app), channel: ch };
}

export function hangupRequest(app: string, ch: Channel, cause = 16): ChannelHangupRequest {
  return { type: 'ChannelHangupRequest', ...base(app), channel: ch, cause };
}

export function destroyed(app: string, ch: Channel, cause = 16, causeText = 'Normal Clearing'): ChannelDestroyed {
  return { type: 'ChannelDestroyed', ...base(app), channel: ch, cause, cause_txt: causeText };
}

export function varset(app: string, ch: Channel, variable: string, value: string): ChannelVarset {
  return { type: 'ChannelVarset', ...base(app), channel: ch, variable, value };
}

export function replaced(app: string): ApplicationReplaced {
  return { type: 'ApplicationReplaced', ...base(app) };
}
