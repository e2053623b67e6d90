// ARI: Trace an App…, Stop Tracing and Copy Trace URL in plain mocha (test/support/commandHarness.ts):
// what they ask, what they refuse, what they start. The proxy is the real one, on a free port of
// 127.0.0.1; what it relays is tested against the real Asterisk in test/integration/traceProxy.test.ts.
import assert from 'node:assert/strict';
import * as net from 'node:net';
import { CommandHarness } from '../support/commandHarness';
import { until } from '../support/until';

async function freePort(): Promise<number> {
  const server = net.createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('trace commands (plain mocha, no Asterisk)', () => {
  let h: CommandHarness;
  beforeEach(async () => {
    h = new CommandHarness();
    // Nothing listens at port 1: the server's connect fails beside the trace, which runs all the same.
    await h.store.save({ id: 'one', name: 'pbx1', url: 'http://127.0.0.1:1', username: 'u', tracePort: await freePort() }, 'p');
  });
  afterEach(() => h.dispose());

  it('asks for the port, checks it as typed, starts the proxy and says where to point the app; Copy Trace URL copies it', async () => {
    const port = h.store.get('one')!.tracePort!;
    h.ui.answer('80a');
    assert.equal(await h.run('traceApp', { serverId: 'one' }), undefined, 'a refused input is not taken');
    assert.match(h.ui.shown.find((s) => s.message.startsWith('validation:'))!.message, /"80a" is not a port\. Enter a whole number from 1 to 65535/);
    assert.equal(h.traces.get('one'), undefined);
    h.ui.answer(String(port));
    const result = await h.run<{ url: string }>('traceApp', { serverId: 'one' });
    assert.ok(result?.ok, JSON.stringify(h.ui.shown));
    assert.equal(result.value.url, `http://127.0.0.1:${port}`);
    const offer = await h.ui.waitFor('info', /^Tracing pbx1 at http:\/\/127\.0\.0\.1:\d+\. Point your ARI app there instead of http:\/\/127\.0\.0\.1:1/);
    assert.deepEqual(offer.actions, ['Copy URL']);
    assert.deepEqual(await h.run('copyTraceUrl', { serverId: 'one' }), { ok: true, value: result.value.url });
    assert.equal(h.ui.copied, result.value.url);
    const answered = await fetch(`${result.value.url}/ari/asterisk/ping`);
    assert.equal(answered.status, 502, 'the proxy answers, for an Asterisk it cannot reach');
    assert.match(await answered.text(), /could not reach Asterisk at http:\/\/127\.0\.0\.1:1 \(ECONNREFUSED\)/);
    assert.equal(h.traces.get('one')?.url, result.value.url);
  });

  it('a second Trace an App… says where the trace already is; Stop Tracing ends it and frees the port', async () => {
    const port = h.store.get('one')!.tracePort!;
    await h.run('traceApp', { serverId: 'one', port });
    await h.run('traceApp', { serverId: 'one', port });
    await h.ui.waitFor('info', /^pbx1 is already traced at http:\/\/127\.0\.0\.1:\d+\./);
    assert.deepEqual(await h.run('stopTrace', { serverId: 'one' }), { ok: true, value: true });
    assert.equal(h.traces.get('one'), undefined);
    const again = net.createServer().listen(port, '127.0.0.1');
    await new Promise((resolve, reject) => again.once('listening', resolve).once('error', reject));
    again.close();
  });

  it('a port another program holds: the message names it and what to do, and no trace is left half-started', async () => {
    const port = h.store.get('one')!.tracePort!;
    const taken = net.createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => taken.once('listening', resolve));
    try {
      const result = await h.run('traceApp', { serverId: 'one', port });
      assert.equal(result?.ok, false);
      assert.match(h.ui.last('error')!.message, new RegExp(`^Port ${port} on 127\\.0\\.0\\.1 is taken \\(by another trace, or another program\\)\\. Stop that, or pick another port`));
      assert.equal(h.traces.get('one'), undefined);
    } finally {
      taken.close();
    }
  });

  it('a traced server removed from the settings stops its trace and frees its port; one given another address is traced there', async () => {
    const port = h.store.get('one')!.tracePort!;
    await h.run('traceApp', { serverId: 'one', port });
    await h.store.save({ ...h.store.get('one')!, url: 'http://127.0.0.1:2' });
    // While it starts again there, the port answers nothing for a moment.
    const says = () => fetch(`http://127.0.0.1:${port}/ari/asterisk/ping`).then((r) => r.text(), () => '');
    await until(async () => (await says()).includes('127.0.0.1:2'), 'the trace forwarding to the new address');
    await h.store.remove('one');
    await until(() => h.traces.get('one') === undefined, 'the trace gone with its server');
    const again = net.createServer().listen(port, '127.0.0.1');
    await new Promise((resolve, reject) => again.once('listening', resolve).once('error', reject));
    again.close();
  });

  it('Copy Trace URL and Stop Tracing with no trace running say so', async () => {
    for (const command of ['copyTraceUrl', 'stopTrace']) {
      const result = await h.run(command);
      assert.equal(result?.ok, false, command);
      assert.match(h.ui.last('error')!.message, /No server is being traced/, command);
    }
  });
});
