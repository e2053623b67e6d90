// The few parts of the `vscode` API that OutputLogger and the tree provider touch while events
// flow, and that the inspector's page markup needs, so that bench/pipeline.mjs can run them
// outside VS Code. Shapes follow VS Code 1.100.

export class EventEmitter {
  listeners = [];

  event = (listener) => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };

  fire(value) {
    for (const listener of this.listeners) listener(value);
  }

  dispose() {
    this.listeners = [];
  }
}

export const LogLevel = { Off: 0, Trace: 1, Debug: 2, Info: 3, Warning: 4, Error: 5 };

export const TreeItemCollapsibleState = { None: 0, Collapsed: 1, Expanded: 2 };

export class TreeItem {
  constructor(label, collapsibleState = TreeItemCollapsibleState.None) {
    this.label = label;
    this.collapsibleState = collapsibleState;
  }
}

export class ThemeIcon {
  constructor(id, color) {
    this.id = id;
    this.color = color;
  }
}

export class ThemeColor {
  constructor(id) {
    this.id = id;
  }
}

/** Only what inspectorHtml asks of it: a path joined under the extension's folder. */
export const Uri = {
  joinPath: (base, ...parts) => [base, ...parts].join('/'),
};
