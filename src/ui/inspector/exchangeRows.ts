import { matchOperation } from '../../ari/matchOperation';
import { describeExchange } from '../../inspector/exchangeText';
import { isFailureExchange } from '../../inspector/InspectorFilter';
import type { ExchangeRow } from '../../inspector/protocol';
import type { LoggedExchange } from '../../model/trace/ExchangeLog';

/**
 * A traced app's REST exchange as the webview shows it; `id` is the panel's, unique across
 * servers and kinds. Its app and channels are the ones the request names, read as ARI routes it
 * (`channels/{channelId}/move?app=…`), so the app and channel filters find it.
 */
export function toExchangeRow(id: number, logged: Pick<LoggedExchange, 'serverId' | 'at' | 'exchange'>, serverName: string): ExchangeRow {
  const exchange = logged.exchange;
  const params = matchOperation(exchange.method, exchange.resource, exchange.query)?.params ?? {};
  return {
    kind: 'exchange',
    id,
    serverId: logged.serverId,
    serverName,
    at: logged.at,
    application: params.app ?? params.applicationName ?? params.application ?? '',
    channelIds: channelIdsNamed(params),
    summary: describeExchange(exchange),
    failure: isFailureExchange(exchange),
    exchange,
  };
}

/** A channel in the path (`channelId`, and a snoop's or originate's other one), or listed in `channel=a,b` (bridges). */
function channelIdsNamed(params: Readonly<Record<string, string>>): string[] {
  const ids = [params.channelId, params.otherChannelId, params.snoopId, ...(params.channel?.split(',') ?? [])];
  return [...new Set(ids.filter((id): id is string => !!id))];
}
