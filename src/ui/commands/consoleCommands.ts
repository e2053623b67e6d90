import { httpRequestToAri } from '../../console/httpRequestToAri';
import type { ParsedHttpRequest } from '../../console/parseHttpFile';
import type { ConsoleOpening } from '../../console/ConsoleController';
import type { CommandContext, CommandResult } from './CommandContext';
import { CommandError, resolveConnected, type ServerTarget } from './targets';

/** Open Console: the ARI console of a connected server (the one clicked, the only one, or one picked). */
export async function openConsole(ctx: CommandContext, target?: Partial<ServerTarget>): Promise<CommandResult<string>> {
  const connected = await resolveConnected(ctx, target);
  if (!connected) return undefined;
  await ctx.console().open(connected.server.settings.id);
  return { ok: true, value: connected.server.settings.id };
}

/** What a tree item names, as the console's parameters name it. */
export interface OperationTarget extends ServerTarget {
  channelId?: string;
  bridgeId?: string;
  app?: string;
  endpointId?: string;
}

/**
 * Run Operation…: the console, listing the operations of the item's resource, with the item's id
 * filled into whichever is picked (a channel's channelId; an endpoint's tech and resource).
 */
export async function runOperation(ctx: CommandContext, target?: Partial<OperationTarget>): Promise<CommandResult<ConsoleOpening>> {
  const connected = await resolveConnected(ctx, target);
  if (!connected) return undefined;
  const opening = openingFor(target ?? {});
  await ctx.console().open(connected.server.settings.id, opening);
  return { ok: true, value: opening };
}

function openingFor(target: Partial<OperationTarget>): ConsoleOpening {
  if (target.channelId) return { search: 'channels.', inputs: { channelId: target.channelId } };
  if (target.bridgeId) return { search: 'bridges.', inputs: { bridgeId: target.bridgeId } };
  if (target.endpointId) {
    const [tech, ...rest] = target.endpointId.split('/');
    return { search: 'endpoints.', inputs: { tech, resource: rest.join('/') } };
  }
  if (target.app) return { search: 'applications.', inputs: { applicationName: target.app } };
  return { inputs: {} };
}

/**
 * Send with Stasis Explorer (a `.http` file's CodeLens): the request, on the connected server its
 * base URL names (or one picked), shown in the console and sent from there.
 */
export async function sendHttpRequest(ctx: CommandContext, parsed?: ParsedHttpRequest): Promise<CommandResult<string>> {
  if (!parsed) throw new CommandError('Send with Stasis Explorer runs from the CodeLens above a request in a .http file.');
  if (parsed.problems.length > 0) throw new CommandError(`This request cannot be sent: ${parsed.problems.join(' ')}`);
  const byUrl = ctx.manager.connectedServers.find((s) => s.session && parsed.url.startsWith(`${s.session.rest.baseUrl.toString()}/ari/`));
  const connected = await resolveConnected(ctx, byUrl ? { serverId: byUrl.settings.id } : undefined);
  if (!connected) return undefined;
  const wire = httpRequestToAri(parsed, connected.session.rest.baseUrl.toString());
  if ('problem' in wire) throw new CommandError(wire.problem);
  const shown = await ctx.console().open(connected.server.settings.id, { wire, sendNow: true });
  return shown === undefined ? { ok: false, message: `${wire.method} /ari/${wire.resource} was not sent: the console says why.` } : { ok: true, value: shown };
}
