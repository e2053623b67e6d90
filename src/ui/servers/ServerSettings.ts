import type { Disposable } from '../../ari/Emitter';

/** One entry of the `stasisExplorer.servers` setting. The password is in SecretStorage. */
export interface ServerSettings {
  id: string;
  name: string;
  url: string;
  username: string;
  apps?: string[];
  subscribeAll?: boolean;
  /** Watch every app of the server (docs/ari-behaviour.md#watching); on unless false. */
  watch?: boolean;
  tls?: { caFile?: string; rejectUnauthorized?: boolean };
  /** Start the trace whenever the server connects (docs/trace-proxy.md). */
  trace?: boolean;
  /** Where "Trace an App…" listens on 127.0.0.1 (docs/trace-proxy.md); 8089 unless set. */
  tracePort?: number;
}

/** Where server entries and their passwords are kept (settings + SecretStorage in VS Code; memory in tests). */
export interface ServerStore {
  list(): ServerSettings[];
  get(id: string): ServerSettings | undefined;
  /** Adds or replaces one entry; with a password, stores it first. */
  save(settings: ServerSettings, password?: string): Promise<void>;
  /** Removes the entry and deletes its password. */
  remove(id: string): Promise<void>;
  password(id: string): Thenable<string | undefined>;
  storePassword(id: string, password: string): Thenable<void>;
  onDidChange(listener: () => void): Disposable;
}
