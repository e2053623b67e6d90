// The extension's event path for one server, wired as src/extension.ts and ServerManager wire it:
// ServerSession (events sockets, normaliser, stores, moves, journeys, event log), OutputLogger at debug level
// (one formatted line per event) and the tree provider with its refresh coalescing, read by a
// stand-in for VS Code's tree view. Only the VS Code API is stubbed (bench/vscodeStub.mjs).
// It imports TypeScript from src/: bench/pipeline.mjs bundles it; node cannot run it directly.
import * as vscode from 'vscode';
import { ServerSession } from '../src/model/session/ServerSession';
import { OutputLogger } from '../src/ui/OutputLogger';
import { TraceRegistry } from '../src/ui/trace/TraceRegistry';
import { StasisTreeProvider } from '../src/ui/tree/StasisTreeProvider';

/**
 * `watch`: as the extension does by default against a real Asterisk (live.mjs). The replayed
 * recording (ingest) holds the frames of the apps' sockets only, not a watcher's copies of every
 * channel event, so it runs without.
 */
export function createPipeline({ baseUrl, username, password, apps, watch }) {
  const settings = { id: 'replay', name: 'replay', url: baseUrl, username, apps };
  const session = new ServerSession({ config: { name: settings.name, baseUrl, username, password }, serverId: settings.id, apps, watch });
  const server = { settings, session, info: undefined, lastError: undefined };
  const serverChanged = new vscode.EventEmitter();
  const sessionCreated = new vscode.EventEmitter();
  const manager = {
    servers: [server],
    server: (id) => (id === settings.id ? server : undefined),
    onDidChange: serverChanged.event,
    onDidCreateSession: sessionCreated.event,
  };
  const log = new LogChannel();
  const logger = new OutputLogger(log, manager);
  const tree = new StasisTreeProvider(manager, new TraceRegistry(manager));
  const view = new TreeView(tree);
  session.onStatus(() => serverChanged.fire(settings.id));
  sessionCreated.fire({ server: settings, session });
  return {
    session,
    log,
    view,
    async dispose() {
      tree.dispose();
      logger.dispose();
      await session.dispose();
    },
  };
}

/** A LogOutputChannel set to Debug: every event's line is formatted, then dropped. */
class LogChannel {
  logLevel = vscode.LogLevel.Debug;
  lines = 0;

  debug() {
    this.lines++;
  }

  info() {
    this.lines++;
  }

  warn() {
    this.lines++;
  }

  error() {
    this.lines++;
  }
}

/**
 * What VS Code does with a visible, expanded tree when the provider reports changes: it asks for
 * the changed nodes' items again, and for the children (and their items) of expanded nodes.
 */
class TreeView {
  items = 0;

  constructor(provider) {
    this.provider = provider;
    provider.onDidChangeTreeData((changed) => this.refresh(changed));
    this.refresh(undefined);
  }

  refresh(changed) {
    const nodes = changed === undefined ? this.provider.getChildren() : [changed].flat();
    for (const node of nodes) this.render(node);
  }

  render(node) {
    const item = this.provider.getTreeItem(node);
    this.items++;
    if (item.collapsibleState === vscode.TreeItemCollapsibleState.Expanded) {
      for (const child of this.provider.getChildren(node)) this.render(child);
    }
  }
}
