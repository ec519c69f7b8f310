// Runs every check and test suite, then prints the totals of all suites on
// one line: `N passed, N failed, N skipped`. Exits non-zero if anything failed.
// Usage: npm test [-- unit|integration|e2e ...]   (no names: the checks and every suite)
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isolateProcessFromAws } from '../test/support/awsEnvironment';

const ROOT = path.resolve(__dirname, '..');
const OUTPUT = path.join(ROOT, '.test-output');
const MOCHA = path.join(ROOT, 'node_modules', '.bin', 'mocha');
const REPORTER = path.join(ROOT, 'test', 'support', 'summaryReporter.cjs');

interface Totals {
  passed: number;
  failed: number;
  skipped: number;
}

const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

/** Each suite's command; it writes its totals to MOCHA_SUMMARY_FILE. */
const SUITES: Record<string, [string, string[]]> = {
  unit: [MOCHA, ['--reporter', REPORTER, '--config', '.mocharc.json']],
  integration: [TSX, ['test/harness/runIntegration.ts']],
  e2e: [MOCHA, ['--reporter', REPORTER, '--no-config', '--require', 'tsx/cjs', '--require', 'test/support/mochaSetup.ts', '--timeout', '180000', 'test/e2e/**/*.e2e.ts']],
};

function step(title: string, command: string, args: string[]): boolean {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) {
    console.log(`=== ${title} failed (exit ${result.status ?? result.signal})`);
    return false;
  }
  return true;
}

function runSuite(name: string): Totals {
  const summaryFile = path.join(OUTPUT, `${name}-summary.json`);
  fs.rmSync(summaryFile, { force: true });
  console.log(`\n=== ${name} tests`);
  const [command, args] = SUITES[name];
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, MOCHA_SUMMARY_FILE: summaryFile },
  });
  if (!fs.existsSync(summaryFile)) {
    console.log(`=== ${name} tests ended without a summary (exit ${result.status ?? result.signal}); counted as 1 failed`);
    return { passed: 0, failed: 1, skipped: 0 };
  }
  const totals = JSON.parse(fs.readFileSync(summaryFile, 'utf8')) as Totals;
  if (result.status !== 0 && totals.failed === 0) {
    totals.failed = 1;
  }
  return totals;
}

function main(): void {
  isolateProcessFromAws();
  fs.mkdirSync(OUTPUT, { recursive: true });
  const requested = process.argv.slice(2);
  const unknown = requested.filter(name => !(name in SUITES));
  if (unknown.length > 0) {
    console.error(`Unknown suite ${unknown.join(', ')}; expected one of: ${Object.keys(SUITES).join(', ')}.`);
    process.exit(2);
  }
  const suites = requested.length > 0 ? requested : Object.keys(SUITES);
  const totals: Totals = { passed: 0, failed: 0, skipped: 0 };

  // Before the unit suite, whose AWS CLI conformance test needs the CLI this installs. A unit
  // run alone installs nothing, and that test is skipped without the CLI.
  const needsRealVscode = suites.includes('integration') || suites.includes('e2e');
  if (needsRealVscode && !step('Install Chromium, code-server and the AWS CLI', 'bash', [path.join(ROOT, 'scripts', 'install-real-vscode.sh')])) {
    totals.failed += 1;
  }
  if (requested.length === 0) {
    for (const [title, command, args] of [
      ['Type check', 'npx', ['tsc', '--noEmit', '-p', '.']],
      ['Lint', 'npx', ['eslint', '.']],
    ] as const) {
      if (!step(title, command, [...args])) {
        totals.failed += 1;
      }
    }
  }
  if (suites.includes('integration') && !step('Build the extension and the integration tests', 'node', ['esbuild.mjs', '--integration'])) {
    totals.failed += 1;
  }
  if (suites.includes('e2e') && !step('Package the VSIX', 'npm', ['run', 'package'])) {
    totals.failed += 1;
  }

  const lines: string[] = [];
  for (const name of suites) {
    const suite = runSuite(name);
    lines.push(`${name}: ${suite.passed} passed, ${suite.failed} failed, ${suite.skipped} skipped`);
    totals.passed += suite.passed;
    totals.failed += suite.failed;
    totals.skipped += suite.skipped;
  }

  console.log('');
  for (const line of lines) {
    console.log(line);
  }
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exitCode = totals.failed > 0 ? 1 : 0;
}

main();
