import type { FrameProblem } from '../../ari/AriEventsClient';
import { ARI_SPEC_VERSION } from '../../ari/generated/ariTypes';

/** The sentence for the log about a frame that was not read, and what (not) to do about it. */
export function frameProblemText(server: string, p: FrameProblem): string {
  switch (p.problem) {
    case 'notJson':
      return `Ignored a frame from ${server} that is not JSON (${p.detail}); nothing was changed. Asterisk sends only JSON events: if this repeats, check that the server URL reaches Asterisk and not a proxy.`;
    case 'notAnEvent':
      return `Ignored a frame from ${server} that is not an ARI event (${p.detail}); nothing was changed.`;
    case 'binary':
      return `Ignored ${p.detail} from ${server}: ARI events are text; nothing was changed.`;
    case 'tooLarge':
      return `Ignored ${p.detail} from ${server}: parsing it would stall VS Code. The model is read again from REST instead.`;
    case 'unknownType':
      return `Ignored a frame from ${server}: ${p.detail} (Stasis Explorer knows the events of ARI ${ARI_SPEC_VERSION}; a newer Asterisk may send more); nothing was changed, and further ones of this type are ignored without a message.`;
  }
}

/**
 * Tells the frame problems worth a message: a newer Asterisk may send an event type on every
 * call, so an unknown type is told once per type (and at most 100 types), not per frame. A frame
 * too large to read starts a resync, which reads what it carried from REST.
 */
export class FrameProblemFilter {
  private readonly unknownTypes = new Set<string>();

  constructor(
    private readonly server: string,
    private readonly hooks: { readonly resync: () => void; readonly problem: (p: { message: string; detail?: string }) => void },
  ) {}

  tell(p: FrameProblem): void {
    if (!this.worthTelling(p)) return;
    if (p.problem === 'tooLarge') this.hooks.resync();
    this.hooks.problem({ message: frameProblemText(this.server, p), detail: p.excerpt });
  }

  private worthTelling(p: FrameProblem): boolean {
    if (p.problem !== 'unknownType') return true;
    if (this.unknownTypes.has(p.detail) || this.unknownTypes.size >= 100) return false;
    this.unknownTypes.add(p.detail);
    return true;
  }
}
