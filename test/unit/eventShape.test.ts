// An event of a known type whose body Asterisk never sends is refused whole by the normaliser's
// shape check, or read without harm: never applied halfway (a store throwing on a missing field
// after another store took the fact). Every spec event type, each required field left out in turn.
import assert from 'node:assert/strict';
import type { AriEvent } from '../../src/ari/generated/ariTypes';
import { ModelPipeline } from '../../src/model/ModelPipeline';
import { FakeClock } from '../support/FakeClock';
import { FakeOwnership } from '../support/modelHarness';
import { buildSample } from './ariEventSamples';
import { propertiesOf, SPEC_EVENT_TYPES } from './ariEventSpec';

function wired(): ModelPipeline {
  return new ModelPipeline(new FakeOwnership(['ari-example1']), { clock: new FakeClock() });
}

describe('event shapes: a required field missing never gets an event applied halfway', () => {
  for (const type of SPEC_EVENT_TYPES) {
    const required = propertiesOf(type)
      .filter(([name, prop]) => prop.required === true && name !== 'type')
      .map(([name]) => name);
    it(`${type}, without each of ${required.join(', ') || '(nothing required)'}`, () => {
      for (const field of required) {
        const { model, normaliser } = wired();
        const event = { ...buildSample(type) } as Record<string, unknown>;
        delete event[field];
        let problem: string | undefined;
        assert.doesNotThrow(() => {
          problem = normaliser.readEvent(event as unknown as AriEvent);
          model.flush();
        }, `${type} without "${field}" was neither refused nor read cleanly`);
        if (problem !== undefined) assert.equal([...model.channels.all].length, 0, `${type} without "${field}" was refused but left a channel`);
      }
    });
  }

  it('refuses the bridge events the model reads when their bridge is missing, or has no list of channels', () => {
    for (const type of ['BridgeCreated', 'BridgeDestroyed', 'BridgeMerged', 'BridgeVideoSourceChanged', 'ChannelEnteredBridge', 'ChannelLeftBridge']) {
      const event = { ...buildSample(type) } as Record<string, unknown>;
      const noChannels = { ...(event.bridge as Record<string, unknown>) };
      delete noChannels.channels;
      delete event.bridge;
      assert.equal(wired().normaliser.readEvent(event as unknown as AriEvent), 'its "bridge" has no id or no list of channels', type);
      assert.equal(wired().normaliser.readEvent({ ...event, bridge: noChannels } as unknown as AriEvent), 'its "bridge" has no id or no list of channels', `${type} without bridge.channels`);
    }
  });
});
