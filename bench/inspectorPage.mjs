#!/usr/bin/env node
// Times the Event Inspector's page in a real Chromium with 10,000 and 100,000 events: the page
// script from media/inspector.js, fed through the same messages the extension sends, with a stub
// of the webview API. Run after `npm run build`: node bench/inspectorPage.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/vscode/codeServer.mjs';
import { bundleForNode, loadBundle } from './pipeline.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const script = fs.readFileSync(path.join(REPO, 'media/inspector.js'), 'utf8');
const css = fs.readFileSync(path.join(REPO, 'media/inspector.css'), 'utf8');

/** The page's body as the extension writes it (src/ui/inspector/inspectorHtml.ts), without its script tag: the bench adds the script itself. */
async function pageBody() {
  const bundle = await bundleForNode('../src/ui/inspector/inspectorHtml.ts');
  try {
    const html = loadBundle(bundle.file, 'inspectorHtml')({ cspSource: 'bench', asWebviewUri: (uri) => uri }, 'extension');
    return html.slice(html.indexOf('<body>') + '<body>'.length, html.indexOf('<script'));
  } finally {
    bundle.remove();
  }
}

/** Runs in the page (stringified): realistic rows, one in ten a move failure. */
function makeRows(n) {
  const out = [];
  for (let i = 1; i <= n; i++) {
    const channel = { id: `17956.${i}`, name: `PJSIP/alice-${String(i).padStart(8, '0')}`, state: 'Up', caller: { name: `Caller ${i}`, number: String(1000 + i) }, connected: { name: '', number: '' }, accountcode: '', dialplan: { context: 'stasis-ari-example1', exten: '100', priority: 1, app_name: 'Stasis', app_data: 'ari-example1' }, creationtime: '2026-11-26T12:00:00.000+0000', language: 'en', protocol_id: '' };
    const type = i % 10 === 0 ? 'ApplicationMoveFailed' : i % 2 ? 'StasisStart' : 'ChannelStateChange';
    out.push({ kind: 'event', id: i, serverId: 'sandbox-id', serverName: 'sandbox', at: 1_795_000_000_000 + i, type, application: 'ari-example1', channelIds: [channel.id], channelName: channel.name, summary: `${type} app="ari-example1" channel="${channel.name}"`, failure: type === 'ApplicationMoveFailed', event: { type, application: 'ari-example1', timestamp: '2026-11-26T12:00:00.000+0000', channel, args: ['a'], destination: 'nowhere' } });
  }
  return out;
}

export async function measureInspector() {
const body = await pageBody();
const browser = await launchChromium();
const page = await browser.context.newPage();
await page.setViewportSize({ width: 1400, height: 900 });
const results = {};
for (const n of [10_000, 100_000]) {
  await page.setContent(`<html><head><style>${css}</style></head><body>${body}</body></html>`);
  await page.evaluate(() => {
    window.acquireVsCodeApi = () => ({ postMessage: () => undefined, getState: () => undefined, setState: () => undefined });
  });
  await page.addScriptTag({ content: script });
  // Built in the page: 100,000 rows would not fit through the DevTools pipe in one message.
  await page.addScriptTag({ content: `window.makeRows = ${makeRows.toString()};` });
  const t = await page.evaluate(async (n) => {
    const data = window.makeRows(n);
    const frame = () => new Promise((r) => requestAnimationFrame(() => r()));
    const count = document.getElementById('count');
    // Until the list is updated (the handler runs synchronously), and until the frame after it is painted.
    const sync = {};
    const time = async (action, done, name) => {
      const start = performance.now();
      action();
      if (name) sync[name] = performance.now() - start;
      while (!done()) await frame();
      await frame();
      return performance.now() - start;
    };
    const load = await time(() => window.postMessage({ type: 'reset', rows: data, capacity: data.length, source: 'bench' }, '*'), () => count.textContent.startsWith(`${data.length} of`));
    // The page builds its search index in slices between frames after a load; a person types later.
    const indexStart = performance.now();
    while (document.body.dataset.searchIndex !== 'ready') await new Promise((r) => setTimeout(r, 5));
    const index = performance.now() - indexStart;
    const text = document.getElementById('text');
    const filter = await time(() => {
      text.value = `caller ${data.length - 1}`;
      text.dispatchEvent(new Event('input'));
    }, () => count.textContent.startsWith('1 of'), 'filter');
    const clear = await time(() => {
      text.value = '';
      text.dispatchEvent(new Event('input'));
    }, () => count.textContent.startsWith(`${data.length} of`));
    const list = document.getElementById('list');
    const scroll = await time(() => {
      list.scrollTop = list.scrollHeight;
      list.dispatchEvent(new Event('scroll'));
    }, () => [...document.querySelectorAll('.row')].some((r) => r.textContent.includes(`Caller ${data.length}`) || r.textContent.includes(`alice-${String(data.length).padStart(8, '0')}`)));
    return { loadMs: load, searchIndexMs: index, textFilterMs: sync.filter, textFilterPaintedMs: filter, clearFilterMs: clear, scrollToEndMs: scroll, rowElements: document.querySelectorAll('.row').length };
  }, n);
  results[n] = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round(v * 10) / 10]));
}
await browser.close();
// Until the filtered list is painted: what a person waits for.
return { filter10kMs: results[10_000].textFilterPaintedMs, filter100kMs: results[100_000].textFilterPaintedMs, byEvents: results };
}

if (import.meta.url === `file://${process.argv[1]}`) console.table((await measureInspector()).byEvents);
