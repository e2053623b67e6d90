// The console's form model for every operation of the vendored spec (Asterisk 22.10.1): each one
// builds, says which field is wrong and why, and makes exactly the request the REST client makes.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { ARI_OPERATION_IDS, type AriOperationId, type AriOperationParams } from '../../src/ari/generated/ariOperations';
import { buildOperationRequest } from '../../src/ari/operationRequest';
import type { CatalogueOperation } from '../../src/ari/spec/AriCatalogue';
import { readBundledSpec } from '../../src/ari/spec/loadAriCatalogue';
import { readAriSpec } from '../../src/ari/spec/readAriSpec';
import { requestUri } from '../../src/console/ConsoleRequest';
import { formFields, formInputsOf, readForm, type FieldInput, type FormField } from '../../src/console/OperationForm';
import { ROOT } from './ariSpecFixture';

let operations: readonly CatalogueOperation[] = [];

/** A value each control takes, as typed, and the value it stands for. */
function sample(field: FormField, op: CatalogueOperation): { input: FieldInput; value: unknown } {
  const p = op.parameters.find((q) => q.name === field.name)!;
  switch (field.control) {
    case 'choice':
      return { input: field.choices![0], value: field.choices![0] };
    case 'choices':
      return { input: field.choices!.slice(0, 2), value: field.choices!.slice(0, 2) };
    case 'boolean':
      return { input: 'true', value: true };
    case 'number': {
      const n = p.range?.min ?? 1;
      return { input: String(n), value: n };
    }
    case 'list':
      return { input: ['a b', 'c,d'], value: ['a b', 'c,d'] };
    case 'json':
      return field.name === 'fields' ? { input: '[{"attribute":"allow","value":"ulaw"}]', value: [{ attribute: 'allow', value: 'ulaw' }] } : { input: '{"CALLERID(name)": "Zoë \\"Z\\""}', value: { 'CALLERID(name)': 'Zoë "Z"' } };
    default:
      return { input: 'id/1 x', value: 'id/1 x' };
  }
}

describe('console form model (every operation of the 22.10.1 spec)', () => {
  before(async () => {
    const { resources, files } = await readBundledSpec(path.join(ROOT, 'spec', 'ari', 'api-docs'));
    operations = readAriSpec(resources, files, 'bundled').operations;
  });

  it('reads the 109 operations, each field from one parameter', () => {
    assert.equal(operations.length, 109);
    assert.deepEqual(operations.map((op) => op.id), ARI_OPERATION_IDS);
    for (const op of operations) assert.deepEqual(formFields(op).map((f) => [f.name, f.in, f.required]), op.parameters.map((p) => [p.name, p.in, p.required]), op.id);
  });

  it('builds every REST operation with every parameter given: each field\'s text read into the value it stands for, and the request the REST client builds from those values', () => {
    let checked = 0;
    for (const op of operations.filter((o) => !o.upgrade)) {
      const fields = formFields(op);
      const inputs = Object.fromEntries(fields.map((f) => [f.name, sample(f, op).input]));
      const params = Object.fromEntries(fields.map((f) => [f.name, sample(f, op).value]));
      const reading = readForm(op, inputs);
      assert.ok(reading.ok, `${op.id}: ${reading.ok ? '' : reading.message}`);
      const expected = buildOperationRequest(op.id as AriOperationId, params as AriOperationParams[AriOperationId]);
      assert.equal(reading.request.method, expected.method, op.id);
      assert.equal(reading.request.resource, expected.resource, op.id);
      assert.deepEqual(reading.request.query, [...expected.query], op.id);
      assert.deepEqual(reading.request.body, expected.body, op.id);
      assert.deepEqual(reading.request.params, params, op.id);
      checked++;
    }
    assert.equal(checked, 108);
  });

  it('names each missing required field, where it goes and what it takes', () => {
    let checked = 0;
    for (const op of operations.filter((o) => !o.upgrade)) {
      const fields = formFields(op);
      for (const missing of fields.filter((f) => f.required)) {
        const inputs = Object.fromEntries(fields.filter((f) => f !== missing).map((f) => [f.name, sample(f, op).input]));
        const reading = readForm(op, inputs);
        assert.ok(!reading.ok, `${op.id} without ${missing.name}`);
        assert.equal(reading.field, missing.name, op.id);
        assert.match(reading.message, new RegExp(`^${op.id.replace('.', '\\.')} needs "${missing.name}" \\(${missing.in}, `), op.id);
        checked++;
      }
    }
    assert.ok(checked > 100, `${checked}`);
  });

  it('refuses a value outside allowableValues, a number that is none, and JSON that is not, naming the field', () => {
    let checked = 0;
    for (const op of operations.filter((o) => !o.upgrade)) {
      const fields = formFields(op);
      for (const field of fields.filter((f) => ['choice', 'number', 'json', 'boolean'].includes(f.control))) {
        const bad = field.control === 'choice' ? 'nope' : field.control === 'number' ? '1.5x' : field.control === 'boolean' ? 'yes' : '{ not json';
        const inputs = { ...Object.fromEntries(fields.map((f) => [f.name, sample(f, op).input])), [field.name]: bad };
        const reading = readForm(op, inputs);
        assert.ok(!reading.ok, `${op.id}.${field.name}=${bad}`);
        assert.equal(reading.field, field.name);
        assert.ok(reading.message.startsWith(`${op.id} "${field.name}" `), reading.message);
        checked++;
      }
    }
    assert.ok(checked > 60, `${checked}`);
  });

  it('gives back the inputs of any request it built (history entries are edited again)', () => {
    for (const op of operations.filter((o) => !o.upgrade)) {
      const fields = formFields(op);
      const first = readForm(op, Object.fromEntries(fields.map((f) => [f.name, sample(f, op).input])));
      assert.ok(first.ok);
      const again = readForm(op, formInputsOf(op, first.request.params));
      assert.ok(again.ok, op.id);
      assert.deepEqual(again.request, first.request, op.id);
    }
  });

  const op = (id: string) => operations.find((o) => o.id === id)!;

  it('makes the exact requests Asterisk expects: a move with args, repeated media, a variables body, a bridge body, a list of choices', () => {
    const move = readForm(op('channels.move'), { channelId: 'ch/1', app: 'billing', appArgs: 'a,b' });
    assert.ok(move.ok);
    assert.equal(requestUri(move.request), 'channels/ch%2F1/move?app=billing&appArgs=a%2Cb');

    const play = readForm(op('channels.play'), { channelId: 'c1', media: ['sound:hello-world', '', 'sound:a,b'], lang: 'en' });
    assert.ok(play.ok);
    assert.equal(requestUri(play.request), 'channels/c1/play?media=sound%3Ahello-world%2Csound%3Aa%5C%2Cb&lang=en');

    const originate = readForm(op('channels.originate'), { endpoint: 'PJSIP/alice', app: 'billing', timeout: '20', variables: '{ "CALLERID(name)": "Alice" }' });
    assert.ok(originate.ok);
    assert.equal(requestUri(originate.request), 'channels?endpoint=PJSIP%2Falice&app=billing&timeout=20');
    assert.deepEqual(originate.request.body, { variables: { 'CALLERID(name)': 'Alice' } });

    const setVars = readForm(op('channels.setChannelVars'), { channelId: 'c1', variables: '{ "A": "1", "B": "" }' });
    assert.ok(setVars.ok);
    assert.deepEqual(setVars.request.body, { variables: { A: '1', B: '' } });

    const bridge = readForm(op('bridges.create'), { type: 'mixing,dtmf_events', name: 'conf' });
    assert.ok(bridge.ok);
    assert.equal(requestUri(bridge.request), 'bridges?type=mixing%2Cdtmf_events&name=conf');

    const info = readForm(op('asterisk.getInfo'), { only: ['build', 'system'] });
    assert.ok(info.ok);
    assert.equal(requestUri(info.request), 'asterisk/info?only=build%2Csystem');

    const hangup = readForm(op('channels.hangup'), { channelId: 'c1', reason: 'busy' });
    assert.ok(hangup.ok);
    assert.equal(hangup.request.method, 'DELETE');
    assert.equal(requestUri(hangup.request), 'channels/c1?reason=busy');
  });

  it('treats empty text and empty rows as not given, and says so for a required one', () => {
    const reading = readForm(op('channels.move'), { channelId: '  ', app: 'billing' });
    assert.deepEqual(reading, { ok: false, field: 'channelId', message: 'channels.move needs "channelId" (path, a string): channel\'s id.' });
    const play = readForm(op('channels.play'), { channelId: 'c1', media: ['', ' '] });
    assert.ok(!play.ok);
    assert.equal(play.field, 'media');
  });

  it('refuses a field the operation does not have, and the events WebSocket as a request', () => {
    assert.deepEqual(readForm(op('channels.answer'), { channelId: 'c1', app: 'x' }), { ok: false, field: 'app', message: 'channels.answer has no parameter "app".' });
    const socket = readForm(op('events.eventWebsocket'), { app: 'x' });
    assert.ok(!socket.ok);
    assert.match(socket.message, /opens the events WebSocket/);
  });

  it('offers completion from the live model for the ids fields name', () => {
    const kinds = (id: string) => Object.fromEntries(formFields(op(id)).map((f) => [f.name, f.completion]));
    assert.deepEqual(kinds('channels.move'), { channelId: 'channel', app: 'application', appArgs: undefined });
    assert.equal(kinds('bridges.addChannel').channel, 'channel');
    assert.equal(kinds('bridges.addChannel').bridgeId, 'bridge');
    assert.equal(kinds('recordings.getStored').recordingName, 'storedRecording');
    assert.equal(kinds('recordings.getLive').recordingName, 'recording');
    assert.equal(kinds('channels.play').media, 'media');
    assert.equal(kinds('endpoints.get').tech, 'endpointTech');
    assert.equal(kinds('sounds.get').soundId, 'sound');
    assert.equal(kinds('playbacks.get').playbackId, 'playback');
  });
});
