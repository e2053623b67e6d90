// The one message protocol between the ARI console panel (extension host) and its webview. The
// page shows and collects; the host reads the forms (src/console/OperationForm.ts), sends, and
// keeps the history. Each side checks what it receives and ignores anything else.
import type { AriErrorResponseDoc } from '../ari/generated/ariOperationDocs';
import type { AriHttpMethod } from '../ari/generated/ariOperations';
import { isListOf, isNumber, isObject, isOneOf, isString } from '../inspector/guards';
import type { AnswerExplanation } from './explainAnswer';
import type { HistoryEntry } from './ConsoleHistory';
import type { Completions } from './completionKind';
import type { FieldInput, FormField, FormInputs } from './OperationForm';
import type { SnippetFormatId } from './snippets/snippetFormats';

/** An operation as the page lists it and builds its form. */
export interface OperationView {
  readonly id: string;
  readonly resource: string;
  readonly method: AriHttpMethod;
  readonly path: string;
  readonly summary: string;
  readonly notes?: string;
  readonly responseClass: string;
  readonly errorResponses: readonly AriErrorResponseDoc[];
  readonly fields: readonly FormField[];
  /** Asks before sending (src/console/destructive.ts). */
  readonly destructive: boolean;
  /** The events WebSocket itself: listed, never sent. */
  readonly upgrade: boolean;
}

export interface ConsoleServerView {
  readonly id: string;
  readonly name: string;
  /** Without credentials: 'http://127.0.0.1:8088'. */
  readonly url: string;
  readonly username: string;
  readonly asteriskVersion?: string;
  /** Whether REST over WebSocket can be offered, from the version (whether a socket is open is known only when sending). */
  readonly overWebSocket: { readonly possible: boolean; readonly why: string };
  /** Known read-only ARI user (read_only=yes): writes are not sent; undefined when not known yet. */
  readonly readOnly?: boolean;
}

export interface CatalogueView {
  readonly source: 'server' | 'bundled';
  readonly apiVersion: string;
  readonly fallbackReason?: string;
  readonly skipped: readonly string[];
  readonly operations: readonly OperationView[];
}

/** An answer as the page shows it. `body` is the parsed JSON, when the text was JSON. */
export interface AnswerView {
  readonly key: number;
  readonly via: 'http' | 'websocket';
  readonly status: number;
  readonly statusMessage: string;
  readonly headers: readonly (readonly [string, string])[];
  readonly durationMs: number;
  readonly text: string;
  readonly body?: unknown;
  readonly explanation?: AnswerExplanation;
}

export interface CausedEventView {
  readonly key: number;
  readonly logId: number;
  readonly receivedAt: number;
  readonly type: string;
  readonly application: string;
  readonly channelId?: string;
  readonly event: unknown;
}

const SNIPPET_IDS: readonly SnippetFormatId[] = ['curl', 'ariClient', 'python', 'fetch', 'wsFrame'];

export type ConsoleHostMessage =
  /** The server shown, the others connected, and the "Copy as" formats. */
  | { type: 'server'; server: ConsoleServerView; servers: readonly { id: string; name: string }[]; snippets: readonly { id: SnippetFormatId; label: string }[] }
  | { type: 'catalogue'; catalogue: CatalogueView }
  /**
   * Show this operation with these inputs (a history entry, a `.http` request); or, with no
   * operation (Run Operation… on a tree item), list those matching `search` and fill `inputs` into
   * whichever is picked.
   */
  | { type: 'open'; operationId?: string; search?: string; inputs: FormInputs }
  | { type: 'completions'; completions: Completions }
  /** The host's reading of the form the page last sent as a draft. */
  | { type: 'reading'; seq: number; uri?: string; field?: string; message?: string }
  | { type: 'sending'; key: number; via: 'http' | 'websocket'; uri: string }
  | { type: 'answer'; answer: AnswerView }
  /** The request got no answer, or was not sent: why, and what to do. */
  | { type: 'failed'; key?: number; field?: string; message: string }
  | { type: 'caused'; caused: CausedEventView }
  | { type: 'snippet'; format: SnippetFormatId; label: string; text: string }
  | { type: 'history'; entries: readonly HistoryEntry[] };

export type ConsoleWebviewMessage =
  | { type: 'ready' }
  | { type: 'selectServer'; serverId: string }
  | { type: 'draft'; seq: number; operationId: string; inputs: FormInputs }
  | { type: 'send'; operationId: string; inputs: FormInputs; via: 'http' | 'websocket' }
  | { type: 'copyAs'; operationId: string; inputs: FormInputs; format: SnippetFormatId }
  | { type: 'saveHttp'; operationId: string; inputs: FormInputs }
  | { type: 'historyAction'; action: 'rerun' | 'edit' | 'pin' | 'unpin' | 'remove' | 'clear'; id?: number }
  | { type: 'openInspector'; channelId?: string }
  | { type: 'copy'; text: string };

const HISTORY_ACTIONS = ['rerun', 'edit', 'pin', 'unpin', 'remove', 'clear'];
const VIAS = ['http', 'websocket'];

function isFieldInput(v: unknown): v is FieldInput {
  return (isString(v) && v.length <= 1_000_000) || (isListOf(v, isString) && (v as string[]).length <= 1_000);
}

function isInputs(v: unknown): v is FormInputs {
  return isObject(v) && Object.keys(v).length <= 100 && Object.values(v).every((x) => x === undefined || isFieldInput(x));
}

export function isConsoleWebviewMessage(v: unknown): v is ConsoleWebviewMessage {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'ready':
      return true;
    case 'selectServer':
      return isString(v.serverId);
    case 'draft':
      return isNumber(v.seq) && isString(v.operationId) && isInputs(v.inputs);
    case 'send':
      return isString(v.operationId) && isInputs(v.inputs) && isOneOf(VIAS)(v.via);
    case 'copyAs':
      return isString(v.operationId) && isInputs(v.inputs) && isOneOf(SNIPPET_IDS)(v.format);
    case 'saveHttp':
      return isString(v.operationId) && isInputs(v.inputs);
    case 'historyAction':
      return isOneOf(HISTORY_ACTIONS)(v.action) && (v.id === undefined || isNumber(v.id));
    case 'openInspector':
      return v.channelId === undefined || isString(v.channelId);
    case 'copy':
      return isString(v.text) && v.text.length <= 10_000_000;
    default:
      return false;
  }
}

/** The page trusts the host more than the host trusts the page, but still reads only what it knows. */
export function isConsoleHostMessage(v: unknown): v is ConsoleHostMessage {
  if (!isObject(v)) return false;
  switch (v.type) {
    case 'server':
      return isObject(v.server) && Array.isArray(v.servers) && Array.isArray(v.snippets);
    case 'catalogue':
      return isObject(v.catalogue) && Array.isArray((v.catalogue as { operations?: unknown }).operations);
    case 'open':
      return (v.operationId === undefined || isString(v.operationId)) && (v.search === undefined || isString(v.search)) && isInputs(v.inputs);
    case 'completions':
      return isObject(v.completions);
    case 'reading':
      return isNumber(v.seq);
    case 'sending':
      return isNumber(v.key) && isString(v.uri);
    case 'answer':
      return isObject(v.answer) && isNumber((v.answer as { status?: unknown }).status);
    case 'failed':
      return isString(v.message);
    case 'caused':
      return isObject(v.caused);
    case 'snippet':
      return isString(v.text) && isString(v.label);
    case 'history':
      return Array.isArray(v.entries);
    default:
      return false;
  }
}
