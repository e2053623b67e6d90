// The models of the vendored ARI spec as the event tests walk them: each model with its
// inheritance chain (Message → Event → the event type) and its discriminator.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SPEC_DIR, type SpecModel, type SpecProperty } from './ariSpecFixture';

const MODELS = new Map<string, SpecModel>();
for (const file of fs.readdirSync(SPEC_DIR).filter((f) => f.endsWith('.json')).sort()) {
  const doc = JSON.parse(fs.readFileSync(path.join(SPEC_DIR, file), 'utf8')) as { models?: Record<string, SpecModel> };
  for (const [id, model] of Object.entries(doc.models ?? {})) MODELS.set(id, model);
}
const PARENT = new Map<string, string>();
for (const [id, model] of MODELS) for (const child of model.subTypes ?? []) PARENT.set(child, id);
export const SPEC_EVENT_TYPES = MODELS.get('Event')?.subTypes ?? [];

function model(id: string): SpecModel {
  const m = MODELS.get(id);
  if (!m) throw new Error(`No model ${id} in the spec`);
  return m;
}

/** Own and inherited properties, root first (Message, Event, then the subtype). */
export function propertiesOf(id: string): Array<[string, SpecProperty]> {
  const chain: string[] = [];
  for (let cur: string | undefined = id; cur !== undefined; cur = PARENT.get(cur)) chain.unshift(cur);
  return chain.flatMap((m) => Object.entries(model(m).properties ?? {}));
}

/** The discriminator property that names `id`, if `id` is a concrete subtype (e.g. Message.type). */
export function discriminatorFor(id: string): string | undefined {
  if (model(id).subTypes?.length) return undefined;
  for (let cur = PARENT.get(id); cur !== undefined; cur = PARENT.get(cur)) {
    const d = model(cur).discriminator;
    if (d !== undefined) return d;
  }
  return undefined;
}

/** Which model in the inheritance chain of `id` declares `name`. */
export function ownerOf(id: string, name: string): string {
  for (let cur: string | undefined = id; cur !== undefined; cur = PARENT.get(cur)) {
    if (model(cur).properties?.[name]) return cur;
  }
  return id;
}
