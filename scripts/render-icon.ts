// Renders scripts/icon.svg to media/icon.png, the 128 × 128 extension icon that
// package.json names, with Debian's Chromium. Run it after editing the SVG:
// npx tsx scripts/render-icon.ts
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';

const MEDIA = path.resolve(__dirname, '..', 'media');
const SIZE = 128;

async function main(): Promise<void> {
  const svg = fs.readFileSync(path.join(__dirname, 'icon.svg'), 'utf8');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: SIZE, height: SIZE } });
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
    await page.locator('svg').screenshot({ path: path.join(MEDIA, 'icon.png'), omitBackground: true });
  } finally {
    await browser.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
