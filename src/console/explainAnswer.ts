import { capitalize } from '../ari/AriError';
import { subjectOf } from '../ari/describeOperation';
import { explainHttpStatus } from '../ari/explainAriFailure';
import { asteriskMessageIn } from '../ari/jsonText';
import type { CatalogueOperation } from '../ari/spec/AriCatalogue';

/** Why an answer is not a success: the spec's own reason for its status, and ours in plain words. */
export interface AnswerExplanation {
  /** The operation's errorResponses reason for this status, as the spec words it ('Channel not found'). */
  readonly specReason?: string;
  /** What it means and what to do, as every other message of Stasis Explorer says it. */
  readonly explanation: string;
  /** The answer says the ARI user is read-only (403 "Write access denied"). */
  readonly readOnlyUser: boolean;
}

/** Undefined for a success (2xx). */
export function explainAnswer(op: CatalogueOperation, params: Readonly<Record<string, unknown>>, status: number, bodyText: string, server: string): AnswerExplanation | undefined {
  if (status >= 200 && status < 300) return undefined;
  const asteriskMessage = asteriskMessageIn(bodyText);
  const operation = { description: `${op.id} (${op.method} ${op.path})`, subject: subjectOf(op.id, params, server) };
  const specReason = op.errorResponses.find((e) => e.code === status)?.reason;
  const explanation = status === 404 && asteriskMessage === 'Resource not found' ? unserved(op, server) : capitalize(explainHttpStatus(operation, status, asteriskMessage, server));
  return { ...(specReason !== undefined ? { specReason } : {}), explanation, readOnlyUser: status === 403 && (asteriskMessage?.includes('Write access denied') ?? false) };
}

/**
 * Asterisk serves its spec files whatever modules are loaded, but routes a request only to a
 * loaded res_ari_<resource> module; without one it answers 404 "Resource not found"
 * (docs/ari-behaviour.md#unserved-resources).
 */
function unserved(op: CatalogueOperation, server: string): string {
  const module = `res_ari_${op.resource.toLowerCase()}`;
  const needs = op.resource === 'mailboxes' ? ' (which needs res_mwi_external, a module many packages, Debian\'s among them, do not build)' : '';
  return `${server} has no handler for ${op.method} /ari${op.path} (Asterisk: "Resource not found"): its spec lists the operation, but ${module}${needs} is not loaded. Load it (module load ${module}.so) if your Asterisk has it.`;
}

