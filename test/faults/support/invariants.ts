// What must hold after every fault the session recovers from.
import assert from 'node:assert/strict';
import type { ServerSession } from '../../../src/model/ServerSession';

/**
 * The model against GET /applications and GET /channels. `channel_ids` are subscriptions, and an
 * originated channel that moved stays subscribed to its first app as well: so each app of the
 * model must hold only channels Asterisk lists for it, and each live channel Asterisk lists must
 * be in the model under one of the apps that list it.
 */
export async function modelMatchesAsterisk(session: ServerSession): Promise<void> {
  const applications = await session.rest.listApplications();
  const live = new Set((await session.rest.listChannels()).map((c) => c.id));
  const listedBy = new Map<string, string[]>();
  for (const a of applications) for (const id of a.channel_ids) if (live.has(id)) listedBy.set(id, [...(listedBy.get(id) ?? []), a.name]);
  const asterisk = new Map(applications.map((a) => [a.name, new Set(a.channel_ids)]));
  for (const app of session.state.applications) {
    const listed = asterisk.get(app.name);
    assert.ok(listed !== undefined || app.owned, `the model keeps app ${app.name} that Asterisk no longer lists`);
    for (const id of app.channelIds) {
      assert.ok(live.has(id), `the model keeps channel ${id} in ${app.name}, which Asterisk no longer has`);
      assert.ok(listed?.has(id), `the model puts channel ${id} in ${app.name}, which Asterisk does not list there`);
    }
  }
  for (const [id, apps] of listedBy) {
    const placed = session.state.applications.filter((a) => a.channelIds.has(id)).map((a) => a.name);
    assert.equal(placed.length, 1, `channel ${id} (listed by ${apps.join(', ')}) is in the model under: ${placed.join(', ') || 'none'}`);
    assert.ok(apps.includes(placed[0]), `channel ${id} is under ${placed[0]}, Asterisk lists it under ${apps.join(', ')}`);
  }
}

/** Asterisk does not replay events and a resync must not re-log any: each one is in the log once. */
export function noDuplicateEvents(session: ServerSession): void {
  const keys = session.log.all().map((e) => JSON.stringify(e.event));
  assert.equal(new Set(keys).size, keys.length, `duplicated events: ${keys.filter((k, i) => keys.indexOf(k) !== i).join(' ')}`);
}

/** No move is left waiting for an outcome that can no longer come. */
export function noPendingMoves(session: ServerSession): void {
  assert.equal(session.moves.pendingCount, 0, `moves still pending: ${session.state.applications.flatMap((a) => [...a.channelIds]).flatMap((id) => session.moves.pending(id).map((m) => `${m.channelId} → ${m.to}`)).join(', ')}`);
}
