// Runs the integration suite in VS Code desktop, downloaded by
// @vscode/test-electron. That needs the internet, so use it on a developer
// machine or a public CI; here, `npm run test:integration` runs the same
// suite in code-server.
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { createIsolatedAwsEnvironment } from '../support/awsEnvironment';
import { REPOSITORY_ROOT } from './realVscode';

async function main(): Promise<void> {
  const { env } = createIsolatedAwsEnvironment();
  const summaryFile = path.join(REPOSITORY_ROOT, '.test-output', 'vscode-desktop-summary.json');
  await runTests({
    extensionDevelopmentPath: REPOSITORY_ROOT,
    extensionTestsPath: path.join(REPOSITORY_ROOT, 'out', 'integration', 'index.js'),
    launchArgs: ['--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { ...env, MOCHA_SUMMARY_FILE: summaryFile },
  });
}

main().catch(error => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
