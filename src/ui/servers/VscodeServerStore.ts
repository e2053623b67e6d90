import * as vscode from 'vscode';
import type { ServerSettings, ServerStore } from './ServerSettings';

const SECTION = 'stasisExplorer';

/** Server entries in the user settings, their passwords in SecretStorage. */
export class VscodeServerStore implements ServerStore {
  constructor(private readonly secrets: vscode.SecretStorage) {}

  list(): ServerSettings[] {
    return this.raw().filter(isServerSettings);
  }

  get(id: string): ServerSettings | undefined {
    return this.list().find((s) => s.id === id);
  }

  /** Adds or replaces (in place) one entry; entries this version cannot read are kept as they are. */
  async save(settings: ServerSettings, password?: string): Promise<void> {
    const raw = this.raw();
    const index = raw.findIndex((s) => isServerSettings(s) && s.id === settings.id);
    const next = index >= 0 ? raw.map((s, i) => (i === index ? settings : s)) : [...raw, settings];
    // Secret first: a server in the settings without its password would fail to connect.
    if (password !== undefined) await this.secrets.store(secretKey(settings.id), password);
    await vscode.workspace.getConfiguration(SECTION).update('servers', next, vscode.ConfigurationTarget.Global);
  }

  async remove(id: string): Promise<void> {
    const next = this.raw().filter((s) => !(isServerSettings(s) && s.id === id));
    await vscode.workspace.getConfiguration(SECTION).update('servers', next, vscode.ConfigurationTarget.Global);
    await this.forgetPassword(id);
  }

  storePassword(id: string, password: string): Thenable<void> {
    return this.secrets.store(secretKey(id), password);
  }

  private forgetPassword(id: string): Thenable<void> {
    return this.secrets.delete(secretKey(id));
  }

  private raw(): unknown[] {
    const raw = vscode.workspace.getConfiguration(SECTION).get<unknown>('servers', []);
    return Array.isArray(raw) ? raw : [];
  }

  password(id: string): Thenable<string | undefined> {
    return this.secrets.get(secretKey(id));
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SECTION}.servers`)) listener();
    });
  }
}

export function secretKey(serverId: string): string {
  return `stasisExplorer.server.${serverId}.password`;
}

function isServerSettings(value: unknown): value is ServerSettings {
  const v = value as Partial<ServerSettings> | null;
  return !!v && typeof v.id === 'string' && typeof v.name === 'string' && typeof v.url === 'string' && typeof v.username === 'string';
}
