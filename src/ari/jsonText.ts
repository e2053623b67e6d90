/** JSON text read, or not: an empty text is no JSON (an empty 200 from a proxy must not read as an empty list). */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Asterisk's own words in an error body, `{"message": "…"}` (docs/ari-behaviour.md#errors); undefined for any other body. */
export function asteriskMessageOf(body: unknown): string | undefined {
  const message = (body as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : undefined;
}

/** The same, from the body's text: undefined for no text, or text that is no JSON (Asterisk's own 401/404/503 pages are HTML). */
export function asteriskMessageIn(text: string | undefined): string | undefined {
  const body = parseJson(text ?? '');
  return body.ok ? asteriskMessageOf(body.value) : undefined;
}
