// Runs the in-host integration suite (out/integration) inside code-server's
// extension host, with the extension loaded from this folder, and exits with
// the suite's result. Totals go to MOCHA_SUMMARY_FILE, which the extension
// host inherits from the server.
import * as path from 'node:path';
import type { ConsoleMessage } from 'playwright-core';
import { format } from 'node:util';
import { createIsolatedAwsEnvironment } from '../support/awsEnvironment';
import { launchBrowser, REPOSITORY_ROOT, startRealVscode } from './realVscode';

const SUITE_TIMEOUT_MS = 300_000;

/** Prints the extension host's console lines, which reach the page as ('%c LEVEL', css, format, ...args). */
async function printExtensionHostLine(message: ConsoleMessage): Promise<void> {
  const values = await Promise.all(message.args().map(argument => argument.jsonValue().catch(() => undefined)));
  if (typeof values[0] === 'string' && values[0].startsWith('%c')) {
    console.log(format(...values.slice(2)));
  }
}

async function main(): Promise<void> {
  const runDir = path.join(REPOSITORY_ROOT, '.test-output', 'integration');
  const { env } = createIsolatedAwsEnvironment();
  const summaryFile = process.env.MOCHA_SUMMARY_FILE;
  const server = await startRealVscode({ runDir, env: { ...env, ...(summaryFile ? { MOCHA_SUMMARY_FILE: summaryFile } : {}) } });
  const browser = await launchBrowser(runDir);
  let exitCode = 1;
  let timer: NodeJS.Timeout | undefined;
  try {
    const page = browser.page;
    page.on('console', message => void printExtensionHostLine(message));
    const finished = new Promise<number>(resolve => {
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    const authority = new URL(server.url).host;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${authority}${REPOSITORY_ROOT}`],
      ['extensionTestsPath', `vscode-remote://${authority}${path.join(REPOSITORY_ROOT, 'out', 'integration', 'index.js')}`],
    ];
    await page.goto(`${server.workspaceUrl}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    const timeout = new Promise<number>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`The integration suite did not finish within ${SUITE_TIMEOUT_MS / 1000} s.`)), SUITE_TIMEOUT_MS);
    });
    exitCode = await Promise.race([finished, timeout]);
    if (browser.blockedRequests.length > 0) {
      console.log(`The browser tried to reach hosts other than 127.0.0.1: ${browser.blockedRequests.join(', ')}`);
    }
  } finally {
    clearTimeout(timer);
    await browser.close();
    await server.stop();
  }
  process.exitCode = exitCode;
}

main().catch(error => {
  console.error(error instanceof Error ? error.stack : error);
  process.exitCode = 1;
});
