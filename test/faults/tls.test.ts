// The sandbox behind a TLS-terminating proxy with a self-signed certificate (openssl, made per
// run): refused with a clear message by default, and used normally with the configured CA.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as tls from 'node:tls';
import { sandboxEnv } from '../integration/support/sandbox';
import { closeSessions, uniqueApp } from '../integration/support/sessions';
import { until } from '../support/until';
import { modelMatchesAsterisk } from './support/invariants';
import { sessionVia } from './support/proxiedSession';

describe('Faults: TLS in front of the real Asterisk', () => {
  let dir: string;
  let cert: string;
  let server: tls.Server;
  let url: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-tls-proxy-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
    cert = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    const target = new URL((await sandboxEnv()).url);
    server = tls.createServer({ cert, key: fs.readFileSync(path.join(dir, 'key.pem')) }, (client) => {
      const upstream = net.connect(Number(target.port), target.hostname);
      client.pipe(upstream).pipe(client);
      client.on('error', () => upstream.destroy());
      upstream.on('error', () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://localhost:${(server.address() as net.AddressInfo).port}`;
  });

  after(async () => {
    await closeSessions();
    await new Promise((resolve) => server.close(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('by default the self-signed certificate is refused, and the message says to configure its CA', async () => {
    const session = await sessionVia(url, [uniqueApp('tls-refused')]);
    await assert.rejects(session.connect(), (e: Error) => /certificate/i.test(e.message) && /CA/.test(e.message));
    assert.equal(session.status.state, 'failed');
  });

  it('with the CA configured: connected through TLS, events and REST work', async () => {
    const app = uniqueApp('tls');
    const session = await sessionVia(url, [app], {}, { tls: { ca: cert } });
    await session.connect();
    const channel = await session.rest.originate({ endpoint: 'Local/100@default', app, appArgs: ['over', 'tls'] });
    await until(() => session.model.channels.get(channel.id)?.stasisApp === app, 'StasisStart over wss');
    assert.deepEqual(session.model.channels.get(channel.id)?.args, ['over', 'tls']);
    await modelMatchesAsterisk(session);
  });
});
