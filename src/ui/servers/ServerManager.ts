import { readFile } from 'node:fs/promises';
import type { AriServerConfig, AriTlsOptions } from '../../ari/AriServerConfig';
import { Emitter, type Disposable } from '../../ari/Emitter';
import type { AsteriskInfo } from '../../ari/generated/ariTypes';
import type { ServerSession } from '../../model/session/ServerSession';
import { core } from '../core';
import type { ServerSettings, ServerStore } from './ServerSettings';

export interface ManagedServer {
  readonly settings: ServerSettings;
  readonly session: ServerSession | undefined;
  readonly info: AsteriskInfo | undefined;
  /** Why the last connect failed, as a sentence to show. */
  readonly lastError: string | undefined;
}

interface Entry {
  settings: ServerSettings;
  session: ServerSession | undefined;
  connecting: Promise<void> | undefined;
  info: AsteriskInfo | undefined;
  lastError: string | undefined;
}

export interface SessionTuning {
  moveTimeoutMs(): number;
  eventLogCapacity(): number;
}

export interface CreatedSession {
  readonly server: ServerSettings;
  readonly session: ServerSession;
}

/** The configured servers and their live sessions; keeps both in step with the settings. Plain TypeScript: no vscode import. */
export class ServerManager implements Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly changeEmitter = new Emitter<string | undefined>();
  private readonly sessionEmitter = new Emitter<CreatedSession>();
  private readonly settingsSubscription: Disposable;

  /** A server was added, removed, or changed connection state (its id; undefined for the list). */
  readonly onDidChange = this.changeEmitter.event;
  /** A session was created, before it connects: subscribe to its events here, into `session.scope`. */
  readonly onDidCreateSession = this.sessionEmitter.event;

  constructor(
    private readonly store: ServerStore,
    private readonly tuning: SessionTuning,
  ) {
    this.reconcile();
    this.settingsSubscription = store.onDidChange(() => this.reconcile());
  }

  get servers(): ManagedServer[] {
    return [...this.entries.values()];
  }

  server(id: string): ManagedServer | undefined {
    return this.entries.get(id);
  }

  get connectedServers(): ManagedServer[] {
    return this.servers.filter((s) => s.session?.status.state === 'connected');
  }

  /** Asks Asterisk who it is: the check before a server is saved. */
  async testConnection(settings: ServerSettings, password: string): Promise<AsteriskInfo> {
    // The ARI client (ws, http, the spec's operations) is loaded when first needed, not at activation.
    const { AriRestClient } = await core();
    const client = new AriRestClient(await this.configOf(settings, password));
    try {
      return await client.asteriskInfo();
    } finally {
      await client.close();
    }
  }

  async connect(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry) throw new Error(`No server with id ${id}.`);
    if (entry.session?.status.state === 'failed') await this.dropSession(entry);
    if (entry.session || entry.connecting) return entry.connecting;
    entry.connecting = this.openSession(entry).finally(() => (entry.connecting = undefined));
    return entry.connecting;
  }

  private async openSession(entry: Entry): Promise<void> {
    const id = entry.settings.id;
    const password = await this.store.password(id);
    if (password === undefined) {
      entry.lastError = `No password is stored for ${entry.settings.name}. Run "ARI: Edit Server…" to enter it.`;
      this.changeEmitter.fire(id);
      throw new Error(entry.lastError);
    }
    const { ServerSession } = await core();
    const session = new ServerSession({
      config: await this.configOf(entry.settings, password),
      serverId: id,
      apps: entry.settings.apps ?? [],
      subscribeAll: entry.settings.subscribeAll,
      watch: entry.settings.watch !== false,
      moveTimeoutMs: this.tuning.moveTimeoutMs(),
      eventLogCapacity: this.tuning.eventLogCapacity(),
    });
    entry.session = session;
    entry.lastError = undefined;
    session.scope.add(session.onStatus(() => this.changeEmitter.fire(id)));
    this.sessionEmitter.fire({ server: entry.settings, session });
    this.changeEmitter.fire(id);
    try {
      await session.connect();
      entry.info = session.asteriskInfo;
      this.changeEmitter.fire(id);
    } catch (error) {
      // A Disconnect (or a newer Connect) meanwhile owns the entry now: not an error to show.
      if (entry.session !== session) return;
      entry.lastError = (error as Error).message;
      await this.dropSession(entry);
      this.changeEmitter.fire(id);
      throw error;
    }
  }

  async disconnect(id: string): Promise<void> {
    const entry = this.entries.get(id);
    if (!entry?.session) return;
    await this.dropSession(entry);
    this.changeEmitter.fire(id);
  }

  dispose(): void {
    this.settingsSubscription.dispose();
    for (const entry of this.entries.values()) void this.dropSession(entry);
    this.changeEmitter.dispose();
    this.sessionEmitter.dispose();
  }

  private async dropSession(entry: Entry): Promise<void> {
    const session = entry.session;
    entry.session = undefined;
    entry.info = undefined;
    await session?.dispose();
  }

  /** Follows the settings: new servers appear, removed ones disconnect, edited ones reconnect. */
  private reconcile(): void {
    const wanted = new Map(this.store.list().map((s) => [s.id, s]));
    for (const [id, entry] of this.entries) {
      if (!wanted.has(id)) {
        // Its password stays: a settings.json that is briefly unparsable mid-edit must not cost
        // every stored password. Remove Server deletes it.
        this.entries.delete(id);
        void this.dropSession(entry);
      }
    }
    for (const [id, settings] of wanted) {
      const entry = this.entries.get(id);
      if (!entry) {
        this.entries.set(id, { settings, session: undefined, connecting: undefined, info: undefined, lastError: undefined });
      } else if (JSON.stringify(entry.settings) !== JSON.stringify(settings)) {
        const wasConnected = entry.session !== undefined;
        entry.settings = settings;
        if (wasConnected) void this.dropSession(entry).then(() => this.connect(id)).catch(() => undefined);
      }
    }
    this.changeEmitter.fire(undefined);
  }

  /** The server's TLS settings as a connection takes them, its CA file read. */
  async tlsOf(settings: ServerSettings): Promise<AriTlsOptions> {
    let ca: string | undefined;
    if (settings.tls?.caFile) {
      try {
        ca = await readFile(settings.tls.caFile, 'utf8');
      } catch (error) {
        throw new Error(`Cannot read the CA file "${settings.tls.caFile}" of ${settings.name} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}). Fix the path in the server's TLS settings.`);
      }
    }
    return { ca, rejectUnauthorized: settings.tls?.rejectUnauthorized ?? true };
  }

  private async configOf(settings: ServerSettings, password: string): Promise<AriServerConfig> {
    return { name: settings.name, baseUrl: settings.url, username: settings.username, password, tls: await this.tlsOf(settings) };
  }
}
