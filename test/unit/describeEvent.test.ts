import assert from 'node:assert/strict';
import { describeEvent } from '../../src/model/describeEvent';
import * as f from '../support/ariFixtures';

describe('describeEvent (the debug log line)', () => {
  it('names type, app, channel and args of a StasisStart', () => {
    const line = describeEvent(f.stasisStart('ari-example2', f.channel('1732.4', { name: 'PJSIP/alice-00000001' }), ['some', 'example', 'args']));
    assert.equal(line, 'StasisStart app="ari-example2" channel="PJSIP/alice-00000001" (1732.4) args=["some","example","args"] state=Ring caller="sipp" <"1000">');
  });

  it('names destination and args of an ApplicationMoveFailed', () => {
    const line = describeEvent(f.moveFailed('ari-example1', f.channel('c1'), 'nonexistent', ['a']));
    assert.match(line, /^ApplicationMoveFailed app="ari-example1" .* destination="nonexistent" args=\["a"\]$/);
  });

  it('cannot be split into two log lines by a hostile caller name', () => {
    const line = describeEvent(f.stasisStart('app', f.channel('c1', { caller: { name: 'x\n[error] forged', number: '1' } })));
    assert.ok(!line.includes('\n'));
    assert.match(line, /caller="x\\n\[error\] forged"/);
  });
});
