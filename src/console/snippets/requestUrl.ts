import { requestUri, type ConsoleRequest, type ConsoleTarget } from '../ConsoleRequest';

/** The request's whole URL, as the console sends it: 'http://127.0.0.1:8088/ari/channels/abc/move?app=x'. */
export function requestUrl(request: Pick<ConsoleRequest, 'resource' | 'query'>, target: ConsoleTarget): string {
  return `${target.baseUrl.replace(/\/+$/, '')}/ari/${requestUri(request)}`;
}
