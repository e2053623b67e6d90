import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'src/ari/generated/', 'test-results/', 'media/inspector.js', 'media/console.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'always'],
      'no-restricted-imports': 'off',
    },
  },
  {
    // The protocol and state layers, and the console's logic, are plain TypeScript, testable without VS Code.
    files: ['src/ari/**/*.ts', 'src/model/**/*.ts', 'src/console/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'src/ari, src/model and src/console must not depend on VS Code.' }] }],
    },
  },
  {
    // Command logic and the server manager run in plain mocha (test/unit/commands.test.ts): VS Code
    // reaches them only through the Ui seam and as types.
    files: ['src/ui/commands/**/*.ts', 'src/ui/servers/**/*.ts', 'src/inspector/**/*.ts'],
    ignores: ['src/ui/commands/registerCommands.ts', 'src/ui/servers/VscodeServerStore.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: [{ name: 'vscode', allowTypeImports: true, message: 'Command logic runs without VS Code: use the Ui seam (src/ui/Ui.ts), and vscode only as types.' }] }],
    },
  },
  {
    // The inspector's and the console's page scripts run in webviews, browsers.
    files: ['src/webview/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.mocha } },
  },
  {
    // Mocha loads reporters with require().
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Benchmarks hand functions to a browser page to run there.
    files: ['bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
