// Bundles the extension into one file. `--production` minifies for the .vsix; otherwise sourcemaps.
import * as esbuild from 'esbuild';

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
