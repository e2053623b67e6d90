// What a drop in the tree does (src/ui/tree/dropAction.ts); the drop itself, in the real VS Code,
// is in test/vscode/suite/2-calls.test.ts.
import assert from 'node:assert/strict';
import { dropAction } from '../../src/ui/tree/dropAction';
import { NodeCache } from '../../src/ui/tree/nodes';

describe('drop in the tree', () => {
  const nodes = new NodeCache();
  const call = (app: string, id: string, server = 's1') => nodes.channel(server, app, id);

  it('channels dropped on an app are moved there, one move each, the args asked as Move Channel asks; those already there stay', () => {
    assert.deepEqual(dropAction([call('a', 'c1'), call('b', 'c2'), call('b', 'c3')], nodes.app('s1', 'b')), { run: [{ command: 'moveChannel', args: [{ serverId: 's1', channelId: 'c1' }, { app: 'b' }] }] });
  });

  it('channels dropped on a bridge, or on a channel in it, are added in one request', () => {
    const expected = { run: [{ command: 'addToBridge', args: [{ serverId: 's1', bridgeId: 'br' }, ['c1', 'c2']] }] };
    assert.deepEqual(dropAction([call('a', 'c1'), call('a', 'c2')], nodes.bridge('s1', 'a', 'br')), expected);
    assert.deepEqual(dropAction([call('a', 'c1'), nodes.bridgeChannel('s1', 'a', 'other', 'c2')], nodes.bridgeChannel('s1', 'a', 'br', 'c9')), expected);
  });

  it('anything else is refused with what to do, or (no channel dragged) does nothing', () => {
    assert.deepEqual(dropAction([call('a', 'c1')], nodes.server('s1')), { refused: 'Drop channels on an app (to move them there) or on a bridge (to add them to it).' });
    assert.deepEqual(dropAction([call('a', 'c1', 's2')], nodes.app('s1', 'a')), { refused: 'Channels move only between the apps and bridges of their own server.' });
    assert.deepEqual(dropAction([nodes.app('s1', 'a')], nodes.app('s1', 'b')), { run: [] });
  });
});
