/** JSON text read, or not: an empty text is no JSON (an empty 200 from a proxy must not read as an empty list). */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
