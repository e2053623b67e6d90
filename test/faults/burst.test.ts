// Backpressure: Asterisk drops a client that leaves its socket undrained for 100 ms (the default
// websocket_write_timeout, which the sandbox keeps: docs/ari-behaviour.md#write-timeout). A burst
// of 200 real SIP calls in four seconds must not get us dropped. The event-loop lag during the
// burst is measured and reported (and written to test-results/faults-burst.json); speed goals
// live in the benchmarks.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { placeCall } from '../integration/support/sandbox';
import { closeSessions, sandboxSession } from '../integration/support/sessions';
import { until } from '../support/until';
import { modelMatchesAsterisk, noDuplicateEvents, noPendingMoves } from './support/invariants';
import { recordLinks } from './support/proxiedSession';

const CALLS = 200;
const RATE = 50;

describe('Faults: a burst of 200 SIP calls with the default websocket_write_timeout', () => {
  afterEach(closeSessions);

  it('no disconnect; every call seen entering and leaving; the model ends equal to Asterisk', async function () {
    this.timeout(180_000);
    // sipp's calls go to alice, whose context is stasis-ari-example1.
    const session = await sandboxSession(['ari-example1']);
    await session.connect();
    const links = recordLinks(session);
    const entered = new Set<string>();
    const left = new Set<string>();
    const answerFailures: string[] = [];
    // Like an ARI app: answer each call as it enters; sipp hangs up 2 s after the answer.
    session.onEvent(({ event }) => {
      if (event.type === 'StasisStart' && event.channel.name.startsWith('PJSIP/alice')) {
        entered.add(event.channel.id);
        session.rest.answer(event.channel.id).catch((e: Error) => answerFailures.push(e.message));
      }
      if (event.type === 'StasisEnd' && event.channel.name.startsWith('PJSIP/alice')) left.add(event.channel.id);
    });
    // The histogram records whole sampling intervals: the lag is what exceeds the resolution.
    const resolutionMs = 1;
    const lag = monitorEventLoopDelay({ resolution: resolutionMs });
    lag.enable();
    const started = Date.now();
    const call = placeCall({ to: 'alice', count: CALLS, rate: RATE, hold: 2, timeout: 30, callerName: 'Burst' });
    await until(() => entered.size === CALLS, () => `${CALLS} StasisStart (seen ${entered.size})`, 60_000);
    const peakAt = Date.now() - started;
    await until(() => left.size === CALLS, () => `${CALLS} StasisEnd (seen ${left.size})`, 60_000);
    lag.disable();
    const ended = await call.done;
    const events = session.log.all().length;
    const report = {
      calls: CALLS,
      ratePerSec: RATE,
      events,
      allEnteredAfterMs: peakAt,
      disconnects: links.filter((l) => l.state === 'closed').length,
      loopLagP50Ms: Number(Math.max(0, lag.percentile(50) / 1e6 - resolutionMs).toFixed(2)),
      loopLagP99Ms: Number(Math.max(0, lag.percentile(99) / 1e6 - resolutionMs).toFixed(2)),
      loopLagMaxMs: Number(Math.max(0, lag.max / 1e6 - resolutionMs).toFixed(2)),
      sippExit: ended.code,
    };
    console.log(`      ${JSON.stringify(report)}`);
    const results = path.resolve(__dirname, '../../../test-results');
    fs.mkdirSync(results, { recursive: true });
    fs.writeFileSync(path.join(results, 'faults-burst.json'), `${JSON.stringify(report, null, 2)}\n`);

    assert.equal(report.disconnects, 0, `the events socket dropped: ${JSON.stringify(links)}`);
    assert.deepEqual(answerFailures, []);
    assert.equal(ended.code, 0, ended.output.slice(-2000));
    await until(() => session.model.channels.countOf('ari-example1') === 0, 'the app empty again');
    await modelMatchesAsterisk(session);
    noDuplicateEvents(session);
    noPendingMoves(session);
  });
});
