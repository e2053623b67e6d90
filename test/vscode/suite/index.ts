// Runs inside the VS Code extension host (code-server's remote host, or a desktop VS Code started
// by @vscode/test-electron): the `extensionTestsPath` module. Both runners call `run()`.
//
// It runs every *.test.js beside it with mocha (bdd, spec reporter, no colour), keeps the spec
// output in a string, and writes { passed, failed, pending, output, failures } as JSON to
// $STASIS_VSCODE_TEST_RESULTS (else <tmpdir>/stasis-vscode-test-results.json). code-server's
// browser window never exits by itself, so that file is how the driver learns the outcome.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { format } from 'util';
import Mocha from 'mocha';

export interface SuiteResults {
  passed: number;
  failed: number;
  pending: number;
  output: string;
  failures: { title: string; error: string }[];
  /** Set when the suite could not run at all (e.g. a test file threw while loading). */
  error?: string;
  vscodeVersion?: string;
  durationMs: number;
}

export function resultsPath(): string {
  return process.env.STASIS_VSCODE_TEST_RESULTS || path.join(os.tmpdir(), 'stasis-vscode-test-results.json');
}

function writeResults(results: SuiteResults): void {
  const file = resultsPath();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Write then rename: the driver polls the file and must never read half of it.
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, JSON.stringify(results, null, 2));
  fs.renameSync(partial, file);
}

function vscodeVersion(): string | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return (require('vscode') as typeof import('vscode')).version;
  } catch {
    return undefined;
  }
}

export function run(): Promise<void> {
  const started = Date.now();
  const lines: string[] = [];
  const base = Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void; useColors: boolean };
  const originalLog = base.consoleLog;
  const originalColors = base.useColors;
  // The spec reporter prints through Base.consoleLog: capture it (and still echo to the host log).
  base.consoleLog = (...args: unknown[]) => {
    const line = format(...args);
    lines.push(line);
    originalLog(line);
  };
  base.useColors = false;
  const restore = () => {
    base.consoleLog = originalLog;
    base.useColors = originalColors;
  };

  const failures: SuiteResults['failures'] = [];
  const finish = (runner: Mocha.Runner | undefined, error?: unknown): SuiteResults => {
    restore();
    const stats = runner?.stats;
    const results: SuiteResults = {
      passed: stats?.passes ?? 0,
      failed: stats?.failures ?? (error ? 1 : 0),
      pending: stats?.pending ?? 0,
      output: lines.join('\n'),
      failures,
      vscodeVersion: vscodeVersion(),
      durationMs: Date.now() - started,
    };
    if (error) results.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
    writeResults(results);
    return results;
  };

  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.STASIS_VSCODE_TEST_TIMEOUT) || 20_000,
    grep: process.env.STASIS_VSCODE_TEST_GREP || undefined,
  });
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort();
  for (const f of files) mocha.addFile(path.join(__dirname, f));

  return new Promise<void>((resolve, reject) => {
    let runner: Mocha.Runner | undefined;
    try {
      runner = mocha.run((failed) => {
        const results = finish(runner);
        if (failed > 0) reject(new Error(`${failed} of ${results.passed + failed} extension tests failed`));
        else if (results.passed === 0) reject(new Error('no extension tests ran'));
        else resolve();
      });
      runner.on('fail', (test, err: Error) => {
        failures.push({ title: test.fullTitle(), error: err?.stack ?? String(err) });
      });
    } catch (e) {
      // e.g. a test file that throws at load time
      finish(runner, e);
      reject(e);
    }
  });
}
