import type { AriRestClient } from '../AriRestClient';
import { parseJson } from '../jsonText';

/** One file of a server's spec, under /ari (`api-docs/resources.json`): its JSON, or an error saying what came instead. */
export async function fetchAriSpecFile(rest: Pick<AriRestClient, 'send' | 'serverName'>, resource: string): Promise<unknown> {
  const answer = await rest.send({ method: 'GET', resource, query: new URLSearchParams() }, `read ${resource} from ${rest.serverName}`);
  if (answer.status !== 200) throw new Error(`GET /ari/${resource} answered ${answer.status} ${answer.statusMessage}`);
  const json = parseJson(answer.text);
  if (!json.ok) throw new Error(`GET /ari/${resource} did not answer JSON`);
  return json.value;
}
