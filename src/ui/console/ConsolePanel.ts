import * as vscode from 'vscode';
import type { Disposable } from '../../ari/Emitter';
import type { AriCatalogue } from '../../ari/spec/AriCatalogue';
import type { ConsoleController, ConsoleHost } from '../../console/ConsoleController';
import { isConsoleWebviewMessage, type ConsoleHostMessage } from '../../console/protocol';
import type { ServerSession } from '../../model/session/ServerSession';
import type { ConsoleOpening } from '../../console/ConsoleController';
import type { ConsoleView } from '../commands/CommandContext';
import { core } from '../core';
import type { Logger } from '../Logger';
import type { ServerManager } from '../servers/ServerManager';
import type { Ui } from '../Ui';
import { prepareWebviewPanel } from '../webviewPage';
import { consoleHtml } from './consoleHtml';
import { saveToHttpFile } from './saveToHttpFile';

const VIEW_TYPE = 'stasisExplorer.console';

export interface ConsoleDeps {
  readonly extensionUri: vscode.Uri;
  readonly manager: ServerManager;
  readonly log: Logger;
  readonly ui: () => Ui;
  /** Where each server's history is kept (the extension's global state). */
  readonly storage: vscode.Memento;
  readonly openInspector: (channelId: string | undefined) => void;
}

/**
 * The ARI console: one webview panel, showing one connected server at a time through a
 * ConsoleController (src/console), which the core bundle brings. Each server's catalogue is read
 * once per session. The page is untrusted as a sender: what it sends is checked, anything else
 * is logged and dropped.
 */
export class ConsolePanel implements ConsoleView {
  private static current: ConsolePanel | undefined;
  private readonly disposables: Disposable[] = [];
  private readonly catalogues = new WeakMap<ServerSession, Promise<AriCatalogue>>();
  /** The server shown; a controller that is no longer this one tells the page nothing. */
  private controller: { serverId: string; session: ServerSession; controller: Promise<ConsoleController> } | undefined;
  private ready: Promise<void>;
  private pageReady!: () => void;
  private disposed = false;

  static instance(deps: ConsoleDeps): ConsolePanel {
    ConsolePanel.current ??= new ConsolePanel(vscode.window.createWebviewPanel(VIEW_TYPE, 'ARI Console', vscode.ViewColumn.Active, { retainContextWhenHidden: true }), deps);
    return ConsolePanel.current;
  }

  static get shown(): ConsolePanel | undefined {
    return ConsolePanel.current;
  }

  private constructor(
    private readonly panel: vscode.WebviewPanel,
    private readonly deps: ConsoleDeps,
  ) {
    prepareWebviewPanel(panel, deps.extensionUri);
    this.ready = new Promise((resolve) => (this.pageReady = resolve));
    panel.webview.html = consoleHtml(panel.webview, deps.extensionUri);
    this.disposables.push(
      panel.onDidDispose(() => this.dispose()),
      panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m)),
      deps.manager.onDidChange(() => this.serverChanged()),
    );
  }

  /** Shows the console for `serverId` (connected), with an operation or a search opened if asked; resolves with the operation shown. */
  async open(serverId: string, opening?: ConsoleOpening): Promise<string | undefined> {
    this.panel.reveal(undefined, false);
    await this.ready;
    const controller = await this.controllerFor(serverId);
    return opening ? controller.open(opening) : undefined;
  }

  dispose(): void {
    if (ConsolePanel.current === this) ConsolePanel.current = undefined;
    this.disposed = true;
    this.drop();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
  }

  /** The controller of the server shown, made (once) when another server or a new session is shown. */
  private controllerFor(serverId: string): Promise<ConsoleController> {
    const session = this.deps.manager.server(serverId)?.session;
    if (!session) return Promise.reject(new Error(`The server is not connected. Connect it first (ARI: Connect).`));
    if (this.controller?.serverId === serverId && this.controller.session === session) return this.controller.controller;
    this.drop();
    const shown = { serverId, session, controller: this.newController(serverId, session) };
    this.controller = shown;
    // One whose making failed is made again at the next use.
    shown.controller.catch(() => this.controller === shown && (this.controller = undefined));
    return shown.controller;
  }

  private drop(): void {
    void this.controller?.controller.then((c) => c.dispose(), () => undefined);
    this.controller = undefined;
  }

  private async newController(serverId: string, session: ServerSession): Promise<ConsoleController> {
    const { ConsoleController, ConsoleHistory, consoleServerOf } = await core();
    const controller = new ConsoleController(
      consoleServerOf(session, this.deps.manager.server(serverId)!.settings.username),
      this.catalogueOf(session),
      new ConsoleHistory(this.deps.storage, serverId),
      this.host(),
      () => this.deps.manager.connectedServers.map((s) => ({ id: s.settings.id, name: s.settings.name })),
    );
    this.panel.title = `ARI Console: ${session.name}`;
    void controller.start().catch((error: Error) => this.post({ type: 'failed', message: `The console could not read ${session.name}: ${error.message}` }));
    return controller;
  }

  private catalogueOf(session: ServerSession): Promise<AriCatalogue> {
    let catalogue = this.catalogues.get(session);
    if (!catalogue) {
      const spec = vscode.Uri.joinPath(this.deps.extensionUri, 'spec', 'ari', 'api-docs').fsPath;
      catalogue = core().then(({ loadServerCatalogue }) => loadServerCatalogue(session.rest, spec));
      this.catalogues.set(session, catalogue);
    }
    return catalogue;
  }

  private host(): ConsoleHost {
    return {
      post: (message) => this.post(message),
      confirm: async (message, action) => (await this.deps.ui().warn(message, { modal: true }, action)) === action,
      copy: async (text) => {
        await this.deps.ui().copy(text);
        this.deps.ui().status('Copied to the clipboard', 3000);
      },
      saveHttp: (title, request, target) => saveToHttpFile(this.deps.ui(), title, request, target),
      openInspector: (channelId) => this.deps.openInspector(channelId),
    };
  }

  /**
   * A server went, came or changed: the list of servers is told again; a console whose session
   * was replaced (a reconnect, an edit of the server) follows the new one; one whose server is
   * gone says so.
   */
  private serverChanged(): void {
    const shown = this.controller;
    if (!shown) return;
    const session = this.deps.manager.server(shown.serverId)?.session;
    if (session === shown.session) {
      void shown.controller.then((c) => c.refreshServer(), () => undefined);
    } else if (session && session.status.state === 'connected') {
      void this.controllerFor(shown.serverId).catch(() => undefined);
    } else {
      this.drop();
      this.post({ type: 'failed', message: `${shown.session.name} is no longer connected. Connect it again (ARI: Connect), then open the console from it.` });
    }
  }

  private async receive(message: unknown): Promise<void> {
    if (!isConsoleWebviewMessage(message)) {
      this.deps.log.warn(`ARI console: ignored a message from the page that is not part of its protocol: ${JSON.stringify(message)?.slice(0, 200)}`);
      this.post({ type: 'failed', message: 'Not sent: the form holds more than the console takes (over 100 fields, 1,000 rows or 1 MB in one field). Shorten it.' });
      return;
    }
    try {
      if (message.type === 'ready') return this.pageReady();
      if (message.type === 'copy') return void (await this.deps.ui().copy(message.text));
      if (message.type === 'selectServer') return void (await this.controllerFor(message.serverId));
      if (!this.controller) return this.post({ type: 'failed', message: 'No connected server is shown. Open the console from a connected server (ARI: Open Console).' });
      await (await this.controller.controller).receive(message);
    } catch (error) {
      const text = (error as Error).message;
      this.deps.log.error(`ARI console: ${text}`);
      this.post({ type: 'failed', message: text });
    }
  }

  private post(message: ConsoleHostMessage): void {
    if (!this.disposed) void this.panel.webview.postMessage(message);
  }
}
