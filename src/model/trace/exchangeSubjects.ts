import { matchOperation } from '../../ari/matchOperation';
import type { RestExchange } from '../../proxy/TraceRecord';

/** What an exchange's request names: the app and the channels, for the inspector's app and channel filters. */
export interface ExchangeSubjects {
  readonly application: string;
  readonly channelIds: readonly string[];
}

/**
 * The app and channels a request names, read as ARI routes it (`channels/{channelId}/move?app=…`):
 * a channel in the path (and a snoop's or originate's other one), or listed in `channel=a,b`
 * (bridges). Here, in the core, not in the inspector: it needs the spec's table of operations.
 */
export function subjectsOf(exchange: Pick<RestExchange, 'method' | 'resource' | 'query'>): ExchangeSubjects {
  const params = matchOperation(exchange.method, exchange.resource, exchange.query)?.params ?? {};
  const ids = [params.channelId, params.otherChannelId, params.snoopId, ...(params.channel?.split(',') ?? [])];
  return { application: params.app ?? params.applicationName ?? params.application ?? '', channelIds: [...new Set(ids.filter((id): id is string => !!id))] };
}
