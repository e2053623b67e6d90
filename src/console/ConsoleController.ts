import type { AriCatalogue, CatalogueOperation } from '../ari/spec/AriCatalogue';
import type { ServerModel } from '../model/ServerModel';
import type { ConsoleHistory } from './ConsoleHistory';
import type { ConsoleRequest, ConsoleTarget } from './ConsoleRequest';
import { requestUri } from './ConsoleRequest';
import { ConsoleSender, type ConsoleServerSide } from './ConsoleSender';
import { isDestructive, isWrite } from './destructive';
import { listOnRequest, liveCompletions, type ListedOnRequest } from './liveCompletions';
import { formFields, formInputsOf, readForm, type FormInputs } from './OperationForm';
import type { CatalogueView, ConsoleHostMessage, ConsoleServerView, ConsoleWebviewMessage } from './protocol';
import { probeReadOnly } from './probeReadOnly';
import { SNIPPET_FORMATS } from './snippets/snippetFormats';
import { overWebSocket } from './overWebSocket';
import { wireInputs } from './wireInputs';
import { matchOperation } from '../ari/matchOperation';

/**
 * What a console opens with: an operation and its inputs, or a search (Run Operation… on a tree
 * item) whose inputs fill whichever operation is picked; or a request seen on the wire (a `.http`
 * file's), by the operation it matched. `sendNow` sends it at once.
 */
export interface ConsoleOpening {
  readonly operationId?: string;
  readonly search?: string;
  readonly inputs?: FormInputs;
  /** A request as a `.http` file has it: matched against the server's own spec here. */
  readonly wire?: { readonly method: string; readonly resource: string; readonly query: readonly (readonly [string, string])[]; readonly body?: unknown };
  readonly sendNow?: boolean;
}

/** What the console asks of VS Code (src/ui/console/ConsolePanel.ts gives it). */
export interface ConsoleHost {
  post(message: ConsoleHostMessage): void;
  /** A modal question; true when the user chose `action`. */
  confirm(message: string, action: string): Promise<boolean>;
  copy(text: string): Promise<void>;
  saveHttp(title: string, request: ConsoleRequest, target: ConsoleTarget): Promise<void>;
  openInspector(channelId: string | undefined): void;
}

/** One connected server as the console uses it. */
export interface ConsoleServer extends ConsoleServerSide {
  readonly id: string;
  readonly target: ConsoleTarget;
  readonly model: ServerModel;
  readonly asteriskVersion?: string;
}

/**
 * The console for one server: it answers the page's messages. Forms are read here, not in the
 * page, so what is checked is what is sent; every request goes into the server's history.
 */
export class ConsoleController {
  private readonly sender: ConsoleSender;
  private operations = new Map<string, CatalogueOperation>();
  /** The same, in spec order: what a `.http` request is matched against. */
  private operationList: readonly CatalogueOperation[] = [];
  /** The catalogue, once its operations are in `operations`. */
  private readonly loaded: Promise<AriCatalogue>;
  private listed: ListedOnRequest = { sounds: [], storedRecordings: [] };
  private readOnly: boolean | undefined;
  /** The probe of write access, started by `start`: a send waits for it, so no write slips out first. */
  private probed: Promise<void> = Promise.resolve();
  private nextKey = 1;
  private disposed = false;
  private completionsAt = 0;

  constructor(
    private readonly server: ConsoleServer,
    catalogue: Promise<AriCatalogue>,
    private readonly history: ConsoleHistory,
    private readonly host: ConsoleHost,
    private readonly servers: () => readonly { id: string; name: string }[],
  ) {
    this.sender = new ConsoleSender(server);
    this.loaded = catalogue.then((c) => {
      this.operations = new Map(c.operations.map((op) => [op.id, op]));
      this.operationList = c.operations;
      return c;
    });
  }

  /** Tells the page everything: the server, its operations, completions and history. */
  async start(): Promise<void> {
    this.postServer();
    this.probed = probeReadOnly(this.server.rest).then((readOnly) => {
      this.readOnly = readOnly;
      this.postServer();
    });
    const catalogue = await this.loaded;
    this.post({ type: 'catalogue', catalogue: viewOf(catalogue) });
    this.post({ type: 'history', entries: this.history.entries });
    await this.probed;
    this.listed = await listOnRequest(this.server.rest, this.server.name);
    this.postCompletions();
  }

  /** The page is gone, or shows another server: nothing more is told, and caused events are no longer watched. */
  dispose(): void {
    this.disposed = true;
    this.sender.dispose();
  }

  /** Tells the page the server again (the list of connected servers changed). */
  refreshServer(): void {
    this.postServer();
  }

  /**
   * Shows an operation (or, with `search`, the operations it matches) with these inputs; `sendNow`
   * sends it as well. Resolves with the operation shown, undefined if none.
   */
  async open(opening: ConsoleOpening): Promise<string | undefined> {
    await this.loaded;
    const { search, wire } = opening;
    let operationId = opening.operationId;
    let inputs = opening.inputs ?? {};
    if (wire) {
      const matched = matchOperation(wire.method, wire.resource, wire.query, this.operationList);
      if (!matched) {
        this.post({ type: 'failed', message: `${wire.method} /ari/${wire.resource} is no operation of ${this.server.name}'s spec. Check the method and the path.` });
        return undefined;
      }
      operationId = matched.id;
      inputs = wireInputs(this.operations.get(matched.id)!, matched.params, wire.body);
    }
    if (operationId !== undefined && !this.operations.has(operationId)) {
      this.post({ type: 'failed', message: `${this.server.name}'s spec has no operation "${operationId}".` });
      return undefined;
    }
    this.post({ type: 'open', ...(operationId !== undefined ? { operationId } : {}), ...(search !== undefined ? { search } : {}), inputs });
    if (opening.sendNow && operationId !== undefined) await this.send(operationId, inputs, 'http');
    return operationId;
  }

  async receive(message: ConsoleWebviewMessage): Promise<void> {
    switch (message.type) {
      case 'draft': {
        this.completionsNowAndThen();
        const reading = this.read(message.operationId, message.inputs);
        this.post(reading.ok ? { type: 'reading', seq: message.seq, uri: `/ari/${requestUri(reading.request)}` } : { type: 'reading', seq: message.seq, ...(reading.field ? { field: reading.field } : {}), message: reading.message });
        return;
      }
      case 'send':
        return this.send(message.operationId, message.inputs, message.via);
      case 'copyAs': {
        const reading = this.read(message.operationId, message.inputs);
        if (!reading.ok) return this.post({ type: 'failed', ...fieldOf(reading.field), message: reading.message });
        const format = SNIPPET_FORMATS.find((s) => s.id === message.format);
        if (!format) return;
        const text = format.make(reading.request, this.server.target);
        // Shown first: a clipboard the window may not write to must not hide the snippet.
        this.post({ type: 'snippet', format: format.id, label: format.label, text });
        return this.host.copy(text);
      }
      case 'saveHttp': {
        const reading = this.read(message.operationId, message.inputs);
        if (!reading.ok) return this.post({ type: 'failed', ...fieldOf(reading.field), message: reading.message });
        return this.host.saveHttp(this.operations.get(message.operationId)?.summary ?? message.operationId, reading.request, this.server.target);
      }
      case 'historyAction':
        return this.historyAction(message.action, message.id);
      case 'openInspector':
        return this.host.openInspector(message.channelId);
      default:
        return;
    }
  }

  private read(operationId: string, inputs: FormInputs): ReturnType<typeof readForm> {
    const op = this.operations.get(operationId);
    if (!op) return { ok: false, message: `${this.server.name}'s spec has no operation "${operationId}". Pick one from the list.` };
    return readForm(op, inputs);
  }

  private async send(operationId: string, inputs: FormInputs, via: 'http' | 'websocket'): Promise<void> {
    const reading = this.read(operationId, inputs);
    if (!reading.ok) return this.post({ type: 'failed', ...fieldOf(reading.field), message: reading.message });
    const op = this.operations.get(operationId)!;
    const { request } = reading;
    const uri = `/ari/${requestUri(request)}`;
    const socket = overWebSocket(this.server.asteriskVersion);
    if (via === 'websocket' && !socket.possible) return this.post({ type: 'failed', message: `Not sent: ${socket.why} Send it over HTTP.` });
    await this.probed;
    if (this.readOnly && isWrite(op)) {
      return this.post({ type: 'failed', message: `Not sent: the ARI user "${this.server.target.username}" on ${this.server.name} is read-only (read_only=yes in ari.conf), and Asterisk refuses it everything but GET (403 "Write access denied"). Use a user with write access (ARI: Edit Server…).` });
    }
    if (isDestructive(op) && !(await this.host.confirm(`${op.method} ${uri} on ${this.server.name}: ${op.summary} Send it?`, 'Send'))) {
      return this.post({ type: 'failed', message: 'Not sent.' });
    }
    const key = this.nextKey++;
    const at = Date.now();
    this.post({ type: 'sending', key, via, uri });
    const outcome = await this.sender.send(key, op, request, via, (caused) => this.post({ type: 'caused', caused }));
    if (outcome.ok) {
      this.post({ type: 'answer', answer: outcome.answer });
      if (outcome.answer.explanation?.readOnlyUser && !this.readOnly) {
        this.readOnly = true;
        this.postServer();
      }
    } else {
      this.post({ type: 'failed', key, message: outcome.message });
    }
    await this.history.add(request, { at, via, ...(outcome.ok ? { status: outcome.answer.status, durationMs: outcome.answer.durationMs } : {}) });
    this.post({ type: 'history', entries: this.history.entries });
    // Sounds and stored recordings are listed again only when a request may have changed them.
    if (op.resource === 'recordings' || op.id.endsWith('.record') || op.resource === 'sounds') {
      this.listed = await listOnRequest(this.server.rest, this.server.name);
      this.postCompletions();
    }
  }

  private async historyAction(action: 'rerun' | 'edit' | 'pin' | 'unpin' | 'remove' | 'clear', id: number | undefined): Promise<void> {
    const entry = id === undefined ? undefined : this.history.get(id);
    if (action === 'clear') await this.history.clear();
    else if (!entry) return;
    else if (action === 'pin' || action === 'unpin') {
      try {
        await this.history.pin(entry.id, action === 'pin');
      } catch (error) {
        this.post({ type: 'failed', message: (error as Error).message });
      }
    } else if (action === 'remove') await this.history.remove(entry.id);
    else {
      const op = this.operations.get(entry.operationId);
      if (!op) return this.post({ type: 'failed', message: `${this.server.name}'s spec has no operation "${entry.operationId}" any more, so this entry cannot be ${action === 'rerun' ? 'sent' : 'edited'}.` });
      const inputs = formInputsOf(op, entry.params);
      this.post({ type: 'open', operationId: op.id, inputs });
      if (action === 'rerun' && entry.redacted) return this.post({ type: 'failed', message: 'This request held a password or secret, which the history does not keep: type it again, then Send.' });
      if (action === 'rerun') return this.send(op.id, inputs, entry.via);
    }
    this.post({ type: 'history', entries: this.history.entries });
  }

  private postServer(): void {
    const { id, name, target, asteriskVersion } = this.server;
    const server: ConsoleServerView = { id, name, url: target.baseUrl, username: target.username, ...(asteriskVersion ? { asteriskVersion } : {}), overWebSocket: overWebSocket(asteriskVersion), ...(this.readOnly !== undefined ? { readOnly: this.readOnly } : {}) };
    this.post({ type: 'server', server, servers: this.servers(), snippets: SNIPPET_FORMATS.map(({ id, label }) => ({ id, label })) });
  }

  /** The live ids again, as the user types, at most once a second: channels come and go. */
  private completionsNowAndThen(): void {
    const now = this.server.clock.now();
    if (now - this.completionsAt < 1000) return;
    this.completionsAt = now;
    this.postCompletions();
  }

  private postCompletions(): void {
    this.post({ type: 'completions', completions: liveCompletions(this.server.model, this.listed) });
  }

  private post(message: ConsoleHostMessage): void {
    if (!this.disposed) this.host.post(message);
  }
}

function fieldOf(field: string | undefined): { field?: string } {
  return field === undefined ? {} : { field };
}

function viewOf(catalogue: AriCatalogue): CatalogueView {
  return {
    source: catalogue.source,
    apiVersion: catalogue.apiVersion,
    ...(catalogue.fallbackReason ? { fallbackReason: catalogue.fallbackReason } : {}),
    skipped: catalogue.skipped,
    operations: catalogue.operations.map((op) => ({
      id: op.id,
      resource: op.resource,
      method: op.method,
      path: op.path,
      summary: op.summary,
      ...(op.notes ? { notes: op.notes } : {}),
      responseClass: op.responseClass,
      errorResponses: op.errorResponses,
      fields: formFields(op),
      destructive: isDestructive(op),
      upgrade: op.upgrade !== undefined,
    })),
  };
}
