import type { Disposable } from '../../ari/Emitter';
import type { Ui } from '../Ui';
import type { TraceRegistry } from './TraceRegistry';

const SHOW_JOURNEY = 'Show Journey';

/**
 * A move the traced app asked for that Asterisk could not make is what its developer most needs
 * to see (Asterisk answers the REST call 204 and says so only later, in ApplicationMoveFailed:
 * docs/ari-behaviour.md#move), so it is notified, with the channel's journey one click away.
 */
export function noticeTracedMoveFailures(traces: TraceRegistry, ui: () => Ui, showJourney: (serverId: string, channelId: string) => void): Disposable {
  return traces.onTracedMoveFailed(({ session, move }) => {
    const channel = session.model.channels.get(move.channelId)?.snapshot.name ?? move.channelId;
    const args = move.args.length > 0 ? ` with args ${move.args.join(',')}` : '';
    const message = `${move.from ?? 'The traced app'} moved ${channel} to ${move.to}${args}: failed, "${move.to}" is not registered or has no client (ApplicationMoveFailed). The channel stays in ${move.from ?? 'its app'}.`;
    void ui()
      .warn(message, {}, SHOW_JOURNEY)
      .then((picked) => {
        if (picked === SHOW_JOURNEY) showJourney(session.id, move.channelId);
      });
  });
}
