// Entry point for VS Code's extensionTestsPath: runs the integration suite
// inside the extension host, in code-server here or in VS Code desktop
// through @vscode/test-electron. Totals go to MOCHA_SUMMARY_FILE.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const SummaryReporter = require('../support/summaryReporter.cjs');

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: SummaryReporter });
  for (const file of fs.readdirSync(__dirname).filter(name => name.endsWith('.test.js')).sort()) {
    mocha.addFile(path.join(__dirname, file));
  }
  return new Promise((resolve, reject) => {
    mocha.run(failures => {
      if (failures > 0) {
        reject(new Error(`${failures} integration tests failed.`));
      } else {
        resolve();
      }
    });
  });
}
