import assert from 'node:assert/strict';
import { applicationContextValue, channelContextValue, serverContextValue } from '../../src/ui/tree/contextValues';
import { describeStep } from '../../src/ui/journeyText';

// The when-clauses in package.json, exactly as declared there.
import * as fs from 'node:fs';
import * as path from 'node:path';

const pkg = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8')) as {
  contributes: { menus: { 'view/item/context': { command?: string; submenu?: string; when: string; group?: string }[] } };
};

function commandsFor(viewItem: string, inlineOnly = false): string[] {
  return pkg.contributes.menus['view/item/context']
    .filter((m) => !inlineOnly || m.group?.startsWith('inline'))
    .filter((m) => {
      const regex = /viewItem =~ \/(.+)\/$/.exec(m.when)?.[1];
      const equal = /viewItem == (\S+)$/.exec(m.when)?.[1];
      return regex !== undefined ? new RegExp(regex).test(viewItem) : equal === viewItem;
    })
    .map((m) => (m.command ?? `submenu:${m.submenu}`).replace('stasisExplorer.', ''));
}

describe('tree contextValue and menus', () => {
  it('computes channel context values from state', () => {
    assert.equal(channelContextValue('Ring', true, false), 'channel.ring.inStasis');
    assert.equal(channelContextValue('Up', true, true), 'channel.up.inStasis.movePending');
    assert.equal(channelContextValue('Dialing Offhook', false, false), 'channel.dialing-offhook');
    assert.equal(channelContextValue('Unknown (7)', true, false), 'channel.unknown.inStasis');
    assert.equal(serverContextValue(undefined), 'server.disconnected');
    assert.equal(serverContextValue({ state: 'reconnecting', inMs: 1, reason: 'x' }), 'server.reconnecting');
    assert.equal(applicationContextValue(true), 'app.owned');
  });

  it('offers answer and move inline on a ringing channel in Stasis, and only move once it is up', () => {
    assert.deepEqual(commandsFor('channel.ring.inStasis', true).sort(), ['answerChannel', 'moveChannel']);
    assert.deepEqual(commandsFor('channel.up.inStasis', true), ['moveChannel']);
    assert.deepEqual(commandsFor('channel.up', true), []);
  });

  it('offers hang up and journey on any channel, and unregister only on our own apps', () => {
    assert.ok(commandsFor('channel.ringing').includes('hangupChannel'));
    assert.ok(commandsFor('channel.up.inStasis.movePending').includes('showJourney'));
    assert.ok(commandsFor('app.owned').includes('unregisterApp'));
    assert.ok(!commandsFor('app.observed').includes('unregisterApp'));
    assert.ok(commandsFor('server.disconnected').includes('connect'));
    assert.ok(commandsFor('server.connected').includes('registerApp'));
  });

  it('offers to hang up or continue an app\'s channels when it has some, inline when its client is gone', () => {
    assert.equal(applicationContextValue(false, true, true), 'app.observed.inactive.hasChannels');
    assert.ok(commandsFor('app.observed.hasChannels').includes('clearAppChannels'));
    assert.ok(commandsFor('app.owned.hasChannels').includes('clearAppChannels'));
    assert.ok(!commandsFor('app.observed').includes('clearAppChannels'));
    assert.ok(!commandsFor('app.observed.hasChannels', true).includes('clearAppChannels'));
    assert.deepEqual(commandsFor('app.observed.inactive.hasChannels', true), ['clearAppChannels']);
  });

  it('offers the bridge commands on bridges and bridged channels, Stop Playback where something plays, and the controls submenu on channels in Stasis', () => {
    assert.equal(channelContextValue('Up', true, false, true, { playing: true, recording: true }), 'channel.up.inStasis.bridged.playing.recording');
    assert.deepEqual(commandsFor('bridge', true).sort(), ['addToBridge', 'destroyBridge']);
    assert.deepEqual(commandsFor('bridge.playing', true).sort(), ['addToBridge', 'destroyBridge', 'stopPlayback']);
    assert.ok(commandsFor('bridge').includes('playMedia'));
    assert.ok(!commandsFor('bridge').includes('stopPlayback'));
    assert.ok(commandsFor('channel.up.inStasis.bridged').includes('removeFromBridge'));
    assert.ok(commandsFor('bridgeChannel.unknown').includes('removeFromBridge'));
    assert.ok(!commandsFor('channel.up.inStasis').includes('removeFromBridge'));
    assert.ok(commandsFor('channel.up.inStasis.playing').includes('stopPlayback'));
    assert.ok(commandsFor('channel.up.inStasis').includes('submenu:channelControl'));
    assert.ok(!commandsFor('channel.up').includes('submenu:channelControl'), 'only in Stasis');
    assert.ok(commandsFor('app.owned').includes('createBridge'));
    assert.ok(!commandsFor('app.observed').includes('createBridge'));
  });

  it('writes journey steps as readable lines', () => {
    assert.equal(describeStep({ kind: 'moved', at: '2026-11-26T10:00:01.234+0000', from: 'a', to: 'b', args: ['x', 'y'] }), '10:00:01.234 moved a → b [x, y]');
    assert.equal(describeStep({ kind: 'moveFailed', at: '2026-11-26T10:00:01.234-0600', app: 'a', destination: 'z', args: [] }), '10:00:01.234 move to z FAILED (still in a) []');
  });
});
