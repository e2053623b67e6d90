// Checks the runtime table of src/ari/generated/ariOperations.ts against the vendored spec it is
// generated from: every operation, with its method, path and parameters as the JSON says and no
// prose (ariOperationDocs.test.ts checks the prose), and the TypeScript types of its parameters
// and results.

import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { Channel, Playback, Variable } from '../../src/ari/generated/ariTypes';
import {
  ARI_OPERATIONS,
  ARI_OPERATION_IDS,
  CHANNELS_HANGUP_REASON_VALUES,
  CHANNELS_MUTE_DIRECTION_VALUES,
  CHANNELS_UNMUTE_DIRECTION_VALUES,
  isAriOperationId,
  type AriOperationId,
  type AriOperationParams,
  type AriOperationResults,
  type ChannelsHangupReason,
} from '../../src/ari/generated/ariOperations';
import { SPEC_DIR, codeAndStrings, readDoc, readGenerated, specDescription, specOperations, type SpecParameter } from './ariSpecFixture';

/** A spec parameter as AriParameterSpec says it: the JSON's fields, with the documented defaults, no description. */
function expectedParameter(p: SpecParameter): Record<string, unknown> {
  const out: Record<string, unknown> = {
    name: p.name,
    in: p.paramType,
    type: p.dataType,
    // Path parameters are always required (endpoints.json omits "required" for tech/resource).
    required: p.paramType === 'path' ? true : p.required === true,
    allowMultiple: p.allowMultiple === true,
  };
  if (p.allowableValues?.valueType === 'LIST') out.allowableValues = p.allowableValues.values;
  if (p.allowableValues?.valueType === 'RANGE') {
    const range: Record<string, number> = {};
    if (p.allowableValues.min !== undefined) range.min = p.allowableValues.min;
    if (p.allowableValues.max !== undefined) range.max = p.allowableValues.max;
    out.range = range;
  }
  if (p.defaultValue !== undefined) out.defaultValue = p.defaultValue;
  return out;
}

/** The `'id': ...;` members of an interface block of the generated file, with their bodies. */
function interfaceMembers(text: string, name: string): Map<string, string> {
  const block = new RegExp(`^export interface ${name} \\{\\n([\\s\\S]*?)\\n\\}$`, 'm').exec(text);
  assert.ok(block, `interface ${name} missing`);
  const members = new Map<string, string>();
  const re = /^ {2}'([\w.]+)': ([^\n{]*?;|\{\n[\s\S]*?\n {2}\};)$/gm;
  for (const m of block[1].matchAll(re)) members.set(m[1], m[2]);
  return members;
}

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

describe('generated ARI operations (src/ari/generated/ariOperations.ts)', () => {
  const spec = specOperations();
  const text = readGenerated('ariOperations.ts');

  it('has the 109 operations of the spec, in spec order, with unique ids', () => {
    assert.equal(spec.length, 109);
    assert.deepEqual([...ARI_OPERATION_IDS], spec.map((s) => s.id));
    assert.deepEqual(Object.keys(ARI_OPERATIONS), spec.map((s) => s.id));
    assert.equal(new Set(ARI_OPERATION_IDS).size, 109);
    for (const id of ['channels.move', 'channels.hangup', 'applications.list', 'asterisk.getInfo', 'deviceStates.update']) {
      assert.ok(isAriOperationId(id), id);
    }
    for (const id of ['channels', 'channels.Move', 'move', 'toString', '']) assert.equal(isAriOperationId(id), false, id);
  });

  it('holds exactly what a request needs, as the JSON says: method, path, upgrade, parameters (no prose fields)', () => {
    for (const { id, apiPath, op } of spec) {
      assert.ok(isAriOperationId(id), id);
      // deepEqual: no other member (summary, notes, description, errorResponses...) may be there.
      assert.deepEqual(
        ARI_OPERATIONS[id],
        { method: op.httpMethod, path: apiPath, ...(op.upgrade !== undefined ? { upgrade: op.upgrade } : {}), parameters: (op.parameters ?? []).map(expectedParameter) },
        id,
      );
    }
  });

  it('has no prose in its code: every string literal outside comments is an id, method, path, name, type or value', () => {
    const { code, strings } = codeAndStrings(text);
    const allowed = new Set(['./ariTypes', 'GET', 'POST', 'PUT', 'DELETE', 'path', 'query', 'body', 'websocket']);
    for (const { id, apiPath, op } of spec) {
      allowed.add(id).add(apiPath);
      for (const p of op.parameters ?? []) {
        allowed.add(p.name).add(p.dataType);
        for (const v of p.allowableValues?.values ?? []) allowed.add(v);
        if (typeof p.defaultValue === 'string') allowed.add(p.defaultValue);
      }
    }
    assert.ok(strings.length > 1000, `only ${strings.length} string literals found: the scanner is broken`);
    assert.deepEqual([...new Set(strings.filter((s) => !allowed.has(s)))], []);
    const table = code.slice(code.indexOf('} = {', code.indexOf('export const ARI_OPERATIONS:')));
    const keys = new Set([...table.matchAll(/(\w+):/g)].map((m) => m[1]));
    const fields = ['method', 'path', 'upgrade', 'parameters', 'name', 'in', 'type', 'required', 'allowMultiple', 'allowableValues', 'range', 'min', 'max', 'defaultValue'];
    assert.deepEqual([...keys].filter((k) => !fields.includes(k)), []);
    assert.ok(keys.has('method') && keys.has('defaultValue') && keys.has('min'), 'the key scanner is broken');
    // ...while the JSDoc keeps the prose for the editor (comments are stripped from the bundle).
    const move = spec.find((s) => s.id === 'channels.move')?.op;
    const app = move?.parameters?.find((p) => p.name === 'app');
    assert.ok(move && app && text.includes(move.summary) && text.includes(specDescription(app)));
  });

  it('marks only the /events WebSocket operation as an upgrade', () => {
    const upgrades = ARI_OPERATION_IDS.filter((id) => ARI_OPERATIONS[id].upgrade !== undefined);
    assert.deepEqual(upgrades, ['events.eventWebsocket']);
    assert.equal(ARI_OPERATIONS['events.eventWebsocket'].upgrade, 'websocket');
    assert.equal(ARI_OPERATIONS['events.eventWebsocket'].path, '/events');
  });

  it('has the spec enums, one const per operation and parameter, used by ARI_OPERATIONS', () => {
    const hangup = spec.find((s) => s.id === 'channels.hangup')?.op.parameters?.find((p) => p.name === 'reason');
    assert.deepEqual(CHANNELS_HANGUP_REASON_VALUES, hangup?.allowableValues?.values);
    assert.ok(CHANNELS_HANGUP_REASON_VALUES.includes('answered_elsewhere'));
    assert.equal(ARI_OPERATIONS['channels.hangup'].parameters.find((p) => p.name === 'reason')?.allowableValues, CHANNELS_HANGUP_REASON_VALUES);
    // Equal lists of two operations stay two names.
    assert.deepEqual(CHANNELS_MUTE_DIRECTION_VALUES, CHANNELS_UNMUTE_DIRECTION_VALUES);
    assert.notEqual(CHANNELS_MUTE_DIRECTION_VALUES, CHANNELS_UNMUTE_DIRECTION_VALUES);
    const lists = spec.flatMap((s) => (s.op.parameters ?? []).filter((p) => p.allowableValues?.valueType === 'LIST'));
    assert.equal(lists.length, 18);
    assert.equal([...text.matchAll(/^export const \w+_VALUES: readonly \w+\[\] = \[/gm)].length, 18);
  });

  it('spot checks: move, play, addChannel, filter, the body parameters, endpoints path parameters', () => {
    const param = (id: AriOperationId, name: string) => ARI_OPERATIONS[id].parameters.find((p) => p.name === name);
    assert.deepEqual(
      ARI_OPERATIONS['channels.move'].parameters.map((p) => [p.name, p.in, p.required]),
      [['channelId', 'path', true], ['app', 'query', true], ['appArgs', 'query', false]],
    );
    assert.equal(ARI_OPERATIONS['channels.move'].method, 'POST');
    assert.equal(ARI_OPERATIONS['channels.move'].path, '/channels/{channelId}/move');
    assert.equal(param('channels.play', 'media')?.allowMultiple, true);
    assert.equal(param('channels.play', 'media')?.required, true);
    assert.equal(param('channels.play', 'skipms')?.defaultValue, 3000);
    assert.deepEqual(param('channels.record', 'maxDurationSeconds')?.range, { min: 0 });
    assert.equal(param('bridges.addChannel', 'channel')?.allowMultiple, true);
    assert.deepEqual(param('applications.filter', 'filter'), { name: 'filter', in: 'body', type: 'object', required: false, allowMultiple: false });
    assert.equal(ARI_OPERATIONS['applications.filter'].method, 'PUT');
    const body = ARI_OPERATION_IDS.flatMap((id) => ARI_OPERATIONS[id].parameters.filter((p) => p.in === 'body').map((p) => `${id}:${p.name}:${p.type}`));
    assert.equal(body.length, 15);
    assert.ok(body.includes('asterisk.updateObject:fields:containers'));
    assert.ok(body.includes('applications.filter:filter:object'));
    assert.equal(body.filter((b) => b.endsWith(':variables:containers')).length, 13);
    assert.equal(param('endpoints.get', 'tech')?.required, true);
  });

  it('types each operation\'s parameters from its dataType, required-ness and enums', () => {
    const params = interfaceMembers(text, 'AriOperationParams');
    const scalar: Record<string, string> = { string: 'string', int: 'number', long: 'number', double: 'number', boolean: 'boolean', containers: 'Record<string, unknown>', object: 'Record<string, unknown>' };
    assert.deepEqual([...params.keys()], spec.map((s) => s.id));
    for (const { id, op } of spec) {
      const body = params.get(id) ?? '';
      if ((op.parameters ?? []).length === 0) {
        assert.equal(body, 'Record<string, never>;', id);
        continue;
      }
      const fields = new Map([...body.matchAll(/^ {4}(\w+)(\?)?: (.+);$/gm)].map((m) => [m[1], { optional: m[2] === '?', type: m[3] }]));
      assert.deepEqual([...fields.keys()], (op.parameters ?? []).map((p) => p.name), id);
      for (const p of op.parameters ?? []) {
        const field = fields.get(p.name);
        assert.ok(field, `${id} ${p.name}`);
        assert.equal(field.optional, !(p.paramType === 'path' || p.required === true), `${id} ${p.name} optional`);
        // The one quirk (scripts/ari-spec/emitOperations.mjs PARAM_TYPE_QUIRKS): Asterisk reads these fields as a list.
        let one = id === 'asterisk.updateObject' && p.name === 'fields' ? 'readonly ConfigTuple[]' : scalar[p.dataType];
        if (p.allowableValues?.valueType === 'LIST') {
          // A named type whose union is exactly the spec's list.
          one = /^(\w+)(?: \|)?/.exec(field.type)?.[1] ?? '';
          const alias = new RegExp(`^export type ${one} = (.+);$`, 'm').exec(text);
          assert.ok(alias, `${id} ${p.name}: no type ${one}`);
          assert.equal(alias[1], (p.allowableValues.values ?? []).map((v) => `'${v}'`).join(' | '), `${id} ${p.name}`);
        }
        assert.equal(field.type, p.allowMultiple ? `${one} | readonly ${one}[]` : one, `${id} ${p.name}`);
      }
    }
  });

  it('types each operation\'s result from its responseClass', () => {
    const results = interfaceMembers(text, 'AriOperationResults');
    const models = new Set(fs.readdirSync(SPEC_DIR).flatMap((f) => Object.keys(readDoc(f).models ?? {})));
    assert.deepEqual([...results.keys()], spec.map((s) => s.id));
    for (const { id, op } of spec) {
      const list = /^List\[(\w+)\]$/.exec(op.responseClass);
      const expected = op.responseClass === 'void' ? 'void' : op.responseClass === 'binary' ? 'ArrayBuffer' : list ? `${list[1]}[]` : op.responseClass;
      assert.ok(expected === 'void' || expected === 'ArrayBuffer' || models.has(expected.replace(/\[\]$/, '')), `${id}: ${op.responseClass}`);
      assert.equal(results.get(id), `${expected};`, id);
    }
  });

  it('gives TypeScript the same types (checked when the tests compile)', () => {
    const move: AriOperationParams['channels.move'] = { channelId: 'c1', app: 'a' };
    // @ts-expect-error app is required
    const noApp: AriOperationParams['channels.move'] = { channelId: 'c1' };
    // @ts-expect-error not one of the spec's hangup reasons
    const badReason: AriOperationParams['channels.hangup'] = { channelId: 'c1', reason: 'bogus' };
    const ping: AriOperationParams['asterisk.ping'] = {};
    const media: AriOperationParams['channels.play']['media'] = ['sound:a', 'sound:b'];
    const checks: [
      Equals<AriOperationParams['channels.hangup']['reason'], ChannelsHangupReason | undefined>,
      Equals<AriOperationResults['channels.get'], Channel>,
      Equals<AriOperationResults['channels.list'], Channel[]>,
      Equals<AriOperationResults['channels.move'], void>,
      Equals<AriOperationResults['channels.play'], Playback>,
      Equals<AriOperationResults['channels.getChannelVar'], Variable>,
      Equals<AriOperationResults['recordings.getStoredFile'], ArrayBuffer>,
      Equals<AriOperationParams['channels.originate']['variables'], Record<string, unknown> | undefined>,
      Equals<AriOperationParams['channels.dial']['timeout'], number | undefined>,
    ] = [true, true, true, true, true, true, true, true, true];
    assert.ok(checks.every((c) => c));
    assert.equal(move.app, 'a');
    assert.deepEqual(ping, {});
    assert.equal(media.length, 2);
    assert.deepEqual([noApp, badReason].map((p) => p.channelId), ['c1', 'c1']);
  });
});
