// Bundles the extension into one file. `--production` minifies for the .vsix; otherwise sourcemaps.
import * as esbuild from 'esbuild';
import fs from 'node:fs';

const production = process.argv.includes('--production');

await esbuild.build({
  entryPoints: ['src/extension.ts'],
  bundle: true,
  outfile: 'dist/extension.js',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // ws loads these optional native speed-ups when present; the bundle must not try to inline them.
  external: ['vscode', 'bufferutil', 'utf-8-validate'],
  minify: production,
  sourcemap: !production,
  metafile: true,
  logLevel: 'info',
});

// The Event Inspector's page script: browser code, loaded by the webview from media/.
await esbuild.build({
  entryPoints: ['src/webview/inspector.ts'],
  bundle: true,
  outfile: 'media/inspector.js',
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: production,
  sourcemap: production ? false : 'inline',
  logLevel: 'info',
});

// The codicon font, for the webview: it may load only from media/ (localResourceRoots).
fs.mkdirSync('media/codicons', { recursive: true });
for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(`node_modules/@vscode/codicons/dist/${file}`, `media/codicons/${file}`);
