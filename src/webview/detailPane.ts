// The inspector's detail pane: the journey of a channel, if one is open, then the selected row:
// an event's payload, or a REST exchange's request and answer.
import type { JourneyView, TimelineRow } from '../inspector/protocol';
import type { DetailContext } from './detailContext';
import { el } from './dom';
import { eventDetail } from './eventDetail';
import { exchangeDetail } from './exchangeDetail';
import { journeyElement } from './journeyView';

export function renderDetailPane(detail: HTMLElement, row: TimelineRow | undefined, journey: JourneyView | undefined, ctx: DetailContext): void {
  detail.replaceChildren();
  if (journey) detail.append(journeyElement(journey, ctx));
  if (row) detail.append(...(row.kind === 'event' ? eventDetail(row, ctx) : exchangeDetail(row, ctx)));
  else if (!journey) detail.append(el('p', 'hint', 'Select an event or a REST exchange to see it. ↑/↓ move, Enter opens, / searches.'));
}
