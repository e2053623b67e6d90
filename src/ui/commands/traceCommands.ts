import type { CommandContext, CommandResult } from './CommandContext';
import { CommandError, resolveServer, type ServerTarget } from './targets';
import { DEFAULT_TRACE_PORT, type ActiveTrace } from '../trace/TraceRegistry';

/** The port as typed, or why it cannot be one. */
function portProblem(text: string): string | undefined {
  const port = Number(text.trim());
  return /^\d+$/.test(text.trim()) && port >= 1 && port <= 65_535 ? undefined : `"${text}" is not a port. Enter a whole number from 1 to 65535, e.g. ${DEFAULT_TRACE_PORT}.`;
}

/**
 * ARI: Trace an App… (docs/trace-proxy.md): starts a local proxy for the server and says where to
 * point the user's app; `port` skips the prompt. A server not connected yet is connected beside
 * it, so that what the app is told feeds the tree; the trace does not wait for that (an Asterisk
 * that is down is what the app will see through it too).
 */
export async function traceApp(ctx: CommandContext, arg?: Partial<ServerTarget> & { port?: number }): Promise<CommandResult<ActiveTrace>> {
  const server = await resolveServer(ctx, arg, () => true, 'No ARI server is configured. Add one first (ARI: Add Server…).');
  if (!server) return undefined;
  const id = server.settings.id;
  const running = ctx.traces.get(id);
  if (running) {
    void offerUrl(ctx, running, `${server.settings.name} is already traced at ${running.url}.`);
    return { ok: true, value: running };
  }
  let port = arg?.port;
  if (port === undefined) {
    const text = await ctx.ui.input({
      title: `Trace an app on ${server.settings.name}`,
      prompt: `Port on 127.0.0.1 for the trace proxy. Your app then uses http://127.0.0.1:<port> instead of ${server.settings.url}.`,
      value: String(server.settings.tracePort ?? DEFAULT_TRACE_PORT),
      validateInput: portProblem,
      ignoreFocusOut: true,
    });
    if (text === undefined) return undefined;
    port = Number(text.trim());
  } else if (portProblem(String(port))) throw new CommandError(portProblem(String(port))!);
  const trace = await ctx.traces.start(id, port);
  if (!server.session) ctx.manager.connect(id).catch((error: Error) => ctx.log.warn(`[${server.settings.name}] the trace runs, but the server did not connect, so the tree does not show what it sees: ${error.message}`));
  ctx.log.info(`[${server.settings.name}] tracing at ${trace.url}: ARI apps pointed there reach ${server.settings.url} through Stasis Explorer`);
  void offerUrl(ctx, trace, `Tracing ${server.settings.name} at ${trace.url}. Point your ARI app there instead of ${server.settings.url}: it works as before, and its REST calls and events show here.`);
  return { ok: true, value: trace };
}

export async function stopTrace(ctx: CommandContext, arg?: Partial<ServerTarget>): Promise<CommandResult<boolean>> {
  const server = await resolveServer(ctx, arg, (s) => ctx.traces.get(s.settings.id) !== undefined, 'No server is being traced.');
  if (!server) return undefined;
  const stopped = await ctx.traces.stop(server.settings.id);
  if (stopped) ctx.log.info(`[${server.settings.name}] trace stopped; apps connected through it were disconnected`);
  return { ok: true, value: stopped };
}

export async function copyTraceUrl(ctx: CommandContext, arg?: Partial<ServerTarget>): Promise<CommandResult<string>> {
  const server = await resolveServer(ctx, arg, (s) => ctx.traces.get(s.settings.id) !== undefined, 'No server is being traced. Start one with ARI: Trace an App….');
  if (!server) return undefined;
  const trace = ctx.traces.get(server.settings.id);
  if (!trace) throw new CommandError(`${server.settings.name} is not being traced. Start it with ARI: Trace an App….`);
  await ctx.ui.copy(trace.url);
  ctx.ui.status(`Copied ${trace.url}`, 3000);
  return { ok: true, value: trace.url };
}

async function offerUrl(ctx: CommandContext, trace: ActiveTrace, message: string): Promise<void> {
  if ((await ctx.ui.info(message, 'Copy URL')) === 'Copy URL') await ctx.ui.copy(trace.url);
}
