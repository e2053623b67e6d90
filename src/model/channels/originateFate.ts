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
 * Read from the session's facts (our apps' and the watcher's events, as the normaliser read them)
 * and its model.
 */
export function originateFate(session: Pick<ServerSession, 'onFact' | 'model' | 'clock'>, channelId: string, app: string, ms: number): Promise<OriginateFate> {
  const clock = session.clock;
  return new Promise((resolve) => {
    const subscriptions: Disposable[] = [];
    let grace: unknown;
    const settle = (fate: OriginateFate) => {
      clock.clearTimeout(timer);
      clock.clearTimeout(grace);
      for (const s of subscriptions) s.dispose();
      resolve(fate);
    };
    const timer = clock.setTimeout(() => settle({ kind: 'waiting', state: session.model.channels.get(channelId)?.snapshot.state }), ms);
    // Our app's StasisStart says it entered. Another client's app is known from the listing, which
    // can list an originated channel (subscribed from the start) before Stasis() failed: give the
    // watcher's STASISSTATUS a moment to arrive. Placed from the dialplan is not inside yet.
    const check = () => {
      const channel = session.model.channels.get(channelId);
      if (channel?.stasisApp !== app || channel.knownFrom === 'dialplan') return;
      if (channel.knownFrom === 'events') settle({ kind: 'entered', app });
      else grace ??= clock.setTimeout(() => settle({ kind: 'entered', app }), ENTRY_GRACE_MS);
    };
    subscriptions.push(
      session.onFact((fact) => {
        if (fact.kind === 'appActivity' && fact.channelId === channelId && !fact.active) settle({ kind: 'failedToEnter', app });
        else if (fact.kind === 'channelGone' && fact.channelId === channelId) settle({ kind: 'hungUp', cause: fact.cause, causeText: fact.causeText });
      }),
      session.model.channels.onDidChange((change) => {
        if (change.changed.includes(channelId)) check();
      }),
    );
    check();
  });
}

/** How long a call another client's app holds per the listing must stay in before it counts as entered. */
const ENTRY_GRACE_MS = 500;
