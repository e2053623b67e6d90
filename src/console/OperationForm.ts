import { buildRequest, expectedValue, missingParameterText, parameterProblem } from '../ari/operationRequest';
import type { CatalogueOperation, CatalogueParameter } from '../ari/spec/AriCatalogue';
import type { ConsoleRequest } from './ConsoleRequest';
import { completionKindOf, type CompletionKind } from './completionKind';

/**
 * How the page asks for one parameter:
 * - text: one value; number: a number typed as text; boolean: '', 'true' or 'false';
 * - choice: one of `choices` (or none); choices: any of them (allowMultiple with allowableValues);
 * - list: several free values, one per row (allowMultiple); json: a JSON value (a body, containers).
 */
export type FieldControl = 'text' | 'number' | 'boolean' | 'choice' | 'choices' | 'list' | 'json';

/** One field of an operation's form, from its parameter in the spec. */
export interface FormField {
  readonly name: string;
  readonly in: CatalogueParameter['in'];
  readonly control: FieldControl;
  readonly required: boolean;
  readonly choices?: readonly string[];
  /** The spec's default, as text: what Asterisk uses when the field is left empty. */
  readonly defaultText?: string;
  /** What it takes, in words: 'a whole number, at least 0'. */
  readonly expects: string;
  readonly description: string;
  /** Which live ids the field can be completed from. */
  readonly completion?: CompletionKind;
}

/** What the page holds for a field: its text, or its rows / ticked choices. Absent or '' is "not given". */
export type FieldInput = string | readonly string[];

export type FormInputs = Readonly<Record<string, FieldInput | undefined>>;

/** A form read: the request it makes, or the first field to fix and why. */
export type FormReading = { readonly ok: true; readonly request: ConsoleRequest } | { readonly ok: false; readonly field?: string; readonly message: string };

export function formFields(op: CatalogueOperation): FormField[] {
  return op.parameters.map((p) => ({
    name: p.name,
    in: p.in,
    control: controlOf(p),
    required: p.required,
    ...(p.allowableValues ? { choices: p.allowableValues } : {}),
    ...(p.defaultValue !== undefined ? { defaultText: String(p.defaultValue) } : {}),
    expects: expectedValue(p),
    description: p.description,
    ...optionalCompletion(completionKindOf(p.name, op.path)),
  }));
}

function optionalCompletion(kind: CompletionKind | undefined): { completion?: CompletionKind } {
  return kind === undefined ? {} : { completion: kind };
}

function controlOf(p: CatalogueParameter): FieldControl {
  if (p.allowableValues) return p.allowMultiple ? 'choices' : 'choice';
  if (p.allowMultiple || /^List\[/.test(p.type)) return p.in === 'body' ? 'json' : 'list';
  switch (p.type) {
    case 'int':
    case 'long':
    case 'double':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'string':
      return 'text';
    default:
      // containers, object, and a type a newer spec brings that we do not know: JSON says it all.
      return p.in === 'body' || p.type === 'containers' || p.type === 'object' ? 'json' : 'text';
  }
}

/**
 * The request the inputs make for `op`, checked the way Asterisk would read it; else the first
 * field to fix, in the spec's order, with a sentence naming it, what it takes and what it got.
 */
export function readForm(op: CatalogueOperation, inputs: FormInputs): FormReading {
  if (op.upgrade) return { ok: false, message: `${op.id} opens the events WebSocket; it is not a request the console can send. Stasis Explorer's own sockets show its events in the Event Inspector.` };
  for (const name of Object.keys(inputs)) {
    if (!op.parameters.some((p) => p.name === name) && given(inputs[name])) return { ok: false, field: name, message: `${op.id} has no parameter "${name}".` };
  }
  const params: Record<string, unknown> = {};
  for (const p of op.parameters) {
    const input = inputs[p.name];
    if (!given(input)) {
      if (p.required) return { ok: false, field: p.name, message: missingParameterText(op.id, p, p.description.trim()) };
      continue;
    }
    const value = valueOf(op, p, input);
    if (!value.ok) return { ok: false, field: p.name, message: value.message };
    const problem = parameterProblem(op.id, op, p, value.value);
    if (problem !== undefined) return { ok: false, field: p.name, message: problem };
    params[p.name] = value.value;
  }
  const built = buildRequest(op.id, op, params);
  const request: ConsoleRequest = { operationId: op.id, params, method: built.method, resource: built.resource, query: [...built.query] };
  return { ok: true, request: built.body === undefined ? request : { ...request, body: built.body } };
}

/** The inputs that give back `params` (a history entry's), for editing it again. */
export function formInputsOf(op: CatalogueOperation, params: Readonly<Record<string, unknown>>): Record<string, FieldInput> {
  const inputs: Record<string, FieldInput> = {};
  for (const field of formFields(op)) {
    const value = params[field.name];
    if (value === undefined) continue;
    if (field.control === 'json') inputs[field.name] = JSON.stringify(value, null, 2);
    else if (field.control === 'list' || field.control === 'choices') inputs[field.name] = (Array.isArray(value) ? value : [value]).map(String);
    else inputs[field.name] = String(value);
  }
  return inputs;
}

function given(input: FieldInput | undefined): input is FieldInput {
  if (input === undefined) return false;
  return typeof input === 'string' ? input.trim() !== '' : input.some((row) => row.trim() !== '');
}

type Read = { ok: true; value: unknown } | { ok: false; message: string };

function valueOf(op: CatalogueOperation, p: CatalogueParameter, input: FieldInput): Read {
  const control = controlOf(p);
  const name = `${op.id} "${p.name}"`;
  if (control === 'json') {
    const text = typeof input === 'string' ? input : input.join('\n');
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (error) {
      return { ok: false, message: `${name} is not JSON (${(error as Error).message}). It takes ${expectedValue(p)}, e.g. ${jsonExample(p)}.` };
    }
  }
  const rows = (typeof input === 'string' ? [input] : input).map((row) => row.trim()).filter((row) => row !== '');
  const scalar = /^List\[(.+)\]$/.exec(p.type)?.[1] ?? p.type;
  const values: unknown[] = [];
  for (const row of rows) {
    const value = scalarOf(scalar, row);
    if (!value.ok) return { ok: false, message: `${name}${rows.length > 1 ? ` (value ${values.length + 1})` : ''} ${value.message}` };
    values.push(value.value);
  }
  return { ok: true, value: p.allowMultiple ? values : values[0] };
}

function scalarOf(type: string, text: string): Read {
  switch (type) {
    case 'int':
    case 'long': {
      const value = Number(text);
      return /^[+-]?\d+$/.test(text) && Number.isSafeInteger(value) ? { ok: true, value } : { ok: false, message: `must be a whole number; got "${text}".` };
    }
    case 'double': {
      const value = Number(text);
      return text !== '' && Number.isFinite(value) ? { ok: true, value } : { ok: false, message: `must be a number; got "${text}".` };
    }
    case 'boolean':
      return text === 'true' || text === 'false' ? { ok: true, value: text === 'true' } : { ok: false, message: `must be true or false; got "${text}".` };
    default:
      return { ok: true, value: text };
  }
}

function jsonExample(p: CatalogueParameter): string {
  if (p.name === 'variables') return '{ "CALLERID(name)": "Alice" }';
  if (p.name === 'fields') return '[{ "attribute": "allow", "value": "ulaw" }]';
  return p.type.startsWith('List[') ? '["a", "b"]' : '{ "key": "value" }';
}
