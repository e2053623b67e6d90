// What must hold after every fault the session recovers from.
import assert from 'node:assert/strict';
import type { ServerSession } from '../../../src/model/session/ServerSession';

/**
 * The model against GET /applications and GET /channels. `channel_ids` are subscriptions, and an
 * originated channel that moved stays subscribed to its first app as well
 * (docs/ari-behaviour.md#applications-resource): so each app of the model must hold only live
 * channels Asterisk lists for it, an app Asterisk no longer lists may stay only if it is ours, and
 * each live channel Asterisk lists must be in the model under exactly one of the apps that list it.
 */
export async function modelMatchesAsterisk(session: ServerSession): Promise<void> {
  const applications = await session.rest.call('applications.list', {});
  const live = new Set((await session.rest.call('channels.list', {})).map((c) => c.id));
  const listedBy = new Map<string, string[]>();
  for (const a of applications) for (const id of a.channel_ids) if (live.has(id)) listedBy.set(id, [...(listedBy.get(id) ?? []), a.name]);
  const asterisk = new Map(applications.map((a) => [a.name, new Set(a.channel_ids)]));
  const apps = session.model.applications.all.map((a) => a.name);
  const modelApps = new Set(apps);
  const stray = [...session.model.channels.appsWithChannels].filter((name) => !modelApps.has(name));
  assert.deepEqual(stray, [], `the model lists channels under apps it does not have: ${stray.map((name) => `${name} (${session.model.channels.of(name).map((c) => c.id).join(', ')})`).join('; ')}`);
  const inModel = new Map<string, string[]>();
  for (const name of apps) {
    const listed = asterisk.get(name);
    assert.ok(listed !== undefined || session.ownership.isOwned(name), `the model keeps app ${name} that Asterisk no longer lists`);
    for (const { id } of session.model.channels.of(name)) {
      assert.ok(live.has(id), `the model keeps channel ${id} in ${name}, which Asterisk no longer has`);
      assert.ok(listed?.has(id), `the model puts channel ${id} in ${name}, which Asterisk does not list there`);
      inModel.set(id, [...(inModel.get(id) ?? []), name]);
    }
  }
  for (const [id, listing] of listedBy) {
    const placed = inModel.get(id) ?? [];
    assert.equal(placed.length, 1, `channel ${id} (listed by ${listing.join(', ')}) is in the model under: ${placed.join(', ') || 'none'}`);
    assert.ok(listing.includes(placed[0]), `channel ${id} is under ${placed[0]}, Asterisk lists it under ${listing.join(', ')}`);
  }
}

/** Asterisk does not replay events (docs/ari-behaviour.md#socket-close) and a resync must not re-log any: each one is in the log once. */
export function noDuplicateEvents(session: ServerSession): void {
  const keys = session.log.all().map((e) => JSON.stringify(e.event));
  assert.equal(new Set(keys).size, keys.length, `duplicated events: ${keys.filter((k, i) => keys.indexOf(k) !== i).join(' ')}`);
}

/** No move is left waiting for an outcome that can no longer come. */
export function noPendingMoves(session: ServerSession): void {
  const pending = [...session.model.channels.all].flatMap((c) => session.moves.pending(c.id).map((m) => `${m.channelId} → ${m.to}`));
  assert.equal(session.moves.pendingCount, 0, `moves still pending: ${pending.join(', ') || '(of channels no longer in the model)'}`);
}
