import { readFile, writeFile } from 'node:fs/promises';
import { describeProblems, fromNdjson, toNdjson, type RecordedRow, type NdjsonReadResult } from '../../inspector/Ndjson';
import type { TimelineRow } from '../../inspector/protocol';
import type { Logger } from '../Logger';
import type { Ui } from '../Ui';

/** What reading and writing captures asks of the extension. */
export interface CaptureDeps {
  readonly log: Logger;
  readonly ui: () => Ui;
}

/** The file a capture was read from, and what it held. */
export interface Capture extends Omit<NdjsonReadResult, 'skipped'> {
  readonly source: string;
}

const FILTERS = { 'ARI events and REST exchanges (NDJSON)': ['ndjson', 'jsonl'] };

/** Writes the rows as NDJSON, in their order; asks where unless told. Returns how many, or undefined if the user cancelled. */
export async function writeCapture(deps: CaptureDeps, rows: readonly TimelineRow[], to?: { readonly fsPath: string }): Promise<number | undefined> {
  const what = countText(rows.filter((r) => r.kind === 'event').length, rows.filter((r) => r.kind === 'exchange').length);
  const target = to ?? (await deps.ui().saveFile({ filters: FILTERS, saveLabel: `Export ${what}` }));
  if (!target) return undefined;
  await writeFile(target.fsPath, toNdjson(rows.map(recordOf)), 'utf8');
  deps.log.info(`Event Inspector: exported ${what} to ${target.fsPath}`);
  void deps.ui().info(`Exported ${what} to ${target.fsPath}.`);
  return rows.length;
}

/**
 * Reads an NDJSON capture; asks which file unless told. A file with lines that cannot be read is
 * imported only if the user agrees to skip them; one with nothing readable is refused, saying why.
 */
export async function readCapture(deps: CaptureDeps, from?: { readonly fsPath: string }): Promise<Capture | undefined> {
  const file = from ?? (await deps.ui().openFile({ filters: { ...FILTERS, 'Other text': ['json', 'txt', 'log'] }, openLabel: 'Import' }));
  if (!file) return undefined;
  const { events, exchanges, skipped } = fromNdjson(await readFile(file.fsPath, 'utf8'));
  const count = events.length + exchanges.length;
  if (count === 0) {
    throw new Error(`Nothing imported from ${file.fsPath}: no line is an ARI event or a REST exchange (${describeProblems(skipped) || 'the file is empty'}).`);
  }
  const what = countText(events.length, exchanges.length);
  if (skipped.length > 0) {
    const answer = await deps.ui().warn(`${file.fsPath}: ${what} can be imported, ${skipped.length} lines cannot (${describeProblems(skipped)}).`, { modal: true }, `Import ${count}, Skip ${skipped.length}`);
    if (!answer) return undefined;
  }
  deps.log.info(`Event Inspector: imported ${what} from ${file.fsPath}${skipped.length ? `, skipped lines: ${describeProblems(skipped, 20)}` : ''}`);
  return { source: file.fsPath, events, exchanges };
}

function recordOf(row: TimelineRow): RecordedRow {
  const server = { serverId: row.serverId, serverName: row.serverName };
  return row.kind === 'event' ? { ...server, receivedAt: row.at, event: row.event } : { ...server, at: row.at, exchange: row.exchange };
}

/** "3 events", "3 events and 1 REST exchange", "2 REST exchanges": a capture without exchanges reads as before. */
function countText(events: number, exchanges: number): string {
  const eventsText = `${events} event${events === 1 ? '' : 's'}`;
  if (exchanges === 0) return eventsText;
  const exchangesText = `${exchanges} REST exchange${exchanges === 1 ? '' : 's'}`;
  return events === 0 ? exchangesText : `${eventsText} and ${exchangesText}`;
}
