import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import yauzl from 'yauzl';
import { VSIX_PATH } from '../harness/realVscode';

/** Reads every entry of a zip file into memory: name and content. */
function readZip(file: string): Promise<Map<string, Buffer>> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (openError, zip) => {
      if (openError || !zip) {
        reject(openError ?? new Error(`Cannot open ${file}.`));
        return;
      }
      const entries = new Map<string, Buffer>();
      zip.on('entry', (entry: yauzl.Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError || !stream) {
            reject(streamError ?? new Error(`Cannot read ${entry.fileName}.`));
            return;
          }
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('packaged VSIX', () => {
  let entries: Map<string, Buffer>;

  before(async () => {
    assert.ok(fs.existsSync(VSIX_PATH), `${VSIX_PATH} exists; run npm run package first`);
    entries = await readZip(VSIX_PATH);
  });

  it('holds only the allowed files', () => {
    const allowed = [
      /^extension\.vsixmanifest$/, /^\[Content_Types\]\.xml$/,
      /^extension\/package\.json$/, /^extension\/package\.nls\.json$/,
      /^extension\/(readme|changelog)\.md$/, /^extension\/LICENSE\.txt$/, /^extension\/l10n\/bundle\.l10n(\.[\w-]+)?\.json$/,
      /^extension\/dist\/extension\.js$/, /^extension\/media\/[\w.-]+\.(js|css|svg|png)$/,
    ];

    const unexpected = [...entries.keys()].filter(name => !allowed.some(pattern => pattern.test(name)));

    assert.deepEqual(unexpected, []);
  });

  it('contains no test code, emulator or source map', () => {
    const names = [...entries.keys()];

    assert.ok(!names.some(name => /test|emulator|\.map$|\.ts$/.test(name)), names.join(', '));
    const bundle = entries.get('extension/dist/extension.js')?.toString('utf8') ?? '';
    assert.ok(bundle.length > 0);
    assert.ok(!bundle.includes('sourceMappingURL'), 'no source map link');
    assert.ok(!bundle.includes('DeviceFarmEmulator'), 'no emulator code');
    assert.ok(!bundle.includes(process.cwd()), 'no absolute path of the build machine');
  });

  it('ships the manifest strings, README and icon', () => {
    const nls = JSON.parse(entries.get('extension/package.nls.json')?.toString('utf8') ?? '{}') as Record<string, string>;
    const manifest = JSON.parse(entries.get('extension/package.json')?.toString('utf8') ?? '{}') as { main: string; icon: string };

    assert.equal(nls['command.refresh.title'], 'Refresh');
    assert.equal(manifest.main, './dist/extension.js');
    assert.ok(entries.has(`extension/${manifest.icon}`), `the icon ${manifest.icon} is packaged`);
    assert.ok(entries.has('extension/readme.md'));
  });
});
