import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DeviceFarmEmulator, startEmulator } from '../emulator/server';
import { createIsolatedAwsEnvironment } from '../support/awsEnvironment';
import { REPOSITORY_ROOT, startRealVscode, VSIX_PATH, type Browser, type RealVscode } from '../harness/realVscode';
import { openWorkbench, screenshot } from '../harness/workbench';

describe('first run without credentials', function () {
  this.timeout(180_000);

  let emulator: DeviceFarmEmulator;
  let vscodeServer: RealVscode;
  let browser: Browser;
  let page: Page;

  before(async () => {
    emulator = await startEmulator({ projects: 2 });
    const runDir = path.join(REPOSITORY_ROOT, '.test-output', 'e2e-welcome');
    const { env } = createIsolatedAwsEnvironment();
    delete env.AWS_ACCESS_KEY_ID;
    delete env.AWS_SECRET_ACCESS_KEY;
    vscodeServer = await startRealVscode({
      runDir,
      vsixPath: VSIX_PATH,
      env,
      unsetEnv: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN'],
      settings: { 'deviceFarm.endpoint': emulator.url },
    });
    browser = await openWorkbench(vscodeServer);
    page = browser.page;
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
    }
  });

  after(async () => {
    await browser?.close();
    await vscodeServer?.stop();
    await emulator?.close();
  });

  it('explains how to set up credentials', async () => {
    await page.getByRole('tab', { name: /Device Farm/ }).click();

    const welcome = page.locator('.part.sidebar .welcome-view-content');
    await welcome.waitFor({ timeout: 30_000 });

    assert.match(await welcome.innerText(), /found no AWS credentials/);
    assert.match(await welcome.innerText(), /aws configure sso/);
    assert.equal(emulator.requestCount(), 0, 'nothing was sent without credentials');
    await screenshot(page, 'welcome');
  });

  it('opens the profile picker from its button', async () => {
    await page.locator('.part.sidebar .welcome-view-content a.monaco-button', { hasText: 'Select AWS Profile' }).click();

    const picker = page.locator('.quick-input-widget');
    await picker.locator('.quick-input-list .monaco-list-row', { hasText: 'Default credential chain' }).waitFor({ timeout: 10_000 });

    assert.match(String(await picker.locator('input').getAttribute('placeholder')), /No profiles in the AWS config files/);
    await page.keyboard.press('Escape');
  });

  it('sends no request off 127.0.0.1', () => {
    assert.deepEqual(browser.blockedRequests, []);
  });
});
