// The tree provider over one server's model, as src/extension.ts wires it, with a stand-in for
// VS Code's tree view that counts refreshes. Events reach the model through ModelPipeline, as in
// ServerSession, without sockets. Only the VS Code API is stubbed (bench/vscodeStub.mjs).
// bench/tree.mjs bundles this with the TypeScript of src/.
import * as vscode from 'vscode';
import { DisposableStore } from '../src/ari/DisposableStore';
import { ModelPipeline } from '../src/model/ModelPipeline';
import { TraceRegistry } from '../src/ui/trace/TraceRegistry';
import { StasisTreeProvider } from '../src/ui/tree/StasisTreeProvider';
import * as f from '../test/support/ariFixtures';
import { FakeOwnership } from '../test/support/modelHarness';

export function createTree(app) {
  const settings = { id: 'bench', name: 'bench', url: 'http://127.0.0.1:1', username: 'bench', apps: [app] };
  const ownership = new FakeOwnership([app]);
  const { model, moves, journeys, normaliser } = new ModelPipeline(ownership);
  // No trace runs in this bench: the session's trace hears no app.
  const trace = { hears: () => false, onDidChangeApps: () => ({ dispose: () => undefined }) };
  // Nor does this one read endpoints' routes.
  const endpointRoutes = { onDidRead: () => ({ dispose: () => undefined }), request: () => undefined, routeOf: () => undefined };
  const session = { id: settings.id, model, ownership, moves, journeys, trace, endpointRoutes, scope: new DisposableStore(), status: { state: 'connected' } };
  const server = { settings, session, info: undefined, lastError: undefined };
  const created = new vscode.EventEmitter();
  const manager = { servers: [server], server: (id) => (id === settings.id ? server : undefined), onDidChange: new vscode.EventEmitter().event, onDidCreateSession: created.event };
  const tree = new StasisTreeProvider(manager, new TraceRegistry(manager));
  const read = (event) => {
    normaliser.readEvent(event);
    model.flush();
  };
  const fires = [];
  tree.onDidChangeTreeData(() => fires.push(performance.now()));
  return {
    tree,
    /** The app's node, as VS Code would hold it after expanding the server. */
    appNode: () => tree.getChildren(tree.getChildren()[0]).find((n) => n.kind === 'app'),
    enter: (id) => read(f.stasisStart(app, f.channel(id, { name: `PJSIP/bench-${id}` }), ['bench'])),
    change: (id, n) => read(f.varset(app, f.channel(id, { name: `PJSIP/bench-${id}` }), 'N', String(n))),
    /** A bridge of the app holding these channels, as its channels' ChannelEnteredBridge leave it. */
    bridge: (id, channelIds) => read({ type: 'BridgeCreated', application: app, timestamp: f.stamp(), bridge: { id, technology: 'simple_bridge', bridge_type: 'mixing', bridge_class: 'stasis', creator: 'Stasis', name: `bench ${id}`, channels: channelIds, creationtime: f.stamp(), video_mode: 'talker' } }),
    /** Refreshes told to the view, each with its time. */
    fires,
    dispose: () => tree.dispose(),
  };
}
