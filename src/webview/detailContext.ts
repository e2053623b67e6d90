import type { WebviewMessage } from '../inspector/protocol';

/** What the parts of the detail pane ask of the page. */
export interface DetailContext {
  /** Open nodes of the JSON trees, by scope and path; kept by the page, so they survive reloads. */
  readonly expanded: Set<string>;
  post(message: WebviewMessage): void;
  rerender(): void;
  persist(): void;
  closeJourney(): void;
}
