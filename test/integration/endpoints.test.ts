// Endpoints against the real Asterisk: the model's endpoints are GET /endpoints, a real SIP call
// shows on its endpoint while it lasts (from the channels: no endpoint event tells it), and where
// each PJSIP endpoint routes is read from Asterisk's dynamic configuration.
import assert from 'node:assert/strict';
import { until } from '../support/until';
import { placeCall } from './support/sandbox';
import { closeSessions, sandboxSession, uniqueApp } from './support/sessions';

describe('endpoints against the real Asterisk', () => {
  afterEach(closeSessions);

  it("the model's endpoints are what GET /endpoints lists; a SIP call to alice shows under PJSIP/alice while it lasts, though no endpoint event says so", async function () {
    this.timeout(60_000);
    const session = await sandboxSession([uniqueApp('ep')]);
    const endpointEvents: string[] = [];
    session.onEvent((logged) => /Endpoint|Contact|Peer/.test(logged.event.type) && endpointEvents.push(logged.event.type));
    await session.connect();
    const listed = await session.rest.call('endpoints.list', {});
    const shown = (e: { technology: string; resource: string; state?: string }) => `${e.technology}/${e.resource} ${e.state}`;
    assert.deepEqual([...session.model.endpoints.all].map((e) => shown(e.endpoint)).sort(), listed.map(shown).sort());
    assert.ok(session.model.endpoints.get('PJSIP/alice'), 'the sandbox has alice');

    // alice's context is stasis-ari-example1: the call needs that app registered, or Asterisk answers 404.
    await session.registerApp('ari-example1');
    const call = placeCall({ to: 'alice', hold: 3, timeout: 20 });
    try {
      const channelId = await until(() => [...session.model.channels.ofEndpoint('PJSIP/alice')][0], "the call among PJSIP/alice's channels", 20_000);
      assert.match(session.model.channels.get(channelId)!.snapshot.name, /^PJSIP\/alice-[0-9a-f]{8}$/);
      assert.ok((await session.rest.call('endpoints.get', { tech: 'PJSIP', resource: 'alice' })).channel_ids.includes(channelId), 'Asterisk says the same');
      await session.rest.hangup(channelId);
      await until(() => session.model.channels.ofEndpoint('PJSIP/alice').size === 0, 'the call gone from PJSIP/alice', 20_000);
      assert.deepEqual(endpointEvents, [], 'a subscription to every endpoint hears of no channel coming or going (docs/ari-behaviour.md#endpoints)');
    } finally {
      call.process.kill();
      await call.done;
    }
  });

  it('routes: alice lands in ari-example1 with no dialplan (its context is stasis-ari-example1), read once per resync', async () => {
    const session = await sandboxSession([]);
    await session.connect();
    const ids = [...session.model.endpoints.all].map((e) => e.id);
    session.endpointRoutes.request(ids);
    await until(() => ids.every((id) => session.endpointRoutes.routeOf(id)), 'every route read');
    assert.deepEqual(session.endpointRoutes.routeOf('PJSIP/alice'), { kind: 'stasis', app: 'ari-example1' });
    const config = await session.rest.call('asterisk.getObject', { configClass: 'res_pjsip', objectType: 'endpoint', id: 'bob' });
    const context = config.find((t) => t.attribute === 'context')!.value;
    assert.deepEqual(session.endpointRoutes.routeOf('PJSIP/bob'), context.startsWith('stasis-') ? { kind: 'stasis', app: context.slice('stasis-'.length) } : { kind: 'dialplan', context });
    await session.resync();
    assert.equal(session.endpointRoutes.routeOf('PJSIP/alice'), undefined, 'forgotten at the resync, read again when asked');
  });
});
