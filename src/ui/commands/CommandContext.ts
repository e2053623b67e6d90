import type { ConsoleOpening } from '../../console/ConsoleController';
import type { InspectorFilter } from '../../inspector/InspectorFilter';
import type { JourneyView } from '../../inspector/protocol';
import type { Logger } from '../Logger';
import type { ServerManager } from '../servers/ServerManager';
import type { ServerStore } from '../servers/ServerSettings';
import type { TraceRegistry } from '../trace/TraceRegistry';
import type { Ui } from '../Ui';

/** What the inspector commands ask of the Event Inspector panel (opened on demand). */
export interface InspectorView {
  showJourney(serverId: string, channelId: string): JourneyView | undefined;
  /** Writes the events the filter keeps; asks where unless told. Returns how many, or undefined if cancelled. */
  exportEvents(filter: InspectorFilter, to?: { readonly fsPath: string }): Promise<number | undefined>;
  importEvents(from?: { readonly fsPath: string }): Promise<number | undefined>;
}

/** What the console commands ask of the ARI console panel (opened on demand). */
export interface ConsoleView {
  /** Resolves with the operation shown (undefined if none). */
  open(serverId: string, opening?: ConsoleOpening): Promise<string | undefined>;
}

/**
 * What every command needs; nothing here is VS Code itself, so command logic runs in plain mocha
 * with stand-ins. `ui` is read on each use, so tests can swap it.
 */
export interface CommandContext {
  readonly manager: ServerManager;
  readonly store: ServerStore;
  readonly tree: { refreshAll(): void };
  /** The traces of the user's own apps (docs/trace-proxy.md). */
  readonly traces: TraceRegistry;
  readonly log: Logger;
  /** The extension's folder (the repository's sandbox script is found from it). */
  readonly extensionPath: string;
  /** Opens (or reveals) the Event Inspector, filtered if asked. */
  readonly inspector: (filter?: InspectorFilter) => InspectorView;
  /** Opens (or reveals) the ARI console. */
  readonly console: () => ConsoleView;
  ui: Ui;
}

/** What a command hands back to its caller (the palette ignores it; tests read it). */
export type CommandResult<T = unknown> = { ok: true; value: T } | { ok: false; message: string } | undefined;
