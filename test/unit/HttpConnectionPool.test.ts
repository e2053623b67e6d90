import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpConnectionPool } from '../../src/ari/HttpConnectionPool';
import { until } from '../support/until';

describe('HttpConnectionPool (node:http keep-alive)', () => {
  let server: http.Server;
  let origin: string;
  let handler: (req: http.IncomingMessage, res: http.ServerResponse) => void;

  beforeEach(async () => {
    server = http.createServer((req, res) => handler(req, res));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const get = (pool: HttpConnectionPool, method = 'GET') => pool.request({ method, path: '/ari/x', headers: {}, signal: AbortSignal.timeout(5_000) });

  it('close() lets a request under way finish, then refuses new ones', async () => {
    let answerNow: (() => void) | undefined;
    handler = (_req, res) => (answerNow = () => res.end('{"ok":true}'));
    const pool = new HttpConnectionPool(origin);
    const answer = get(pool);
    await until(() => answerNow, 'the request reached the server', 3_000);
    const closing = pool.close();
    answerNow!();
    assert.deepEqual(JSON.parse((await answer).text), { ok: true });
    await closing;
    await assert.rejects(get(pool), (e: Error) => e.name === 'AbortError');
  });

  it('an answer cut off midway is an error, not a short body', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"partial":', () => res.socket?.destroy());
    };
    const pool = new HttpConnectionPool(origin);
    await assert.rejects(get(pool), (e: NodeJS.ErrnoException) => e.code === 'ECONNRESET');
    await pool.close();
  });

  it('a kept-alive connection the server closed is tried once more for a GET, not for a POST', async () => {
    let requests = 0;
    handler = (req, res) => {
      requests++;
      // The second request on the kept-alive socket finds it closed by the server.
      if (requests === 2) {
        req.socket.destroy();
        return;
      }
      res.end('{}');
    };
    const pool = new HttpConnectionPool(origin);
    await get(pool);
    await get(pool);
    assert.equal(requests, 3, 'the GET was sent again on a fresh connection');
    requests = 1;
    await assert.rejects(get(pool, 'POST'));
    await pool.close();
  });
});
