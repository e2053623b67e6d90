import type { ConsoleRequest, ConsoleTarget } from '../ConsoleRequest';
import { ariClientSnippet } from './ariClientSnippet';
import { curlSnippet } from './curlSnippet';
import { fetchSnippet } from './fetchSnippet';
import { pythonRequestsSnippet } from './pythonRequestsSnippet';
import { wsFrameSnippet } from './wsFrameSnippet';

export type SnippetFormatId = 'curl' | 'ariClient' | 'python' | 'fetch' | 'wsFrame';

/** One way to "Copy as": each makes text that does what the console's request does, and holds no password. */
export interface SnippetFormat {
  readonly id: SnippetFormatId;
  readonly label: string;
  readonly make: (request: ConsoleRequest, target: ConsoleTarget) => string;
}

export const SNIPPET_FORMATS: readonly SnippetFormat[] = [
  { id: 'curl', label: 'curl', make: curlSnippet },
  { id: 'ariClient', label: 'Node (ari-client)', make: ariClientSnippet },
  { id: 'python', label: 'Python (requests)', make: pythonRequestsSnippet },
  { id: 'fetch', label: 'Node (fetch)', make: fetchSnippet },
  { id: 'wsFrame', label: 'REST over WebSocket frame', make: wsFrameSnippet },
];
