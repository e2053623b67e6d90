// TLS settings of the REST and events clients, against the fake Asterisk serving https and wss
// with a self-signed certificate made by openssl for this run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AriError } from '../../src/ari/AriError';
import { AriEventsClient, type EventsLinkStatus } from '../../src/ari/AriEventsClient';
import { AriRestClient } from '../../src/ari/AriRestClient';
import { FakeAsterisk, json } from '../support/FakeAsterisk';
import { until } from '../support/until';

describe('TLS to ARI (self-signed certificate)', function () {
  this.timeout(15_000);
  let dir: string;
  let cert: string;
  let fake: FakeAsterisk;
  let baseUrl: string;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stasis-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    cert = fs.readFileSync(path.join(dir, 'cert.pem'), 'utf8');
    fake = await FakeAsterisk.start({ tls: { cert, key: fs.readFileSync(path.join(dir, 'key.pem'), 'utf8') } });
    fake.routes.set('GET /ari/asterisk/ping', json(200, { asterisk_id: 'x', ping: 'pong', timestamp: 'now' }));
    baseUrl = fake.url;
  });

  after(async () => {
    await fake.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('REST refuses the unknown certificate by default, saying to configure its CA', async () => {
    const client = new AriRestClient({ name: 'tlsbox', baseUrl, username: 'u', password: 'p' });
    await assert.rejects(client.call('asterisk.ping', {}), (e: Error) => e instanceof AriError && e.kind === 'tls' && /set its CA in the server's TLS settings/.test(e.message));
    await client.close();
  });

  it('REST accepts it with the configured CA', async () => {
    const client = new AriRestClient({ name: 'tlsbox', baseUrl, username: 'u', password: 'p', tls: { ca: cert } });
    assert.equal((await client.call('asterisk.ping', {})).ping, 'pong');
    await client.close();
  });

  it('the events socket gives up on the unknown certificate and connects with the CA', async () => {
    const statusesOf = async (ca?: string) => {
      const client = new AriEventsClient({ name: 'tlsbox', baseUrl, username: 'u', password: 'p', tls: { ca } }, { apps: ['a'] });
      const statuses: EventsLinkStatus[] = [];
      client.onStatus((s) => statuses.push(s));
      client.start();
      await until(() => statuses.some((s) => s.state === 'open' || s.state === 'gaveUp'), 'the socket opened or gave up', 5_000);
      client.dispose();
      return statuses;
    };
    const refused = (await statusesOf()).find((s) => s.state === 'gaveUp');
    assert.match(refused?.state === 'gaveUp' ? refused.reason : '', /TLS connection to 127\.0\.0\.1:\d+ was refused/);
    assert.ok((await statusesOf(cert)).some((s) => s.state === 'open'));
  });
});
