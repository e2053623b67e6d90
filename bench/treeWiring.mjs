// The tree provider over one server's state, as src/extension.ts wires it, with a stand-in for
// VS Code's tree view that counts refreshes. Only the VS Code API is stubbed
// (bench/vscodeStub.mjs). bench/tree.mjs bundles this with the TypeScript of src/.
import * as vscode from 'vscode';
import { ServerSession } from '../src/model/ServerSession';
import { StasisTreeProvider } from '../src/ui/tree/StasisTreeProvider';
import * as f from '../test/support/ariFixtures';

export function createTree(app) {
  const settings = { id: 'bench', name: 'bench', url: 'http://127.0.0.1:1', username: 'bench', apps: [app] };
  const session = new ServerSession({ config: { name: 'bench', baseUrl: settings.url, username: 'bench', password: 'bench' }, apps: [app] });
  const server = { settings, session, info: undefined, lastError: undefined };
  const created = new vscode.EventEmitter();
  const manager = { servers: [server], server: (id) => (id === settings.id ? server : undefined), onDidChange: new vscode.EventEmitter().event, onDidCreateSession: created.event };
  const tree = new StasisTreeProvider(manager);
  created.fire({ server: settings, session });
  const fires = [];
  tree.onDidChangeTreeData(() => fires.push(performance.now()));
  return {
    tree,
    /** The app's node, as VS Code would hold it after expanding the server. */
    appNode: () => tree.getChildren(tree.getChildren()[0]).find((n) => n.kind === 'app'),
    enter: (id) => session.state.apply(f.stasisStart(app, f.channel(id, { name: `PJSIP/bench-${id}` }), ['bench'])),
    change: (id, n) => session.state.apply(f.varset(app, f.channel(id, { name: `PJSIP/bench-${id}` }), 'N', String(n))),
    /** Refreshes told to the view, each with its time. */
    fires,
    dispose: () => tree.dispose(),
  };
}
