// The extension's commands with everything VS Code gives them replaced: a settings store in
// memory, a recording Ui, a recording log. The ServerManager and the sessions are the real ones,
// so against the sandbox these are integration tests of the commands, in plain mocha.
import { Emitter } from '../../src/ari/Emitter';
import type { ConsoleOpening } from '../../src/console/ConsoleController';
import type { CommandContext, CommandResult, InspectorView } from '../../src/ui/commands/CommandContext';
import { runCommand } from '../../src/ui/commands/commandHandlers';
import type { Logger } from '../../src/ui/Logger';
import { ServerManager } from '../../src/ui/servers/ServerManager';
import type { ServerSettings, ServerStore } from '../../src/ui/servers/ServerSettings';
import { TraceRegistry } from '../../src/ui/trace/TraceRegistry';
import { RecordingUi } from './RecordingUi';

/** Server entries and passwords in memory, as the settings and SecretStorage would keep them. */
export class MemoryServerStore implements ServerStore {
  readonly passwords = new Map<string, string>();
  private entries: ServerSettings[] = [];
  private readonly emitter = new Emitter<void>();

  list(): ServerSettings[] {
    return this.entries.map((s) => ({ ...s }));
  }

  get(id: string): ServerSettings | undefined {
    return this.list().find((s) => s.id === id);
  }

  async save(settings: ServerSettings, password?: string): Promise<void> {
    if (password !== undefined) this.passwords.set(settings.id, password);
    const index = this.entries.findIndex((s) => s.id === settings.id);
    this.entries = index >= 0 ? this.entries.map((s, i) => (i === index ? settings : s)) : [...this.entries, settings];
    this.emitter.fire();
  }

  async remove(id: string): Promise<void> {
    this.entries = this.entries.filter((s) => s.id !== id);
    this.passwords.delete(id);
    this.emitter.fire();
  }

  password(id: string): Thenable<string | undefined> {
    return Promise.resolve(this.passwords.get(id));
  }

  storePassword(id: string, password: string): Thenable<void> {
    this.passwords.set(id, password);
    return Promise.resolve();
  }

  onDidChange(listener: () => void) {
    return this.emitter.event(listener);
  }
}

export class RecordingLogger implements Logger {
  readonly lines: string[] = [];
  debug = (m: string) => void this.lines.push(`[debug] ${m}`);
  info = (m: string) => void this.lines.push(`[info] ${m}`);
  warn = (m: string) => void this.lines.push(`[warning] ${m}`);
  error = (m: string) => void this.lines.push(`[error] ${m}`);
}

export class CommandHarness {
  readonly store = new MemoryServerStore();
  readonly ui = new RecordingUi();
  readonly log = new RecordingLogger();
  readonly manager = new ServerManager(this.store, { moveTimeoutMs: () => 8_000, eventLogCapacity: () => 10_000 });
  readonly traces = new TraceRegistry(this.manager);
  readonly consoleOpened: { serverId: string; opening: ConsoleOpening | undefined }[] = [];
  readonly context: CommandContext = {
    manager: this.manager,
    store: this.store,
    tree: { refreshAll: () => undefined },
    traces: this.traces,
    log: this.log,
    extensionPath: '/nonexistent',
    inspector: (): InspectorView => {
      throw new Error('the Event Inspector is a webview: tested in test/vscode');
    },
    // The console's page is tested in test/vscode and test/e2e; here, what the commands ask it to open.
    console: () => ({ open: async (serverId, opening) => (this.consoleOpened.push({ serverId, opening }), opening?.operationId) }),
    ui: this.ui,
  };

  /** A command as the palette or a menu runs it: errors end as a message, never as a throw. */
  run<T = unknown>(name: string, ...args: unknown[]): Promise<CommandResult<T>> {
    return runCommand(this.context, name, args) as Promise<CommandResult<T>>;
  }

  async dispose(): Promise<void> {
    for (const trace of this.traces.all) await this.traces.stop(trace.serverId);
    for (const server of this.manager.servers) await this.manager.disconnect(server.settings.id);
    this.traces.dispose();
    this.manager.dispose();
  }
}
