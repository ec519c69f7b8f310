// Copies the README's screenshots from the last end-to-end run
// (.test-output/screenshots) into docs/images, which git tracks.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, '.test-output', 'screenshots');
const target = path.join(root, 'docs', 'images');
const names = ['tree', 'session-json', 'copy-arn', 'throttled', 'welcome'];

fs.mkdirSync(target, { recursive: true });
for (const name of names) {
  const file = path.join(source, `${name}.png`);
  if (!fs.existsSync(file)) {
    console.error(`Missing ${file}: run "npm run test:e2e" first.`);
    process.exit(1);
  }
  fs.copyFileSync(file, path.join(target, `${name}.png`));
}
console.log(`Copied ${names.length} screenshots to ${path.relative(root, target)}.`);
