import { ProxyThread } from '../../../src/proxy/ProxyThread';
import { sandboxEnv } from './sandbox';
import type { TraceLog } from './TraceLog';

const proxies: ProxyThread[] = [];

/** A trace proxy in front of the sandbox, as the extension runs it, whose records go to `trace`; resolves with its URL. */
export async function startTraceProxy(trace: TraceLog): Promise<string> {
  const proxy = new ProxyThread({ target: (await sandboxEnv()).url, port: 0, reader: trace.reader });
  proxies.push(proxy);
  return proxy.listen();
}

/** Closes every proxy `startTraceProxy` started. */
export async function closeTraceProxies(): Promise<void> {
  for (const proxy of proxies.splice(0)) await proxy.close();
}
