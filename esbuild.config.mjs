// Bundles the extension into one file. `--production` minifies for the .vsix; otherwise sourcemaps.
import * as esbuild from 'esbuild';
import fs from 'node:fs';

const production = process.argv.includes('--production');

// Two bundles: what activation runs (extension.js), and the core it loads at the first connection
// or command (core.js; see src/core.ts). Nothing that crosses between them relies on instanceof.
const node = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // ws loads these optional native speed-ups when present; the bundle must not try to inline them.
  external: ['vscode', 'bufferutil', 'utf-8-validate'],
  // import() becomes require(): core.js is CommonJS, loaded the way VS Code loads extension.js.
  supported: { 'dynamic-import': false },
  minify: production,
  sourcemap: !production,
  metafile: true,
  logLevel: 'info',
};
/** In extension.js, src/core.ts is not bundled but required from beside it at run time. */
const coreApart = {
  name: 'core-apart',
  setup(build) {
    build.onResolve({ filter: /(^|\/)core$/ }, (args) => (args.importer.endsWith('src/ui/core.ts') ? { path: './core.js', external: true } : undefined));
  },
};
await esbuild.build({ ...node, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', plugins: [coreApart] });
await esbuild.build({ ...node, entryPoints: ['src/core.ts'], outfile: 'dist/core.js' });
// The trace proxy on the command line (`npm run trace`, or `node dist/trace.js` in the extension's folder).
await esbuild.build({ ...node, entryPoints: ['src/proxy/cli.ts'], outfile: 'dist/trace.js', external: ['bufferutil', 'utf-8-validate'] });
// The trace proxy's own thread (src/proxy/ProxyThread.ts), which core.js and trace.js start from beside them.
await esbuild.build({ ...node, entryPoints: ['src/proxy/proxyWorker.ts'], outfile: 'dist/proxyWorker.js', external: ['bufferutil', 'utf-8-validate'] });

// The page scripts of the webviews (the Event Inspector, the ARI console): browser code, loaded
// by each webview from media/.
for (const [entry, out] of [
  ['src/webview/inspector.ts', 'media/inspector.js'],
  ['src/webview/console/console.ts', 'media/console.js'],
]) {
  await esbuild.build({
    entryPoints: [entry],
    bundle: true,
    outfile: out,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: production,
    sourcemap: production ? false : 'inline',
    logLevel: 'info',
  });
}

// The codicon font, for the webview: it may load only from media/ (localResourceRoots).
fs.mkdirSync('media/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `media/codicons/${file}`);
