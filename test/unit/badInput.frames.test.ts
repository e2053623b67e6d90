// Bad input, case by case: each case goes through the code a user's input takes —
// the validators the Add/Edit Server, Register Application and Move prompts run, the REST client
// and the events socket against a fake Asterisk — and checks the message (what was wrong, what
// to do) and that the model is left as it was.
//
// This file: frames on the events socket.
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describeEvent } from '../../src/model/describeEvent';
import * as f from '../support/ariFixtures';
import { closeHarnesses, connected, picture } from '../support/badInputHarness';
import { until } from '../support/until';

describe('Bad input catalogue', () => {
  afterEach(closeHarnesses);

  describe('frames on the events socket', () => {
    it('frame that is not JSON: ignored and logged as not JSON with its start; nothing changes; the next event applies', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      const before = picture(session);
      fake.send('app', '{"type":"StasisStart", oops');
      fake.send('app', f.varset('app', f.channel('c1'), 'AFTER', '1'));
      await until(() => session.model.channels.get('c1')?.variables.get('AFTER') === '1', 'the next event', 3_000);
      assert.match(problems[0].message, /^Ignored a frame from pbx1 that is not JSON \(.*\); nothing was changed\..*check that the server URL reaches Asterisk/);
      assert.equal(problems[0].detail, '{"type":"StasisStart", oops');
      assert.equal(problems.length, 1);
      assert.equal(session.log.size, JSON.parse(before).logged + 1, 'only the good event is in the log');
    });

    it('JSON frame without a "type": ignored and logged as not an ARI event; the model is unchanged; the next event applies', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      const before = picture(session);
      fake.send('app', JSON.stringify({ application: 'app', channel: f.channel('c1', { state: 'Up' }) }));
      await until(() => problems.length === 1, 'the problem', 3_000);
      assert.match(problems[0].message, /not an ARI event \(a frame without a string "type"\); nothing was changed/);
      assert.equal(picture(session), before);
      fake.send('app', f.stateChange('app', f.channel('c1', { state: 'Up' })));
      await until(() => session.model.channels.get('c1')?.snapshot.state === 'Up', 'the next event', 3_000);
    });

    it('unknown event type: ignored and logged naming the type, once per type (a newer Asterisk may send it on every call); the model is unchanged', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      const before = picture(session);
      for (let i = 0; i < 3; i++) fake.send('app', JSON.stringify({ type: 'ChannelTeleported', application: 'app', timestamp: f.stamp(), channel: f.channel('c1', { state: 'Up' }) }));
      fake.send('app', JSON.stringify({ type: 'ChannelBeamed', application: 'app', timestamp: f.stamp(), channel: f.channel('c1', { state: 'Up' }) }));
      fake.send('app', f.varset('app', f.channel('c1'), 'AFTER', '1'));
      await until(() => session.model.channels.get('c1')?.variables.get('AFTER') === '1', 'the next event', 3_000);
      assert.deepEqual(problems.map((p) => /unknown event type "(\w+)"/.exec(p.message)?.[1]), ['ChannelTeleported', 'ChannelBeamed']);
      assert.match(problems[0].message, /^Ignored a frame from pbx1: unknown event type "ChannelTeleported" \(Stasis Explorer knows the events of ARI \d+\.\d+\.\d+; a newer Asterisk may send more\); nothing was changed, and further ones of this type are ignored without a message\.$/);
      assert.notEqual(session.model.channels.get('c1')?.snapshot.state, 'Up', 'the unknown events changed the channel');
      assert.equal(session.log.size, JSON.parse(before).logged + 1, 'only the known event was logged');
    });

    it('known event type with a body Asterisk never sends (StasisStart without "args"): refused whole and logged; the channel is not half added; the model is read again from REST', async () => {
      const { fake, session, problems } = await connected();
      const before = picture(session);
      let resyncs = 0;
      session.onResync(() => resyncs++);
      const withoutArgs: Record<string, unknown> = { ...f.stasisStart('app', f.channel('half')) };
      delete withoutArgs.args;
      fake.send('app', JSON.stringify(withoutArgs));
      fake.send('app', f.stasisStart('app', f.channel('whole'), ['ok']));
      await until(() => session.model.channels.get('whole') !== undefined, 'the next event', 3_000);
      assert.match(problems[0].message, /^Could not process a StasisStart event from pbx1: its "args" is not a list of strings\. It was ignored, and the model is read again from REST\.$/);
      await until(() => resyncs === 1, 'the resync', 3_000);
      assert.match(problems[0].detail!, /"type":"StasisStart"/);
      assert.equal(session.model.channels.get('half'), undefined);
      assert.deepEqual(session.journeys.of('half'), []);
      assert.equal(session.log.size, JSON.parse(before).logged + 1);
    });

    it('10 MB event (a ChannelVarset holding 10 MB): applied without dropping the link or stalling the host for a second; its log line is clipped', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      const value = 'x'.repeat(10 * 1024 * 1024);
      const frame = JSON.stringify(f.varset('app', f.channel('c1'), 'BIG', value));
      const stalls = monitorEventLoopDelay({ resolution: 10 });
      stalls.enable();
      fake.send('app', frame);
      await until(() => session.model.channels.get('c1')?.variables.get('BIG')?.length === value.length, 'the 10 MB event', 4_000);
      stalls.disable();
      assert.ok(stalls.max / 1e6 < 1_000, `the event loop stalled ${Math.round(stalls.max / 1e6)} ms`);
      fake.send('app', f.varset('app', f.channel('c1'), 'AFTER', '1'));
      await until(() => session.model.channels.get('c1')?.variables.get('AFTER') === '1', 'the next event', 3_000);
      assert.equal(session.status.state, 'connected');
      assert.deepEqual(problems, []);
      const line = describeEvent(session.log.all().find((e) => e.event.type === 'ChannelVarset')!.event);
      assert.ok(line.length < 1_000, `a ${line.length}-character log line`);
      assert.match(line, /"BIG"="x{100,}… \(10485762 characters\)$/);
    });

    it('10 MB frame that is not JSON: ignored, logged with only its first 200 characters; the link stays up and the model unchanged', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      const before = picture(session);
      fake.send('app', `{"type":"ChannelVarset","value":"${'x'.repeat(10 * 1024 * 1024)}`);
      await until(() => problems.length === 1, 'the problem', 4_000);
      assert.match(problems[0].message, /not JSON/);
      assert.equal(problems[0].detail!.length, 200);
      assert.ok(problems[0].message.length < 1_000, `a ${problems[0].message.length}-character message`);
      assert.equal(picture(session), before);
      assert.equal(session.status.state, 'connected');
    });

    it('Asterisk\'s own {"error","message"} frame: ignored, and the log passes on what Asterisk said', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      const before = picture(session);
      fake.send('app', JSON.stringify({ error: 'InvalidMessage', message: 'Message was not valid JSON' }));
      await until(() => problems.length === 1, 'the problem', 3_000);
      assert.match(problems[0].message, /not an ARI event \(Asterisk said InvalidMessage: Message was not valid JSON\)/);
      assert.equal(picture(session), before);
    });

    it('frame above the 16 MB cap: not parsed, logged with its size; the link stays up and the next event applies', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      const huge = JSON.stringify(f.varset('app', f.channel('c1'), 'HUGE', 'x'.repeat(17 * 1024 * 1024)));
      fake.send('app', huge);
      fake.send('app', f.varset('app', f.channel('c1'), 'AFTER', '1'));
      await until(() => session.model.channels.get('c1')?.variables.get('AFTER') === '1', 'the next event', 3_000);
      assert.equal(session.model.channels.get('c1')?.variables.has('HUGE'), false);
      assert.match(problems[0]?.message ?? '', /Ignored a frame of 17\.0 MB, above the 16 MB limit .*The model is read again from REST instead/);
      assert.equal(session.status.state, 'connected');
    });

    it('binary frame (Asterisk sends only text): ignored and logged; the model is unchanged and the next text event applies', async () => {
      const { fake, session, problems } = await connected({ channels: [f.channel('c1')] });
      fake.send('app', Buffer.from(JSON.stringify(f.varset('app', f.channel('c1'), 'BINARY', '1'))));
      fake.send('app', f.varset('app', f.channel('c1'), 'TEXT', '1'));
      await until(() => session.model.channels.get('c1')?.variables.get('TEXT') === '1', 'the text event', 3_000);
      assert.equal(session.model.channels.get('c1')?.variables.has('BINARY'), false);
      assert.match(problems[0]?.message ?? '', /Ignored a binary frame of \d+ bytes .*ARI events are text/);
    });

    it('text frame that is not valid UTF-8: the socket library drops the link, the reason is logged; it reconnects, resyncs, and later events apply', async () => {
      const { fake, session } = await connected({ channels: [f.channel('c1')] });
      const reasons: string[] = [];
      session.onLinkStatus(({ status }) => {
        if (status.state === 'closed') reasons.push(status.reason);
      });
      const first = fake.sockets.get('app');
      const frame = Buffer.from(JSON.stringify(f.varset('app', f.channel('c1'), 'BAD', 'Z')));
      frame[frame.lastIndexOf('Z')] = 0xff;
      fake.sendText('app', frame);
      await until(() => fake.sockets.get('app') !== undefined && fake.sockets.get('app') !== first && session.status.state === 'connected', 'the reconnect', 3_000);
      assert.match(reasons.join(' | '), /invalid UTF-8/);
      await until(() => fake.requestsTo('GET', '/ari/channels').length === 2, 'the resync after the reconnect', 3_000);
      fake.send('app', f.varset('app', f.channel('c1'), 'AFTER', '1'));
      await until(() => session.model.channels.get('c1')?.variables.get('AFTER') === '1', 'the next event', 3_000);
      assert.equal(session.model.channels.get('c1')?.variables.has('BAD'), false);
    });
  });
});
