import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DeviceFarmEmulator, startEmulator } from '../emulator/server';
import { createIsolatedAwsEnvironment } from '../support/awsEnvironment';
import { launchBrowser, REPOSITORY_ROOT, startRealVscode, VSIX_PATH, type Browser, type RealVscode } from '../harness/realVscode';
import { activeEditorText, runCommand, screenshot, treeRow, webviewContent } from '../harness/workbench';

describe('Device Farm Explorer in a real VS Code', function () {
  this.timeout(180_000);

  let emulator: DeviceFarmEmulator;
  let vscodeServer: RealVscode;
  let browser: Browser;
  let page: Page;

  before(async () => {
    emulator = await startEmulator({ projects: 4, sessionsPerProject: 20, pageSize: 6 });
    const runDir = path.join(REPOSITORY_ROOT, '.test-output', 'e2e-smoke');
    const { env } = createIsolatedAwsEnvironment();
    vscodeServer = await startRealVscode({
      runDir,
      vsixPath: VSIX_PATH,
      env,
      settings: { 'deviceFarm.endpoint': emulator.url },
    });
    browser = await launchBrowser(runDir);
    await browser.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: vscodeServer.url });
    page = browser.page;
    await page.goto(vscodeServer.workspaceUrl);
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await screenshot(page, `smoke-failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
    }
  });

  after(async () => {
    await browser?.close();
    await vscodeServer?.stop();
    await emulator?.close();
  });

  it('lists every project in its own view', async () => {
    await page.getByRole('tab', { name: /Device Farm/ }).click();

    for (const project of emulator.projects) {
      await treeRow(page, String(project.record.name), 1).waitFor({ timeout: 30_000 });
    }
    assert.equal(await page.locator('.part.sidebar [role=treeitem][aria-level="1"]').count(), emulator.projects.length);
    await screenshot(page, 'smoke-01-projects');
  });

  it('shows every session of a project that spans several pages', async () => {
    const project = emulator.projects.find(candidate => candidate.emptyFirstPage);
    assert.ok(project);
    const newest = project.sessions.at(-1);

    await treeRow(page, String(project.record.name), 1).click();
    await treeRow(page, String(newest?.name), 2).waitFor({ timeout: 30_000 });
    await page.locator('.part.sidebar [role=treeitem]', { hasText: /Loading…/ }).waitFor({ state: 'detached', timeout: 30_000 });

    const rows = page.locator('.part.sidebar [role=treeitem][aria-level="2"]');
    assert.equal(await rows.count(), project.sessions.length);
    assert.ok((await rows.first().innerText()).startsWith(String(newest?.name)), 'the newest session is the first row');
    assert.ok(emulator.requestCount('ListRemoteAccessSessions') >= 5, 'an empty first page and four pages of six were read');
    await screenshot(page, 'smoke-02-sessions');
  });

  it('opens a session JSON webview that shows its ARN', async () => {
    const project = emulator.projects.find(candidate => candidate.emptyFirstPage);
    const newest = project?.sessions.at(-1);

    await treeRow(page, String(newest?.name), 2).click();
    const arn = webviewContent(page).locator('#session-arn');
    await arn.waitFor({ timeout: 30_000 });
    await webviewContent(page).locator('#session-json', { hasText: '"remoteAccessSession"' }).or(webviewContent(page).locator('#session-json', { hasText: '"arn"' })).first().waitFor({ timeout: 30_000 });

    assert.equal(await arn.innerText(), newest?.arn);
    assert.match(await webviewContent(page).locator('#session-json').innerText(), /"created": "2026-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/);
    await screenshot(page, 'smoke-03-session-json');
  });

  it('copies the ARN from the webview into an untitled editor', async () => {
    const project = emulator.projects.find(candidate => candidate.emptyFirstPage);
    const newest = project?.sessions.at(-1);

    await webviewContent(page).locator('#copy-arn').click();
    await page.locator('.statusbar', { hasText: 'Session ARN copied' }).waitFor({ timeout: 10_000 });
    await runCommand(page, 'File: New Untitled Text File');
    await page.locator('.editor-instance .monaco-editor').first().click();
    await page.keyboard.press('Control+V');
    await page.locator('.editor-instance .view-lines', { hasText: 'arn:aws:devicefarm' }).waitFor({ timeout: 10_000 });

    assert.equal(await activeEditorText(page), newest?.arn);
    await screenshot(page, 'smoke-04-pasted-arn');
  });

  it('sends no request off 127.0.0.1', () => {
    assert.deepEqual(browser.blockedRequests, []);
  });
});
