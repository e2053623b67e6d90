// A validator against the spec (with the documented quirks), used on samples and real payloads.
import type { SpecProperty } from './ariSpecFixture';
import { discriminatorFor, ownerOf, propertiesOf } from './ariEventSpec';

const TIMESTAMP_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}[+-]\d{4}$/;
const REAL_CHANNEL_STATES = ['Down', 'Rsrvd', 'OffHook', 'Dialing', 'Ring', 'Ringing', 'Up', 'Busy', 'Dialing Offhook', 'Pre-ring', 'Mute'];

export function isObject(v: unknown): v is Record<string, unknown> {
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
    // Quirk: Asterisk sends ast_state2str() strings, not the spec enum (see ChannelState and
    // docs/ari-behaviour.md#channel-model).
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

export function specErrors(id: string, value: unknown): string[] {
  const errors: string[] = [];
  checkModel(id, value, id, errors);
  return errors;
}
