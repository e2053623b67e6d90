// Events as they come off the ARI WebSocket, against the generated types and the spec:
// one spec-built sample per event type.

import assert from 'node:assert/strict';
import { ARI_EVENT_TYPES, isAriEventType } from '../../src/ari/generated/ariTypes';
import { parseEvent, summarize } from './ariEventFrames';
import { buildSample } from './ariEventSamples';
import { propertiesOf, SPEC_EVENT_TYPES } from './ariEventSpec';
import { isObject, specErrors } from './ariEventValidator';

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
