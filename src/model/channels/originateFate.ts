import type { Disposable } from '../../ari/Emitter';
import type { ServerSession } from '../session/ServerSession';

/** What became of an originated channel in its first seconds. */
export type OriginateFate =
  | { readonly kind: 'entered'; readonly app: string }
  | { readonly kind: 'failedToEnter'; readonly app: string }
  | { readonly kind: 'hungUp'; readonly cause: number | undefined; readonly causeText: string | undefined }
  | { readonly kind: 'waiting'; readonly state: string | undefined };

/**
 * Waits up to `ms` for what Asterisk does with a channel it answered 200 for: it enters `app`, or
 * `Stasis()` fails (the app has no client: docs/ari-behaviour.md#inactive-apps) and the call is
 * hung up, or it hangs up for another reason (the endpoint refused), or it is still ringing.
 * Read from the session's events (our apps' and the watcher's) and its model.
 */
export function originateFate(session: Pick<ServerSession, 'onEvent' | 'model' | 'clock'>, channelId: string, app: string, ms: number): Promise<OriginateFate> {
  const clock = session.clock;
  return new Promise((resolve) => {
    let failed = false;
    // Placed from the dialplan is not inside yet: Stasis() may still fail (an app with no client).
    const inside = () => {
      const channel = session.model.channels.get(channelId);
      return channel?.stasisApp === app && channel.knownFrom !== 'dialplan';
    };
    const subscriptions: Disposable[] = [];
    const settle = (fate: OriginateFate) => {
      clock.clearTimeout(timer);
      for (const s of subscriptions) s.dispose();
      resolve(fate);
    };
    const timer = clock.setTimeout(() => settle({ kind: 'waiting', state: session.model.channels.get(channelId)?.snapshot.state }), ms);
    subscriptions.push(
      session.onEvent((logged) => {
        const event = logged.event;
        if (!('channel' in event) || event.channel?.id !== channelId) return;
        if (event.type === 'ChannelVarset' && event.variable === 'STASISSTATUS' && event.value === 'FAILED') failed = true;
        else if (event.type === 'ChannelDestroyed') settle(failed ? { kind: 'failedToEnter', app } : { kind: 'hungUp', cause: event.cause, causeText: event.cause_txt });
      }),
      session.model.channels.onDidChange((change) => {
        if (change.changed.includes(channelId) && inside()) settle({ kind: 'entered', app });
      }),
    );
    if (inside()) settle({ kind: 'entered', app });
  });
}
