// Quirks: places where what Asterisk sends or accepts differs from (or needs more than) the spec.
// Each quirk checks that its anchor still exists, so a spec change cannot silently disable it.

import { fail } from './loadSpec.mjs';

// ---------------------------------------------------------------------------------------------
// Models

// Channel.state: the spec enum is wrong in three ways. The real strings come from
// ast_state2str() in main/channel.c: it sends "Rsrvd" (the spec says "Rsrved"), it can send
// "Mute" (not in the spec), and for any other value it sends "Unknown (<n>)", never a bare
// "Unknown". So the type is a union of the known values plus a `string & {}` fallback: editors
// still suggest the known values, and an unexpected string does not break the type.
// See docs/ari-behaviour.md#channel-model.
const CHANNEL_STATE_SPEC_FIXES = { Rsrved: 'Rsrvd' };
const CHANNEL_STATE_NEVER_SENT = ['Unknown'];
const CHANNEL_STATE_MISSING = ['Mute'];

export function channelStateValues(models) {
  const prop = models.get('Channel')?.model.properties?.state;
  const values = prop?.allowableValues?.values;
  if (!Array.isArray(values)) fail('Quirk anchor gone: Channel.state has no allowableValues list in the spec.');
  const out = [];
  for (const v of values) {
    if (CHANNEL_STATE_NEVER_SENT.includes(v)) continue;
    const fixed = CHANNEL_STATE_SPEC_FIXES[v] ?? v;
    if (!out.includes(fixed)) out.push(fixed);
  }
  for (const v of CHANNEL_STATE_MISSING) if (!out.includes(v)) out.push(v);
  return out;
}

// Application.channel_ids / bridge_ids / endpoint_ids: for an app registered with
// subscribeAll=true, res/stasis/app.c reports the subscription to the "all" topic, so the list
// holds the literal topic name instead of individual ids. See docs/ari-behaviour.md#applications-resource.
export const ALL_TOPIC_CONSTANTS = [
  { name: 'ALL_CHANNELS_TOPIC', value: '__AST_CHANNEL_ALL_TOPIC', field: 'channel_ids', kind: 'channel' },
  { name: 'ALL_BRIDGES_TOPIC', value: '__AST_BRIDGE_ALL_TOPIC', field: 'bridge_ids', kind: 'bridge' },
  { name: 'ALL_ENDPOINTS_TOPIC', value: '__AST_ENDPOINT_ALL_TOPIC', field: 'endpoint_ids', kind: 'endpoint' },
];

// swagger `Date`: Asterisk sends a string, formatted "%FT%T.%q%z" by ast_json_timeval()
// (main/json.c), e.g. 2025-03-12T15:22:59.227-0600: milliseconds, and no colon in the UTC
// offset, which is outside the ECMAScript date-time format (V8's Date.parse accepts it, the
// standard does not promise it). So it stays a string. See docs/ari-behaviour.md#framing.
export const DATE_NOTE =
  'Timestamp string as Asterisk sends it (swagger `Date`), format `%FT%T.%q%z`, e.g. ' +
  '`2025-03-12T15:22:59.227-0600`: milliseconds and no colon in the UTC offset.';

/** Extra JSDoc paragraphs and type overrides, keyed by "Model.property". */
export function propertyQuirks() {
  const q = new Map();
  // Channel.state: see channelStateValues().
  q.set('Channel.state', {
    type: 'ChannelState',
    note: 'Channel state as sent by `ast_state2str()`. The spec enum is wrong: see {@link ChannelState}.',
  });
  for (const t of ALL_TOPIC_CONSTANTS) {
    q.set(`Application.${t.field}`, {
      note:
        `For an application registered with \`subscribeAll=true\` this list holds the literal ` +
        `{@link ${t.name}} (\`'${t.value}'\`) instead of individual ${t.kind} ids.`,
    });
  }
  // RESTResponse.message_body (REST over WebSocket): the body is JSON text inside a JSON string,
  // not a nested object. The testsuite does json.loads(response['message_body']). Kept `string`
  // so callers are forced to parse it. See docs/ari-behaviour.md#rest-over-websocket.
  q.set('RESTResponse.message_body', {
    note:
      'A JSON-encoded STRING, not an object: with `content_type` `application/json` it must be ' +
      'parsed again (`JSON.parse(message_body)`).',
  });
  // RESTRequest.message_body: same encoding in the other direction.
  // See docs/ari-behaviour.md#rest-over-websocket.
  q.set('RESTRequest.message_body', {
    note: 'A STRING: for `application/json` send `JSON.stringify(body)`, not an object; `content_type` is then required.',
  });
  // RESTRequest.type: RESTRequest is not part of the Message hierarchy in the spec, but its
  // description says the type must be 'RESTRequest' and ari_websocket_requests.c rejects anything
  // else ("Unknown request type."), so type it as the literal.
  q.set('RESTRequest.type', { type: "'RESTRequest'" });
  // Event.timestamp is required in the spec and session_send_or_queue() fills it in when missing,
  // so it really is always present: nothing to relax. Checked below so the assumption is visible.
  return q;
}

export function checkQuirkAnchors(models) {
  const app = models.get('Application')?.model.properties ?? {};
  for (const t of ALL_TOPIC_CONSTANTS) {
    if (app[t.field]?.type !== 'List[string]') fail(`Quirk anchor gone: Application.${t.field} is not List[string].`);
  }
  if (models.get('RESTResponse')?.model.properties?.message_body?.type !== 'string') {
    fail('Quirk anchor gone: RESTResponse.message_body is not a string in the spec.');
  }
  if (models.get('RESTRequest')?.model.properties?.type?.type !== 'string') {
    fail('Quirk anchor gone: RESTRequest.type is not a string in the spec.');
  }
  const ts = models.get('Event')?.model.properties?.timestamp;
  if (ts?.type !== 'Date' || ts.required !== true) fail('Event.timestamp is no longer a required Date in the spec.');
}

// ---------------------------------------------------------------------------------------------
// Operation parameters

// endpoints.json: the `variables` body parameter of sendMessage and sendMessageToEndpoint has its
// description under the misspelt key "descriptioni" (and no "description"), so it is read from
// there. The anchor check fails once no parameter uses the misspelling any more.
export const MISSPELT_DESCRIPTION_KEY = 'descriptioni';

// endpoints.json: the path parameters `tech` and `resource` of listByTech, get,
// sendMessageToEndpoint and referToEndpoint omit "required" (and "allowMultiple"). Swagger 1.2
// says a path parameter is always required, and it is: the URL cannot be built without it. So a
// path parameter is required whatever the spec says; one that says `"required": false` is an
// error. A missing "required" or "allowMultiple" elsewhere means false (the swagger default).

// channels.json: the errorResponses of channels.move give their codes as strings ("404", "409");
// every other operation uses numbers. A string of digits is read as that number.

/** The HTTP status of a spec errorResponse, with the string-code quirk applied. */
export function errorResponseCode(e, where) {
  if (Number.isInteger(e.code)) return e.code;
  if (typeof e.code === 'string' && /^[1-5][0-9][0-9]$/.test(e.code)) return Number(e.code);
  return fail(`${where}: errorResponse ${JSON.stringify(e)} has no HTTP status code.`);
}

/** The description of a spec parameter, with the misspelling quirk applied. */
export function parameterDescription(param, where) {
  if (typeof param.description === 'string') return param.description;
  if (param.description !== undefined) fail(`${where}: "description" is not a string.`);
  const misspelt = param[MISSPELT_DESCRIPTION_KEY];
  if (typeof misspelt === 'string') return misspelt;
  console.warn(`warning: ${where} has no description.`);
  return '';
}

/** required/allowMultiple of a spec parameter, with the path parameter rule applied. */
export function parameterFlags(param, where) {
  for (const key of ['required', 'allowMultiple']) {
    if (param[key] !== undefined && typeof param[key] !== 'boolean') fail(`${where}: "${key}" is not a boolean.`);
  }
  if (param.paramType === 'path' && param.required === false) fail(`${where}: a path parameter cannot be optional.`);
  if (param.paramType === 'path' && param.allowMultiple === true) fail(`${where}: a path parameter cannot allow multiple values.`);
  return { required: param.paramType === 'path' ? true : param.required === true, allowMultiple: param.allowMultiple === true };
}

/** Fails if a parameter quirk no longer has anything to fix in the spec. */
export function checkParameterQuirkAnchors(files) {
  let misspelt = false;
  let stringCode = false;
  for (const { doc } of files) {
    for (const api of doc.apis ?? []) {
      for (const op of api.operations ?? []) {
        for (const p of op.parameters ?? []) if (p.description === undefined && typeof p[MISSPELT_DESCRIPTION_KEY] === 'string') misspelt = true;
        for (const e of op.errorResponses ?? []) if (typeof e.code === 'string') stringCode = true;
      }
    }
  }
  if (!misspelt) fail(`Quirk anchor gone: no operation parameter uses "${MISSPELT_DESCRIPTION_KEY}" any more; remove MISSPELT_DESCRIPTION_KEY.`);
  if (!stringCode) fail('Quirk anchor gone: no errorResponse has a string code any more; remove the string case of errorResponseCode().');
}
