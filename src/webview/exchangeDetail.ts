// The selected REST exchange in the detail pane: what the traced app asked (method, path, query,
// headers, body) and what Asterisk answered (status, reason, headers, body). All of it came over
// the network, so all of it goes in as text.
import { bodyJson, durationText, exchangePath } from '../inspector/exchangeText';
import { exchangeForExport } from '../inspector/exportRedaction';
import { isFailureExchange } from '../inspector/InspectorFilter';
import type { ExchangeRow } from '../inspector/protocol';
import type { HeaderPairs, RestExchange, TracedBody } from '../proxy/TraceRecord';
import type { DetailContext } from './detailContext';
import { el, icon, iconButton } from './dom';
import { journeyButtons } from './journeyView';
import { jsonTreeElement } from './jsonTreeView';

export function exchangeDetail(row: ExchangeRow, ctx: DetailContext): HTMLElement[] {
  const e = row.exchange;
  const header = el('div', 'detail-header');
  header.append(el('h2', undefined, `#${row.id} ${e.method} ${e.resource}`));
  const copyJson = iconButton('copy', 'Copy JSON', 'Copy the whole exchange as JSON, without credentials');
  // The clipboard leaves the machine as an export does: the same credential check.
  copyJson.addEventListener('click', () => ctx.post({ type: 'copy', text: JSON.stringify(exchangeForExport(e), null, 2) }));
  header.append(copyJson, ...journeyButtons(row, ctx));
  const via = e.via === 'websocket' ? `the events socket${e.requestId ? ` (request_id ${e.requestId})` : ''}` : 'HTTP';
  const request = section('Request', [
    fields([
      ['Method', e.method],
      ['Path', exchangePath(e)],
      ['Sent', new Date(e.at).toISOString()],
      ['Via', via],
    ]),
    pairsTable('Query', e.query),
    pairsTable('Headers', e.requestHeaders),
    bodyElement(e.requestBody, ctx, 'request body:'),
  ]);
  const response = section('Response', [
    fields([
      ['Status', statusText(e)],
      ['Took', durationText(e.durationMs)],
    ]),
    pairsTable('Headers', e.responseHeaders),
    bodyElement(e.responseBody, ctx, 'response body:'),
  ]);
  if (isFailureExchange(e)) response.classList.add('failure');
  return [header, request, response];
}

function statusText(e: RestExchange): string {
  if (e.status === 0) return `no answer${e.failure ? `: ${e.failure}` : ''}`;
  return `${e.status}${e.reason ? ` ${e.reason}` : ''}`;
}

function section(title: string, parts: HTMLElement[]): HTMLElement {
  const box = el('section', 'exchange-part');
  box.append(el('h3', undefined, title), ...parts);
  return box;
}

function fields(pairs: readonly (readonly [string, string])[]): HTMLElement {
  const list = el('dl', 'fields');
  for (const [name, value] of pairs) list.append(el('dt', undefined, name), el('dd', undefined, value));
  return list;
}

function pairsTable(title: string, pairs: HeaderPairs): HTMLElement {
  const box = el('div', 'pairs');
  box.append(el('h4', undefined, title));
  if (pairs.length === 0) {
    box.append(el('p', 'hint', 'none'));
    return box;
  }
  const table = el('table');
  for (const [name, value] of pairs) {
    const line = el('tr');
    line.append(el('th', undefined, name), el('td', undefined, value));
    table.append(line);
  }
  box.append(table);
  return box;
}

/** A body: as a JSON tree when it is JSON with something to open, else as its text; a cut body says so. */
function bodyElement(body: TracedBody | undefined, ctx: DetailContext, scope: string): HTMLElement {
  const box = el('div', 'body');
  box.append(el('h4', undefined, 'Body'));
  if (!body || (body.bytes === 0 && body.text === '')) {
    box.append(el('p', 'hint', 'no body'));
    return box;
  }
  box.append(el('p', 'hint', `${body.bytes} bytes${body.contentType ? `, ${body.contentType}` : ''}`));
  if (body.truncated) {
    const notice = el('p', 'notice');
    notice.append(icon('warning'), el('span', undefined, ` Truncated: the trace kept the first ${body.text.length} characters of ${body.bytes} bytes.`));
    box.append(notice);
  }
  const json = bodyJson(body);
  const tree = json && typeof json.value === 'object' && json.value !== null;
  box.append(tree ? jsonTreeElement(json.value, ctx, scope) : el('pre', 'body-text', body.text));
  return box;
}
