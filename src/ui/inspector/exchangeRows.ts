import { describeExchange } from '../../inspector/exchangeText';
import { isFailureExchange } from '../../inspector/InspectorFilter';
import type { ExchangeRow } from '../../inspector/protocol';
import type { LoggedExchange } from '../../model/trace/ExchangeLog';

/**
 * A traced app's REST exchange as the webview shows it; `id` is the panel's, unique across
 * servers and kinds. Its app and channels are the ones the request names (exchangeSubjects.ts,
 * read in the core), so the app and channel filters find it.
 */
export function toExchangeRow(id: number, logged: Pick<LoggedExchange, 'serverId' | 'at' | 'exchange' | 'subjects'>, serverName: string): ExchangeRow {
  const exchange = logged.exchange;
  return {
    kind: 'exchange',
    id,
    serverId: logged.serverId,
    serverName,
    at: logged.at,
    application: logged.subjects.application,
    channelIds: [...logged.subjects.channelIds],
    summary: describeExchange(exchange),
    failure: isFailureExchange(exchange),
    exchange,
  };
}
