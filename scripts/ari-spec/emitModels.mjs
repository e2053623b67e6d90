// Writes src/ari/generated/ariTypes.ts: the quirk constants, one interface per model (spec
// order), the event map and the helpers over events.

import { fail, allProperties } from './loadSpec.mjs';
import { ALL_TOPIC_CONSTANTS, DATE_NOTE, channelStateValues, checkQuirkAnchors, propertyQuirks } from './quirks.mjs';
import { enumType, fileHeader, jsdoc, tsKey, tsString, tsType } from './tsText.mjs';

/** The Event subtypes, in Event.subTypes order, after checking the Message > Event > leaf shape. */
export function eventTypesOf({ models, parentOf }) {
  const message = models.get('Message');
  const event = models.get('Event');
  if (!message || !event) fail('events.json must define the Message and Event models.');
  if (parentOf.get('Event') !== 'Message') fail('Event is not listed in Message.subTypes.');
  const eventTypes = event.model.subTypes ?? [];
  if (eventTypes.length === 0) fail('Event.subTypes is empty.');
  for (const t of eventTypes) {
    if (models.get(t).model.subTypes?.length) fail(`Event subtype ${t} has its own subTypes; not supported.`);
  }
  return eventTypes;
}

/** `model` is { models, parentOf, discriminatorOf } (loadSpec.mjs). */
export function generateModels(spec, asteriskVersion, model) {
  const { models, parentOf } = model;
  checkQuirkAnchors(models);
  const quirks = propertyQuirks();
  for (const key of quirks.keys()) {
    const [modelId, prop] = key.split('.');
    if (!models.get(modelId)?.model.properties?.[prop]) fail(`Quirk anchor gone: the spec has no ${key}.`);
  }
  const eventTypes = eventTypesOf(model);

  const out = [];
  const emit = (...lines) => out.push(...lines);

  emit(
    ...fileHeader(spec, asteriskVersion),
    '/** `apiVersion` of the ARI spec (resources.json) these types were generated from. */',
    `export const ARI_SPEC_VERSION = ${tsString(spec.apiVersion)};`,
    '',
  );

  // Quirk constants and types.
  for (const t of ALL_TOPIC_CONSTANTS) {
    emit(
      ...jsdoc(
        [
          `Stands in for "all ${t.kind}s" in \`Application.${t.field}\` of an application registered with ` +
            '`subscribeAll=true` (res/stasis/app.c).',
        ],
        '',
      ),
      `export const ${t.name} = ${tsString(t.value)};`,
      '',
    );
  }
  const states = channelStateValues(models);
  emit(
    ...jsdoc(
      [
        'Channel state strings as Asterisk really sends them (`ast_state2str()` in main/channel.c).',
        'The spec enum differs: it spells `Rsrvd` as `Rsrved`, lacks `Mute`, and lists a bare ' +
          '`Unknown` where Asterisk sends `Unknown (<n>)`. The `string & {}` member keeps the type ' +
          'open to anything else while editors still suggest the known values.',
      ],
      '',
    ),
    'export type ChannelState =',
    ...states.map((s) => `  | ${tsString(s)}`),
    '  | `Unknown (${number})`',
    '  | (string & {});',
    '',
  );

  // Models.
  let modelCount = 0;
  for (const { name: file, doc } of spec.files) {
    const ids = Object.keys(doc.models ?? {}).filter((id) => models.get(id).file === file);
    if (ids.length === 0) continue;
    emit(`// ---- ${file} ----`, '');
    for (const id of ids) {
      modelCount++;
      emit(...modelInterface(id, file, model, quirks));
    }
  }

  // Event map and runtime list, in Event.subTypes order.
  emit(
    '// ---- events ----',
    '',
    '/** Every `Event` subtype by its `type` (Event.subTypes in events.json). */',
    'export interface AriEventMap {',
    ...eventTypes.map((t) => `  ${t}: ${t};`),
    '}',
    '',
    '/** The `type` of an event Asterisk can send on the events WebSocket. */',
    'export type AriEventType = keyof AriEventMap;',
    '',
    '/** Any ARI event, discriminated by `type`. */',
    'export type AriEvent = AriEventMap[AriEventType];',
    '',
    '/** All event types, in spec order. */',
    'export const ARI_EVENT_TYPES: readonly AriEventType[] = [',
    ...eventTypes.map((t) => `  ${tsString(t)},`),
    '];',
    '',
    'const ARI_EVENT_TYPE_SET: ReadonlySet<string> = new Set<string>(ARI_EVENT_TYPES);',
    '',
    '/** True if `t` is the `type` of an event defined in the spec. */',
    'export function isAriEventType(t: string): t is AriEventType {',
    '  return ARI_EVENT_TYPE_SET.has(t);',
    '}',
  );

  // Events that carry a channel. A switch over `type` rather than `'channel' in event`: it returns
  // only what the spec declares (an event whose JSON happens to have some other `channel` key is
  // not mistaken for one), and TypeScript narrows each case without a cast.
  const withChannel = eventTypes.filter((t) => allProperties(t, models, parentOf).get('channel')?.type === 'Channel');
  if (withChannel.length === 0) fail('No event has a `channel` property of type Channel any more.');
  emit(
    '',
    '/** The events that have a `channel` property of type {@link Channel} (required or optional). */',
    'export type AriEventWithChannel =',
    ...withChannel.map((t, i) => `  | ${t}${i === withChannel.length - 1 ? ';' : ''}`),
    '',
    '/**',
    ' * The `channel` of an event that has one ({@link AriEventWithChannel}); undefined for any other event.',
    ' * One `return` per type on purpose: each reads one kind of object, so the engine keeps each read',
    ' * fast, where one read shared by 23 kinds of event would be a slow generic one. It runs for every',
    ' * event on the socket\'s read path.',
    ' */',
    'export function channelOfEvent(event: AriEvent): Channel | undefined {',
    '  switch (event.type) {',
    ...withChannel.flatMap((t) => [`    case ${tsString(t)}:`, '      return event.channel;']),
    '    default:',
    '      return undefined;',
    '  }',
    '}',
  );

  const text = `${out.join('\n')}\n`;
  return { text, summary: `${modelCount} models, ${eventTypes.length} event types` };
}

function modelInterface(id, file, { models, parentOf, discriminatorOf }, quirks) {
  const out = [];
  const { model } = models.get(id);
  const parent = parentOf.get(id);
  const disc = discriminatorOf(id);
  const isLeafOfDiscriminated = disc !== undefined && !(model.subTypes?.length > 0);
  const modelNotes = [model.description];
  if (disc !== undefined && model.discriminator === disc) {
    modelNotes.push(`Discriminated by \`${disc}\`; subtypes: ${model.subTypes.join(', ')}.`);
  }
  if (Object.keys(model.properties ?? {}).length === 0 && !parent) {
    modelNotes.push('The spec defines no properties for this model.');
  }
  out.push(...jsdoc(modelNotes, ''));
  const head = `export interface ${id}${parent ? ` extends ${parent}` : ''}`;
  if (Object.keys(model.properties ?? {}).length === 0 && !isLeafOfDiscriminated) {
    out.push(`${head} {}`, '');
    return out;
  }
  out.push(`${head} {`);

  const inherited = parent ? allProperties(parent, models, parentOf) : new Map();
  const own = Object.entries(model.properties ?? {});
  // A concrete subtype of a discriminated hierarchy gets its discriminator as a literal.
  if (isLeafOfDiscriminated) {
    if (own.some(([n]) => n === disc)) fail(`${id} redefines discriminator "${disc}".`);
    out.push(...jsdoc([`Always \`'${id}'\`.`], '  '), `  ${disc}: ${tsString(id)};`);
  }
  for (const [name, prop] of own) {
    const where = `${file}: ${id}.${name}`;
    if (typeof prop.type !== 'string') fail(`${where}: property has no type.`);
    if (inherited.has(name)) fail(`${where}: redefines inherited property "${name}"; not supported.`);
    const quirk = quirks.get(`${id}.${name}`);
    const baseType = tsType(prop.type, where, models);
    const type = quirk?.type ?? enumType(prop, where) ?? baseType;
    const notes = [prop.description];
    if (prop.type === 'Date' || prop.type === 'List[Date]') notes.push(DATE_NOTE);
    if (prop.allowableValues?.valueType === 'RANGE') {
      notes.push(`Allowed range: ${prop.allowableValues.min} to ${prop.allowableValues.max}.`);
    }
    if (quirk?.note) notes.push(quirk.note);
    out.push(...jsdoc(notes, '  '), `  ${tsKey(name)}${prop.required === true ? '' : '?'}: ${type};`);
  }
  out.push('}', '');
  return out;
}
