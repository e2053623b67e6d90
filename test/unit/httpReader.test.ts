// The trace's reader of HTTP/1.1 (src/proxy/HttpReader.ts) on keep-alive streams cut anywhere:
// each message's head and body, one after another, however it is framed, and a stop, saying
// why, at what it cannot follow.
import assert from 'node:assert/strict';
import { HttpReader, type AfterHead } from '../../src/proxy/HttpReader';

function read(kind: 'request' | 'response', wire: string, size: number, after: (startLine: string) => AfterHead = () => 'body') {
  const messages: string[] = [];
  const lost: string[] = [];
  let body = '';
  const reader = new HttpReader(kind, {
    head: (h) => {
      body = '';
      messages.push(h.startLine);
      return after(h.startLine);
    },
    body: (c) => (body += c.toString('latin1')),
    end: () => (messages[messages.length - 1] += ` [${body}]`),
    switched: () => undefined,
    lost: (why) => lost.push(why),
  });
  const bytes = Buffer.from(wire, 'latin1');
  for (let at = 0; at < bytes.length; at += size) reader.read(bytes.subarray(at, at + size));
  reader.closed();
  return { messages, lost };
}

describe('HttpReader', () => {
  const requests =
    'POST /ari/channels/c1/move?app=x HTTP/1.1\r\nHost: p\r\nContent-Length: 5\r\n\r\nhello' +
    '\r\n' + // an empty line between requests is ignored (RFC 9112 §2.2)
    'PUT /ari/x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3;ext=1\r\nabc\r\n2\r\nde\r\n0\r\nX-Trailer: 1\r\n\r\n' +
    'GET /ari/channels HTTP/1.1\r\nHost: p\r\n\r\n';
  const expected = ['POST /ari/channels/c1/move?app=x HTTP/1.1 [hello]', 'PUT /ari/x HTTP/1.1 [abcde]', 'GET /ari/channels HTTP/1.1 []'];

  for (const size of [1, 2, 7, 1000]) {
    it(`reads keep-alive requests framed by length, chunks and nothing, fed ${size} byte${size === 1 ? '' : 's'} at a time`, () => {
      assert.deepEqual(read('request', requests, size), { messages: expected, lost: [] });
    });
  }

  it('reads answers: interim 1xx, a HEAD\'s and a 204\'s without body, one running to the end of the connection', () => {
    const wire = 'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 200 OK\r\n\r\nto the end';
    const { messages } = read('response', wire, 3, (line) => (/ 1\d\d | 204 /.test(line) ? 'none' : 'body'));
    assert.deepEqual(messages, ['HTTP/1.1 100 Continue []', 'HTTP/1.1 200 OK [ok]', 'HTTP/1.1 204 No Content []', 'HTTP/1.1 200 OK [to the end]']);
  });

  it('stops, saying why, at what it cannot follow: no HTTP line, a request length that is no length', () => {
    assert.match(read('request', '\x16\x03\x01 hello\r\n\r\n', 100).lost[0], /is not an HTTP\/1\.1 request line/);
    for (const length of ['2, 3', '-1', 'abc']) {
      const { lost, messages } = read('request', `POST /a HTTP/1.1\r\nContent-Length: ${length}\r\n\r\nxxGET /b HTTP/1.1\r\n\r\n`, 100);
      assert.match(lost[0] ?? '', /Content-Length is/, length);
      assert.equal(messages.length, 1, 'nothing after it is read as a message');
    }
    assert.deepEqual(read('request', 'POST /a HTTP/1.1\r\nContent-Length: 2, 2\r\n\r\nxxGET /b HTTP/1.1\r\n\r\n', 100).messages, ['POST /a HTTP/1.1 [xx]', 'GET /b HTTP/1.1 []'], 'equal lengths are one length');
  });
});
