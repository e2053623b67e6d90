import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import type { AriRestClient } from '../AriRestClient';
import type { AriCatalogue } from './AriCatalogue';
import { fetchAriSpecFile } from './fetchAriSpecFile';
import { listedSpecFiles, readAriSpec, type AriSpecFile } from './readAriSpec';

/** resources.json and the api-docs files it lists, parsed. */
export interface AriSpecFiles {
  readonly resources: unknown;
  readonly files: readonly AriSpecFile[];
}

/** GETs one resource relative to /ari ('api-docs/channels.json') and resolves with its parsed JSON; rejects on any failure. */
export type FetchAriJson = (resource: string) => Promise<unknown>;

/**
 * The catalogue of the connected server's own spec, which Asterisk serves under /ari/api-docs
 * (docs/ari-behaviour.md#api-docs), so the console shows what that release really has. The
 * api-docs files are fetched concurrently; one that fails is listed in `skipped` and the others
 * kept. When resources.json cannot be fetched, or nothing the server serves yields an operation,
 * the bundled spec is read instead, with `fallbackReason`. Never rejects.
 */
export async function loadAriCatalogue(fetchJson: FetchAriJson, readBundled: () => Promise<AriSpecFiles>): Promise<AriCatalogue> {
  let resources: unknown;
  try {
    resources = await fetchJson('api-docs/resources.json');
  } catch (err) {
    return bundled(readBundled, `GET /ari/api-docs/resources.json failed: ${messageOf(err)}`);
  }
  const names = listedSpecFiles(resources).names;
  const fetched = await Promise.allSettled(names.map(async (name) => ({ name, doc: await fetchJson(`api-docs/${name}`) })));
  const files: AriSpecFile[] = [];
  const failures: string[] = [];
  fetched.forEach((result, i) => {
    if (result.status === 'fulfilled') files.push(result.value);
    else failures.push(`GET /ari/api-docs/${names[i]} failed (${messageOf(result.reason)}); its operations are not shown.`);
  });
  const server = readAriSpec(resources, files, 'server');
  const skipped = [...failures, ...server.skipped];
  if (server.operations.length === 0) {
    const why = skipped.length > 0 ? skipped.join(' ') : 'resources.json lists no api-docs file.';
    return bundled(readBundled, `The server's spec has no operation that could be read: ${why}`);
  }
  return { ...server, skipped };
}

/** {@link loadAriCatalogue} of the server `rest` talks to, with the vendored spec in `bundledDir` as the fallback. */
export function loadServerCatalogue(rest: Pick<AriRestClient, 'send' | 'serverName'>, bundledDir: string): Promise<AriCatalogue> {
  return loadAriCatalogue((resource) => fetchAriSpecFile(rest, resource), () => readBundledSpec(bundledDir));
}

async function bundled(readBundled: () => Promise<AriSpecFiles>, fallbackReason: string): Promise<AriCatalogue> {
  try {
    const { resources, files } = await readBundled();
    return { ...readAriSpec(resources, files, 'bundled'), fallbackReason };
  } catch (err) {
    return { source: 'bundled', apiVersion: '', fallbackReason, operations: [], skipped: [`The bundled spec could not be read (${messageOf(err)}).`] };
  }
}

/** Reads resources.json and the api-docs files it lists from `dir` (the extension's spec/ari/api-docs); rejects if one is missing or not JSON. */
export async function readBundledSpec(dir: string): Promise<AriSpecFiles> {
  const readJson = async (name: string): Promise<unknown> => JSON.parse(await readFile(path.join(dir, name), 'utf8'));
  const resources = await readJson('resources.json');
  const files = await Promise.all(listedSpecFiles(resources).names.map(async (name) => ({ name, doc: await readJson(name) })));
  return { resources, files };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
