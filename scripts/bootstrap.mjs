// Runs a TypeScript script with tsx after making sure the dependencies are
// installed, so `npm start` and `npm test` work on a fresh clone by themselves.
// Usage: node scripts/bootstrap.mjs SCRIPT.ts [ARGS...]
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const installedLock = path.join(root, 'node_modules', '.package-lock.json');
const lock = path.join(root, 'package-lock.json');

const isStale = !fs.existsSync(installedLock) || fs.statSync(installedLock).mtimeMs < fs.statSync(lock).mtimeMs;
if (isStale) {
  console.log('Installing dependencies with npm ci');
  const install = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit' });
  if (install.status !== 0) {
    process.exit(install.status ?? 1);
  }
}

const [script, ...args] = process.argv.slice(2);
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const child = spawn(tsx, [script, ...args], { cwd: root, stdio: 'inherit' });
// Pass a stop request on, so the script can shut down the servers it started.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => child.kill(signal));
}
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
