import type { CatalogueOperation } from '../ari/spec/AriCatalogue';
import type { FieldInput } from './OperationForm';

/**
 * The form inputs that make a request seen on the wire (a `.http` file's): path and query values
 * as text, an allowMultiple value split back into its items (undoing the backslash escapes
 * operationRequest.ts adds), and the body as the JSON of its parameter.
 */
export function wireInputs(op: CatalogueOperation, params: Readonly<Record<string, string>>, body: unknown): Record<string, FieldInput> {
  const inputs: Record<string, FieldInput> = {};
  for (const p of op.parameters) {
    if (p.in === 'body') {
      if (body === undefined) continue;
      const wrapped = typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 1 && Object.hasOwn(body, p.name);
      inputs[p.name] = JSON.stringify(wrapped ? (body as Record<string, unknown>)[p.name] : body, null, 2);
      continue;
    }
    const value = params[p.name];
    if (value === undefined) continue;
    inputs[p.name] = p.allowMultiple ? splitList(value) : value;
  }
  return inputs;
}

/** 'a,b\\,c' -> ['a', 'b,c']. */
function splitList(text: string): string[] {
  const items: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) current += text[++i];
    else if (c === ',') {
      items.push(current);
      current = '';
    } else current += c;
  }
  items.push(current);
  return items;
}
