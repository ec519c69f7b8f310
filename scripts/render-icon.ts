// Renders scripts/icon.svg to media/icon.png, the 128 × 128 extension icon that
// package.json names, in the tests' Chromium, which aborts any request off
// 127.0.0.1. Run it after editing the SVG: npx tsx scripts/render-icon.ts
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { launchBrowser } from '../test/harness/realVscode';

const ICON = path.resolve(__dirname, '..', 'media', 'icon.png');

async function main(): Promise<void> {
  const svg = fs.readFileSync(path.join(__dirname, 'icon.svg'), 'utf8');
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'device-farm-icon-'));
  const browser = await launchBrowser(runDir);
  try {
    await browser.page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await browser.page.locator('svg').screenshot({ path: ICON, omitBackground: true });
  } finally {
    await browser.close();
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
