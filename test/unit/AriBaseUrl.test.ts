import assert from 'node:assert/strict';
import { AriBaseUrl } from '../../src/ari/AriBaseUrl';
import { AriConfigError } from '../../src/ari/AriConfigError';
import { appNameProblem } from '../../src/ari/appName';
import { basicAuthorization } from '../../src/ari/basicAuth';

describe('AriBaseUrl', () => {
  it('builds REST paths and the events URL from a plain base URL', () => {
    const url = AriBaseUrl.parse('http://127.0.0.1:8088');
    assert.equal(url.origin, 'http://127.0.0.1:8088');
    assert.equal(url.restPath('channels/abc/move', new URLSearchParams({ app: 'b', appArgs: 'x,y' })), '/ari/channels/abc/move?app=b&appArgs=x%2Cy');
    assert.equal(url.eventsUrl(['ari-example1', 'ari-example2'], false), 'ws://127.0.0.1:8088/ari/events?app=ari-example1,ari-example2');
  });

  it('accepts a trailing slash and a pasted /ari root', () => {
    assert.equal(AriBaseUrl.parse('http://pbx:8088/').restPath('asterisk/info'), '/ari/asterisk/info');
    assert.equal(AriBaseUrl.parse('http://pbx:8088/ari/').restPath('asterisk/info'), '/ari/asterisk/info');
  });

  it('keeps an http.conf path prefix', () => {
    const url = AriBaseUrl.parse('https://pbx.example:8089/asterisk');
    assert.equal(url.restPath('applications'), '/asterisk/ari/applications');
    assert.equal(url.eventsUrl(['a'], true), 'wss://pbx.example:8089/asterisk/ari/events?app=a&subscribeAll=true');
  });

  it('handles an IPv6 literal', () => {
    assert.equal(AriBaseUrl.parse('http://[::1]:8088').eventsUrl(['a'], false), 'ws://[::1]:8088/ari/events?app=a');
  });

  it('encodes app names in the events URL but keeps the commas that separate them', () => {
    assert.equal(AriBaseUrl.parse('http://h:1').eventsUrl(['zoë app', 'b&c'], false), 'ws://h:1/ari/events?app=zo%C3%AB%20app,b%26c');
  });

  const bad: [string, RegExp][] = [
    ['', /empty/],
    ['127.0.0.1:8088', /no scheme.*http:\/\/127\.0\.0\.1:8088/],
    ['ws://127.0.0.1:8088', /WebSocket URL/],
    ['http://127.0.0.1: 8088', /spaces/],
    ['http://user:pw@127.0.0.1:8088', /credentials/],
    ['http://127.0.0.1:8088/?api_key=a:b', /query/],
    ['ftp://127.0.0.1', /ftp:/],
    ['http://', /not a valid URL/],
  ];
  for (const [input, message] of bad) {
    it(`refuses ${JSON.stringify(input)} with a message that says what to do`, () => {
      assert.throws(() => AriBaseUrl.parse(input), (e: Error) => e instanceof AriConfigError && message.test(e.message));
    });
  }
});

describe('basicAuthorization', () => {
  it('encodes user:password in UTF-8', () => {
    assert.equal(basicAuthorization('asterisk', 'asterisk'), 'Basic YXN0ZXJpc2s6YXN0ZXJpc2s=');
    const decoded = Buffer.from(basicAuthorization('zoë', 'pä:ss').slice(6), 'base64').toString('utf8');
    assert.equal(decoded, 'zoë:pä:ss');
  });

  it('refuses a username with a colon or an empty one', () => {
    assert.throws(() => basicAuthorization('a:b', 'x'), /contains ':'/);
    assert.throws(() => basicAuthorization('', 'x'), /empty/);
  });
});

describe('appNameProblem', () => {
  it('accepts ordinary names and 73 characters', () => {
    assert.equal(appNameProblem('ari-example1'), undefined);
    assert.equal(appNameProblem('a'.repeat(73)), undefined);
  });

  it('names what is wrong: empty, comma, too long, white space', () => {
    assert.match(appNameProblem('')!, /empty/);
    assert.match(appNameProblem('a,b')!, /comma/);
    assert.match(appNameProblem('a'.repeat(74))!, /74 bytes.*at most 73/);
    assert.match(appNameProblem('é'.repeat(37))!, /74 bytes/, 'Asterisk counts UTF-8 bytes');
    assert.match(appNameProblem('my app')!, /white space/);
  });
});
