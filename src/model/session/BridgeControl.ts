import type { AriRestClient } from '../../ari/AriRestClient';
import type { Bridge } from '../../ari/generated/ariTypes';
import type { Normaliser } from '../normalise/Normaliser';
import type { ServerModel } from '../ServerModel';

/** What a bridge is made of, as `POST /bridges` takes it (docs/ari-behaviour.md#bridges). */
export interface NewBridge {
  /** Type attributes, `mixing` if none. */
  readonly type: readonly string[];
  readonly name?: string;
}

/** A bridge was made, but the app it was made for could not be subscribed to it: it is left behind. */
export class BridgeNotHeldError extends Error {
  constructor(
    readonly bridge: Bridge,
    app: string,
    cause: Error,
  ) {
    super(`Bridge ${bridge.id} was created, but ${app} could not be subscribed to it (${cause.message}). No app holds it now; destroy it if it is not needed (DELETE /bridges/${bridge.id}).`);
  }
}

/**
 * Bridges, as the commands drive them: made for one of our apps, channels added and removed,
 * destroyed. Asterisk subscribes no app to a bridge it makes (docs/ari-behaviour.md#bridges), so
 * `create` subscribes the app it is for and tells the model, which no event would; what happens
 * to a bridge after (channels in and out, its end) comes back as that app's events.
 */
export class BridgeControl {
  constructor(
    private readonly rest: AriRestClient,
    private readonly parts: { readonly normaliser: Pick<Normaliser, 'bridgeSubscribed'>; readonly model: Pick<ServerModel, 'flush'> },
  ) {}

  async create(app: string, bridge: NewBridge): Promise<Bridge> {
    const made = await this.rest.call('bridges.create', { type: bridge.type.length > 0 ? bridge.type.join(',') : undefined, name: bridge.name || undefined });
    try {
      await this.rest.call('applications.subscribe', { applicationName: app, eventSource: `bridge:${made.id}` });
    } catch (error) {
      throw new BridgeNotHeldError(made, app, error as Error);
    }
    this.parts.normaliser.bridgeSubscribed(app, made);
    this.parts.model.flush();
    return made;
  }

  /** Resolves once Asterisk took the request; the channels are in once ChannelEnteredBridge says so. */
  add(bridgeId: string, channelIds: readonly string[]): Promise<void> {
    return this.rest.call('bridges.addChannel', { bridgeId, channel: channelIds });
  }

  remove(bridgeId: string, channelIds: readonly string[]): Promise<void> {
    return this.rest.call('bridges.removeChannel', { bridgeId, channel: channelIds });
  }

  destroy(bridgeId: string): Promise<void> {
    return this.rest.call('bridges.destroy', { bridgeId });
  }
}
