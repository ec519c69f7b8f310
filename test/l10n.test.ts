import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const BUNDLE = path.join(ROOT, 'l10n', 'bundle.l10n.json');

describe('l10n bundle', () => {
  it('lists every runtime string of src', function () {
    this.timeout(60_000);
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'device-farm-l10n-'));
    try {
      execFileSync(path.join(ROOT, 'node_modules', '.bin', 'vscode-l10n-dev'), ['export', '--outDir', outDir, './src'], { cwd: ROOT, stdio: 'pipe' });
      const exported = JSON.parse(fs.readFileSync(path.join(outDir, 'bundle.l10n.json'), 'utf8')) as Record<string, string>;
      const committed = JSON.parse(fs.readFileSync(BUNDLE, 'utf8')) as Record<string, string>;

      assert.deepEqual(committed, exported, 'l10n/bundle.l10n.json is out of date: run npm run l10n and commit it');
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('has a manifest string for every %key% in package.json', () => {
    const manifest = fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const strings = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const keys = [...manifest.matchAll(/"%([\w.-]+)%"/g)].map(match => match[1]);

    assert.ok(keys.length > 0);
    assert.deepEqual(keys.filter(key => strings[key] === undefined), []);
  });
});
