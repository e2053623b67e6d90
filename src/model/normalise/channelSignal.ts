import type { AriEvent } from '../../ari/generated/ariTypes';
import type { ChannelSignalFact } from '../facts/Fact';

/** The signal a channel event tells of, as a fact; undefined for any other event. Our apps' events and the watcher's read it alike. */
export function channelSignalOf(event: AriEvent): ChannelSignalFact | undefined {
  switch (event.type) {
    case 'ChannelDtmfReceived':
      return { kind: 'channelSignal', channelId: event.channel.id, at: event.timestamp, signal: { kind: 'dtmf', digit: event.digit } };
    case 'ChannelHold':
    case 'ChannelUnhold':
      return { kind: 'channelSignal', channelId: event.channel.id, at: event.timestamp, signal: { kind: 'hold', on: event.type === 'ChannelHold' } };
    case 'ChannelTalkingStarted':
    case 'ChannelTalkingFinished':
      return { kind: 'channelSignal', channelId: event.channel.id, at: event.timestamp, signal: { kind: 'talking', on: event.type === 'ChannelTalkingStarted' } };
    default:
      return undefined;
  }
}
