// Two moves of one channel sent back to back (a → b → c), many rounds, on the real Asterisk, with
// a socket per app as the session opens them. The four Stasis events of the two hops arrive
// interleaved across the sockets, and Asterisk now and then coalesces the two moves
// (docs/ari-behaviour.md#move-ordering). Every round must end in one of the two things Asterisk
// does, read exactly: both moves made (journey a → b → c), or the two coalesced (the first
// skipped, the second moved with both moves' args, journey a → c).
import assert from 'node:assert/strict';
import type { StasisStart } from '../../src/ari/generated/ariTypes';
import type { ServerSession } from '../../src/model/session/ServerSession';
import { until } from '../support/until';
import { closeSessions, sandboxSession, uniqueApp } from './support/sessions';
import { nextMatching } from './support/waitFor';

const ROUNDS = Number(process.env.STASIS_QUICK_MOVE_ROUNDS) || 100;

function stasisSteps(session: ServerSession, id: string): string[] {
  return session.journeys
    .of(id)
    .filter((s) => s.kind === 'entered' || s.kind === 'moved')
    .map((s) => (s.kind === 'entered' ? `entered ${s.app}` : `moved ${s.from} → ${s.to} [${s.args.join(',')}]`));
}

describe('two quick moves on the real Asterisk, many rounds', () => {
  afterEach(closeSessions);

  it(`${ROUNDS} rounds of a → b → c sent back to back: every round read as Asterisk did it`, async function () {
    this.timeout(30_000 + ROUNDS * 2_000);
    const [a, b, c] = [uniqueApp('qa'), uniqueApp('qb'), uniqueApp('qc')];
    const session = await sandboxSession([a, b, c]);
    await session.connect();
    const seen = { moved: 0, coalesced: 0 };
    for (let round = 1; round <= ROUNDS; round++) {
      const entered = nextMatching(session.onEvent, (e) => e.event.type === 'StasisStart' && e.event.application === a, `round ${round}: StasisStart in ${a}`);
      const originated = await session.rest.originate({ endpoint: 'Local/100@default', app: a });
      const id = ((await entered).event as StasisStart).channel.id;
      assert.equal(id, originated.id);
      const first = session.move(id, b, [`to-b-${round}`]);
      const second = session.move(id, c, [`to-c-${round}`]);
      const [one, two] = [(await first.outcome).outcome, (await second.outcome).outcome];
      const what = () => JSON.stringify({ round, one, two, journey: session.journeys.of(id), events: session.log.forChannel(id).map((e) => `${e.event.type}@${e.event.application}`) });
      if (one.kind === 'moved') {
        assert.deepEqual([one, two], [{ kind: 'moved', args: [`to-b-${round}`] }, { kind: 'moved', args: [`to-c-${round}`] }], what());
        assert.deepEqual(stasisSteps(session, id), [`entered ${a}`, `moved ${a} → ${b} [to-b-${round}]`, `moved ${b} → ${c} [to-c-${round}]`], what());
        seen.moved++;
      } else {
        assert.equal(one.kind, 'skipped', what());
        assert.deepEqual(two.kind === 'moved' && two.args, [`to-b-${round}`, `to-c-${round}`], what());
        assert.match(two.kind === 'moved' ? (two.warning ?? '') : '', /args of both queued moves/, what());
        assert.deepEqual(stasisSteps(session, id), [`entered ${a}`, `moved ${a} → ${c} [to-b-${round},to-c-${round}]`], what());
        seen.coalesced++;
      }
      const channel = session.model.channels.get(id);
      assert.equal(channel?.stasisApp, c, what());
      // (The Local channel's other half, which never entered Stasis, stays listed under a: its originate subscription.)
      assert.ok(![...session.model.channels.of(a), ...session.model.channels.of(b)].some((ch) => ch.id === id), what());
      assert.equal(session.moves.pendingCount, 0, what());
      await session.rest.hangup(id);
      await until(() => !session.model.channels.get(id), `round ${round}: the channel gone`);
    }
    console.log(`      ${ROUNDS} rounds: ${seen.moved} with both moves made, ${seen.coalesced} coalesced by Asterisk`);
  });
});
