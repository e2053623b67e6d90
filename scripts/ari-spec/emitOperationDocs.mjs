// Writes src/ari/generated/ariOperationDocs.ts: the prose of every operation of the spec
// (ARI_OPERATION_DOCS): summary, notes, since, responseClass, error responses, and each
// parameter's description.
//
// It is a module of its own so that the extension's runtime path, which builds requests from
// ARI_OPERATIONS (ariOperations.ts, emitOperations.mjs), does not bundle the prose: the prose is
// most of the spec's text. Import it only where the prose is shown (an ARI console, tests); the
// only import it has is a type-only one of ariOperations.ts.

import { fail } from './loadSpec.mjs';
import { fileHeader, tsKey, tsString } from './tsText.mjs';

function docEntry(op) {
  const out = [`  ${tsString(op.id)}: {`];
  const line = (key, value) => out.push(`    ${key}: ${value},`);
  line('summary', tsString(op.summary));
  if (op.notes !== undefined) line('notes', tsString(op.notes));
  line('since', `[${op.since.map(tsString).join(', ')}]`);
  line('responseClass', tsString(op.responseClass));
  if (op.errorResponses.length === 0) line('errorResponses', '[]');
  else {
    out.push('    errorResponses: [');
    for (const e of op.errorResponses) out.push(`      { code: ${e.code}, reason: ${tsString(e.reason)} },`);
    out.push('    ],');
  }
  if (op.parameters.length === 0) line('parameters', '{}');
  else {
    out.push('    parameters: {');
    for (const p of op.parameters) {
      // In an object literal, a `__proto__` key sets the prototype instead of making a member.
      if (p.name === '__proto__') fail(`${op.id}: a parameter named "__proto__" cannot be a key of ARI_OPERATION_DOCS.`);
      out.push(`      ${tsKey(p.name)}: ${tsString(p.description)},`);
    }
    out.push('    },');
  }
  out.push('  },');
  return out;
}

export function generateOperationDocs(spec, asteriskVersion, operations) {
  const out = [
    ...fileHeader(spec, asteriskVersion),
    '// The prose of every ARI operation. The extension\'s runtime path does not import this module',
    '// (it would be most of the bundle): requests are built and checked from ARI_OPERATIONS alone.',
    '',
    "import type { AriOperationId } from './ariOperations';",
    '',
    '/** One error answer an operation documents. */',
    'export interface AriErrorResponseDoc {',
    '  /** The HTTP status. */',
    '  readonly code: number;',
    "  /** As the spec words it: 'Channel not found'. */",
    '  readonly reason: string;',
    '}',
    '',
    '/** The prose of one operation of the spec. */',
    'export interface AriOperationDoc {',
    "  /** One sentence: 'Move the channel from one Stasis application to another.' */",
    '  readonly summary: string;',
    '  /** More on what it does, when the spec says more. */',
    '  readonly notes?: string;',
    "  /** The Asterisk releases it appeared in (one per branch): ['13.26.0', '16.3.0']. */",
    '  readonly since: readonly string[];',
    "  /** The swagger responseClass as written: 'void', 'Channel', 'List[Channel]', 'binary'. */",
    '  readonly responseClass: string;',
    '  /** In spec order. */',
    '  readonly errorResponses: readonly AriErrorResponseDoc[];',
    '  /**',
    '   * Each parameter\'s description, keyed by its name, in spec order: the same names as',
    "   * ARI_OPERATIONS[id].parameters. '' when the spec has none.",
    '   */',
    '  readonly parameters: { readonly [name: string]: string };',
    '}',
    '',
    '/** The prose of every operation of the spec, keyed by its id, in spec order. */',
    'export const ARI_OPERATION_DOCS: { readonly [K in AriOperationId]: AriOperationDoc } = {',
  ];
  for (const op of operations) out.push(...docEntry(op));
  out.push('};');
  const described = operations.reduce((n, op) => n + op.parameters.filter((p) => p.description !== '').length, 0);
  const params = operations.reduce((n, op) => n + op.parameters.length, 0);
  return { text: `${out.join('\n')}\n`, summary: `${operations.length} operations, ${described} of ${params} parameters described` };
}
