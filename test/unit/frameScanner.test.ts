// The trace's reader of WebSocket frames (src/proxy/FrameScanner.ts), on byte streams cut at every
// place a socket may cut them: a message is read whole whatever the chunks, fragments are joined,
// the app's masked frames unmasked, and anything it cannot follow stops it, saying why.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { FrameScanner } from '../../src/proxy/FrameScanner';

/** One frame as RFC 6455 §5.2 lays it out. */
function frame(opcode: number, payload: Buffer, { fin = true, mask = false, rsv = 0 } = {}): Buffer {
  const length = payload.length;
  const head = [((fin ? 0x80 : 0) | rsv | opcode) & 0xff];
  const maskBit = mask ? 0x80 : 0;
  if (length < 126) head.push(maskBit | length);
  else if (length < 65_536) head.push(maskBit | 126, length >> 8, length & 0xff);
  else {
    head.push(maskBit | 127, 0, 0, 0, 0);
    head.push((length >>> 24) & 0xff, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), payload]);
  const key = randomBytes(4);
  return Buffer.concat([Buffer.from(head), key, Buffer.from(payload.map((b, i) => b ^ key[i & 3]))]);
}

function scan(wire: Buffer, cut: number[], masked = false) {
  const texts: string[] = [];
  const closes: [number, string][] = [];
  const lost: string[] = [];
  const scanner = new FrameScanner(masked, { text: (d, start, end) => texts.push(d.toString('utf8', start, end)), close: (c, r) => closes.push([c, r]), lost: (w) => lost.push(w) });
  let at = 0;
  for (const size of cut) {
    scanner.read(wire.subarray(at, at + size));
    at += size;
  }
  scanner.read(wire.subarray(at));
  return { texts, closes, lost };
}

describe('FrameScanner', () => {
  const big = Buffer.from(`{"type":"big","x":"${'y'.repeat(70_000)}"}`);
  const medium = Buffer.from(`{"type":"medium","x":"${'m'.repeat(300)}"}`);
  const close = Buffer.concat([Buffer.from([0x0f, 0xa0]), Buffer.from('bye')]);
  const wire = (mask: boolean) =>
    Buffer.concat([
      frame(1, Buffer.from('{"a":1}'), { mask }),
      frame(9, Buffer.from('ping'), { mask }),
      frame(1, medium, { mask }),
      frame(1, Buffer.from('{"frag'), { fin: false, mask }),
      frame(10, Buffer.alloc(0), { mask }),
      frame(0, Buffer.from('mented":true}'), { mask }),
      frame(2, Buffer.from([1, 2, 3]), { mask }),
      frame(1, big, { mask }),
      frame(1, Buffer.alloc(0), { mask }),
      frame(8, close, { mask }),
    ]);
  const expected = ['{"a":1}', medium.toString(), '{"fragmented":true}', big.toString(), ''];

  for (const mask of [false, true]) {
    it(`reads every text message whole, however the ${mask ? "app's masked" : "server's"} stream is cut: in one chunk, byte by byte, and at random`, () => {
      const bytes = wire(mask);
      const whole = scan(bytes, [], mask);
      assert.deepEqual(whole.texts, expected);
      assert.deepEqual(whole.closes, [[4000, 'bye']]);
      const byByte = scan(bytes, Array.from({ length: 400 }, () => 1).concat(Array.from({ length: 2000 }, () => 37)), mask);
      assert.deepEqual(byByte.texts, expected);
      for (let round = 0; round < 20; round++) {
        const cuts = Array.from({ length: 50 }, () => 1 + Math.floor(Math.random() * 3000));
        assert.deepEqual(scan(bytes, cuts, mask).texts, expected, `cuts ${cuts.join(',')}`);
      }
    });
  }

  it('stops at what it cannot follow, and says why: compressed frames, a masked frame from Asterisk, an oversized control frame', () => {
    assert.match(scan(frame(1, Buffer.from('x'), { rsv: 0x40 }), []).lost[0], /compressed/);
    assert.match(scan(frame(1, Buffer.from('x'), { mask: true }), []).lost[0], /masked frame from Asterisk/);
    assert.match(scan(frame(1, Buffer.from('x')), [], true).lost[0], /unmasked frame from the app/);
    assert.match(scan(frame(9, Buffer.alloc(126)), []).lost[0], /control frame/);
    const after = scan(Buffer.concat([frame(1, Buffer.from('x'), { rsv: 0x40 }), frame(1, Buffer.from('y'))]), []);
    assert.deepEqual(after.texts, [], 'nothing more is read once lost');
  });
});
