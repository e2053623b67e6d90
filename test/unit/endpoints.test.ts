// Endpoints in the model (src/model/stores/EndpointStore.ts): from GET /endpoints at a resync and
// from endpoint events, ours or the watcher's; and where PJSIP endpoints route their calls
// (src/model/endpoints/EndpointRoutes.ts), read from a stand-in for the REST client.
import assert from 'node:assert/strict';
import type { AriEvent, ConfigTuple, Endpoint } from '../../src/ari/generated/ariTypes';
import { EndpointRoutes } from '../../src/model/endpoints/EndpointRoutes';
import { routeText } from '../../src/model/endpoints/routeText';
import { ModelHarness } from '../support/modelHarness';
import * as f from '../support/ariFixtures';
import { until } from '../support/until';

const endpoint = (resource: string, state: Endpoint['state'] = 'offline', channel_ids: string[] = []): Endpoint => ({ technology: 'PJSIP', resource, state, channel_ids });
const stateChange = (e: Endpoint): AriEvent => ({ type: 'EndpointStateChange', application: 'w', timestamp: f.stamp(), endpoint: e });

describe('Endpoints', () => {
  it('are listed at a resync, change with the events ours and the watcher get, and go when a resync no longer lists them', () => {
    const h = new ModelHarness({ owned: ['app'] });
    const changes: string[][] = [];
    h.model.endpoints.onDidChange((c) => changes.push([...c.changed, ...c.removed.map((id) => `-${id}`)]));
    h.resync({ applications: [], channels: [], bridges: [], endpoints: [endpoint('alice'), endpoint('bob')] });
    assert.deepEqual([...h.model.endpoints.all].map((e) => `${e.id} ${e.endpoint.state}`), ['PJSIP/alice offline', 'PJSIP/bob offline']);
    h.watched(stateChange(endpoint('alice', 'online', ['c1'])));
    assert.equal(h.model.endpoints.get('PJSIP/alice')?.endpoint.state, 'online');
    assert.deepEqual(h.model.endpoints.get('PJSIP/alice')?.endpoint.channel_ids, ['c1']);
    h.apply({ type: 'PeerStatusChange', application: 'app', timestamp: f.stamp(), endpoint: endpoint('bob', 'online'), peer: { peer_status: 'Reachable' } });
    assert.equal(h.model.endpoints.get('PJSIP/bob')?.endpoint.state, 'online', "from our own app's events too");
    h.resync({ applications: [], channels: [], bridges: [], endpoints: [endpoint('alice', 'online')] });
    assert.equal(h.model.endpoints.get('PJSIP/bob'), undefined);
    assert.deepEqual(changes.at(-1), ['PJSIP/alice', '-PJSIP/bob']);
  });

  it('keep their contacts as ContactStatusChange tells them; a removed contact goes; a resync keeps them (GET /endpoints lists none)', () => {
    const h = new ModelHarness();
    const contact = (status: 'Reachable' | 'Removed') => ({ type: 'ContactStatusChange', application: 'w', timestamp: f.stamp(), endpoint: endpoint('alice', 'online'), contact_info: { uri: 'sip:alice@10.0.0.2:5060', contact_status: status, aor: 'alice', roundtrip_usec: '1500' } }) as AriEvent;
    h.watched(contact('Reachable'));
    assert.equal(h.model.endpoints.get('PJSIP/alice')?.contacts.get('sip:alice@10.0.0.2:5060')?.contact_status, 'Reachable');
    h.resync({ applications: [], channels: [], bridges: [], endpoints: [endpoint('alice', 'online')] });
    assert.equal(h.model.endpoints.get('PJSIP/alice')?.contacts.size, 1);
    h.watched(contact('Removed'));
    assert.equal(h.model.endpoints.get('PJSIP/alice')?.contacts.size, 0);
  });

  describe('routes', () => {
    const tuples = (context?: string): ConfigTuple[] => [{ attribute: 'aors', value: 'x' }, ...(context ? [{ attribute: 'context', value: context }] : [])];

    it('read the context of PJSIP endpoints only, when asked, once, a few at a time; stasis-<app> routes into the app', async () => {
      const asked: string[] = [];
      let active = 0;
      let most = 0;
      const contexts: Record<string, string> = { alice: 'stasis-ari-example1', bob: 'default' };
      const rest = {
        call: async (_id: string, params: { id: string }) => {
          asked.push(params.id);
          most = Math.max(most, ++active);
          await new Promise((r) => setTimeout(r, 5));
          active--;
          if (params.id === 'gone') throw new Error('Object with id gone not found');
          return tuples(contexts[params.id]);
        },
      };
      const routes = new EndpointRoutes(rest as never);
      const read: string[] = [];
      routes.onDidRead((id) => read.push(id));
      const many = Array.from({ length: 10 }, (_, i) => `PJSIP/n${i}`);
      routes.request(['PJSIP/alice', 'PJSIP/bob', 'PJSIP/gone', 'IAX2/old', ...many]);
      routes.request(['PJSIP/alice']);
      await until(() => read.length === 13, () => `routes read: ${read.join(', ')}`);
      assert.ok(most <= 4, `at most four at once, not ${most}`);
      assert.equal(asked.filter((id) => id === 'alice').length, 1, 'asked once');
      assert.ok(!asked.includes('old'), 'IAX2 has no PJSIP configuration');
      assert.deepEqual(routes.routeOf('PJSIP/alice'), { kind: 'stasis', app: 'ari-example1' });
      assert.deepEqual(routes.routeOf('PJSIP/bob'), { kind: 'dialplan', context: 'default' });
      assert.deepEqual(routes.routeOf('PJSIP/gone'), { kind: 'unknown', reason: 'Object with id gone not found' });
      assert.deepEqual(routes.routeOf('PJSIP/n0'), { kind: 'unknown', reason: 'its configuration names no context' });
      assert.equal(routeText(routes.routeOf('PJSIP/alice'), () => true), '→ ari-example1 (no dialplan)');
      assert.equal(routeText(routes.routeOf('PJSIP/alice'), () => false), '→ ari-example1 (no dialplan; no client holds it now, so its calls fail)');
      assert.equal(routeText(routes.routeOf('PJSIP/bob'), () => true), '→ context default');
      assert.equal(routeText(routes.routeOf('PJSIP/gone'), () => true), undefined);
    });

    it('forgotten (a resync), an answer still on its way is dropped, and the next request reads again', async () => {
      let release!: () => void;
      const rest = { call: () => new Promise<ConfigTuple[]>((resolve) => (release = () => resolve(tuples('stasis-old')))) };
      const routes = new EndpointRoutes(rest as never);
      routes.request(['PJSIP/alice']);
      routes.forget();
      release();
      await new Promise((r) => setTimeout(r, 5));
      assert.equal(routes.routeOf('PJSIP/alice'), undefined, 'an answer from before the resync');
      routes.request(['PJSIP/alice']);
      release();
      await until(() => routes.routeOf('PJSIP/alice'), 'read again');
    });
  });
});
