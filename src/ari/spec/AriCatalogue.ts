import type { AriErrorResponseDoc } from '../generated/ariOperationDocs';
import type { AriHttpMethod, AriParameterSpec } from '../generated/ariOperations';

/** One parameter of an operation, with the spec's description of it ('' when it has none). */
export interface CatalogueParameter extends AriParameterSpec {
  readonly description: string;
}

/**
 * One operation as a server's own spec declares it: what a request needs (the same shape as
 * ARI_OPERATIONS' entries) and its prose. Its id is `<api-docs file name>.<nickname>`, as in
 * ARI_OPERATIONS, but need not be one of those: a newer Asterisk has operations we were not
 * generated from.
 */
export interface CatalogueOperation {
  readonly id: string;
  /** The api-docs file it comes from: 'channels'. */
  readonly resource: string;
  readonly method: AriHttpMethod;
  /** As in the spec, relative to /ari: '/channels/{channelId}/move'. */
  readonly path: string;
  readonly upgrade?: 'websocket';
  readonly summary: string;
  readonly notes?: string;
  /** The swagger responseClass as written: 'void', 'Channel', 'List[Channel]'. */
  readonly responseClass: string;
  readonly errorResponses: readonly AriErrorResponseDoc[];
  /** In spec order. */
  readonly parameters: readonly CatalogueParameter[];
}

/** Every operation one console shows, and where they were read from. */
export interface AriCatalogue {
  /** 'server': the connected Asterisk's own /ari/api-docs; 'bundled': the spec shipped with the extension. */
  readonly source: 'server' | 'bundled';
  /** The spec's apiVersion ('10.0.0'). */
  readonly apiVersion: string;
  /** With 'bundled': why the server's own spec was not used, as a sentence. */
  readonly fallbackReason?: string;
  /** In spec order: resources.json's order of files, then each file's order. */
  readonly operations: readonly CatalogueOperation[];
  /** What was left out because it could not be read, one sentence each ('' parts are never listed). */
  readonly skipped: readonly string[];
}
