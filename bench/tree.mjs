#!/usr/bin/env node
// The tree with one app holding 5,000 channels in 500 bridges: how long VS Code's call for that
// app's children takes, and the most refreshes the view is told of in any one second while 1,000
// events a second change channels.
//
//   node bench/tree.mjs [--quick]
import { bundleForNode, loadBundle } from './pipeline.mjs';

const CHANNELS = 5_000;
const BRIDGES = 500;
const EVENTS_PER_SEC = 1_000;

export async function measureTree({ quick = false } = {}) {
  const bundle = await bundleForNode('treeWiring.mjs');
  try {
    const tree = loadBundle(bundle.file, 'createTree')('bench-tree');
    for (let i = 0; i < CHANNELS; i++) tree.enter(`c${i}`);
    // Every channel in a bridge, ten to each: every channel item then names its bridge.
    const perBridge = CHANNELS / BRIDGES;
    for (let b = 0; b < BRIDGES; b++) tree.bridge(`b${b}`, Array.from({ length: perBridge }, (_, i) => `c${b * perBridge + i}`));
    const app = tree.appNode();
    const times = [];
    for (let i = 0; i < (quick ? 10 : 30); i++) {
      const started = performance.now();
      const children = tree.tree.getChildren(app);
      times.push(performance.now() - started);
      if (children.length !== CHANNELS + BRIDGES) throw new Error(`getChildren gave ${children.length} children, not ${CHANNELS} channels and ${BRIDGES} bridges`);
    }
    times.sort((a, b) => a - b);
    // What a refresh of the app costs in all: VS Code then asks for the item of every child.
    const whole = [];
    for (let i = 0; i < (quick ? 3 : 10); i++) {
      const started = performance.now();
      for (const child of tree.tree.getChildren(app)) tree.tree.getTreeItem(child);
      whole.push(performance.now() - started);
    }
    whole.sort((a, b) => a - b);

    // 1,000 events a second in 10 ms slices, each changing a channel, for a few seconds.
    const seconds = quick ? 2 : 5;
    const started = performance.now();
    let sent = 0;
    await new Promise((resolve) => {
      const timer = setInterval(() => {
        for (let i = 0; i < EVENTS_PER_SEC / 100; i++) tree.change(`c${sent % CHANNELS}`, sent++);
        if (sent >= EVENTS_PER_SEC * seconds) {
          clearInterval(timer);
          resolve();
        }
      }, 10);
    });
    // The most refreshes in any one second of the run (a sliding window over the fire times).
    const fires = tree.fires.filter((t) => t >= started);
    let most = 0;
    for (let i = 0, j = 0; i < fires.length; i++) {
      while (fires[i] - fires[j] >= 1000) j++;
      most = Math.max(most, i - j + 1);
    }
    tree.dispose();
    return { channels: CHANNELS, bridges: BRIDGES, getChildrenMs: round(times[Math.floor(times.length / 2)]), getChildrenMaxMs: round(times.at(-1)), childrenWithItemsMs: round(whole[Math.floor(whole.length / 2)]), events: sent, refreshFiresPerSec: most };
  } finally {
    bundle.remove();
  }
}

const round = (n) => Math.round(n * 100) / 100;

if (import.meta.url === `file://${process.argv[1]}`) console.table(await measureTree({ quick: process.argv.includes('--quick') }));
