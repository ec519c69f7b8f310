import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { DeviceFarmEmulator, startEmulator } from '../emulator/server';
import { HOSTILE_NAMES, type SampleProject, type WireRecord } from '../emulator/sampleData';
import { createIsolatedAwsEnvironment } from '../support/awsEnvironment';
import { REPOSITORY_ROOT, startRealVscode, VSIX_PATH, type Browser, type RealVscode } from '../harness/realVscode';
import {
  activeEditorText, clickContextMenuItem, clickInlineAction, openUntitledTypeScriptFile, openWorkbench, pasteIntoActiveEditor, pickQuickPickItem,
  runCommand, runCommandWithKeyboard, screenshot, treeRow, treeRows, waitForClipboard, webviewContent,
} from '../harness/workbench';

const QA_TEAM_KEY_ID = 'AKIAE2EQATEAM0000001';
const QA_TEAM_PROJECTS = ['QA Team Sandbox', 'QA Team Release Gate'];

function newestFirst(project: SampleProject): WireRecord[] {
  return [...project.sessions].filter(session => session.created !== undefined).sort((a, b) => Number(b.created) - Number(a.created));
}

describe('Device Farm Explorer on screen', function () {
  this.timeout(180_000);

  let emulator: DeviceFarmEmulator;
  let vscodeServer: RealVscode;
  let browser: Browser;
  let page: Page;

  before(async () => {
    emulator = await startEmulator({ projects: 4, sessionsPerProject: 12, pageSize: 5, oddSessions: true });
    emulator.addAccount(QA_TEAM_KEY_ID, { projects: 2, sessionsPerProject: 3, seed: 77, projectNames: QA_TEAM_PROJECTS });
    const runDir = path.join(REPOSITORY_ROOT, '.test-output', 'e2e-scenarios');
    const { env, files } = createIsolatedAwsEnvironment();
    fs.writeFileSync(files.credentialsFile, `[qa-team]\naws_access_key_id = ${QA_TEAM_KEY_ID}\naws_secret_access_key = qa/team/not/a/real/secret\n`);
    vscodeServer = await startRealVscode({ runDir, vsixPath: VSIX_PATH, env, settings: { 'deviceFarm.endpoint': emulator.url } });
    browser = await openWorkbench(vscodeServer, ['clipboard-read', 'clipboard-write']);
    page = browser.page;
    await page.getByRole('tab', { name: /Device Farm/ }).click();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed') {
      await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
    }
    await page.keyboard.press('Escape');
  });

  after(async () => {
    await browser?.close();
    await vscodeServer?.stop();
    await emulator?.close();
  });

  /** Expands a project row by its twistie unless it is open, and waits for its last page. */
  async function expandProject(project: SampleProject): Promise<void> {
    const row = treeRow(page, String(project.record.name), 1);
    if ((await row.getAttribute('aria-expanded')) !== 'true') {
      await row.locator('.monaco-tl-twistie').click();
    }
    await page.locator('.part.sidebar [role=treeitem]', { hasText: 'Loading…' }).waitFor({ state: 'detached', timeout: 30_000 });
  }

  async function collapseProject(project: SampleProject): Promise<void> {
    const row = treeRow(page, String(project.record.name), 1);
    if ((await row.getAttribute('aria-expanded')) === 'true') {
      await row.locator('.monaco-tl-twistie').click();
    }
  }

  function focusedRow(): ReturnType<Page['locator']> {
    return page.locator('.part.sidebar [role=treeitem].focused');
  }

  it('browses projects, every session and a device', async () => {
    const project = emulator.projects.find(candidate => candidate.emptyFirstPage)!;
    const withInstance = newestFirst(project).find(session => session.instanceArn)!;
    for (const listed of emulator.projects) {
      await treeRow(page, String(listed.record.name), 1).waitFor({ timeout: 30_000 });
    }

    await expandProject(project);
    await treeRow(page, String(newestFirst(project)[0].name), 2).waitFor();
    const sessionRow = treeRow(page, String(withInstance.name), 2);
    await sessionRow.locator('.monaco-tl-twistie').click();
    const deviceName = String((withInstance.device as { name: string }).name);
    const deviceRow = treeRow(page, deviceName, 3);
    await deviceRow.locator('.monaco-tl-twistie').click();

    assert.equal(await treeRows(page, 1).count(), emulator.projects.length);
    assert.equal(await treeRows(page, 2).count(), project.sessions.length);
    assert.match(await deviceRow.innerText(), /(ANDROID|IOS) [\d.]+ · (PHONE|TABLET)/);
    await treeRow(page, /^Instance /, 4).waitFor({ timeout: 10_000 });
    await screenshot(page, 'tree');
    await sessionRow.locator('.monaco-tl-twistie').click();
  });

  it('browses with the keyboard alone', async () => {
    const project = emulator.projects.find(candidate => candidate.emptyFirstPage)!;
    await collapseProject(project);

    await runCommandWithKeyboard(page, 'Device Farm: Focus on Projects View');
    await page.keyboard.press('Home');
    for (let index = 0; index < emulator.projects.length; index++) {
      if ((await focusedRow().innerText()).startsWith(String(project.record.name))) {
        break;
      }
      await page.keyboard.press('ArrowDown');
    }
    await page.keyboard.press('ArrowRight');
    await page.locator('.part.sidebar [role=treeitem]', { hasText: 'Loading…' }).waitFor({ state: 'detached', timeout: 30_000 });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowRight');

    assert.ok((await focusedRow().innerText()).startsWith(String(newestFirst(project)[0].name)));
    assert.equal(await focusedRow().getAttribute('aria-expanded'), 'true');
    await treeRows(page, 3).first().waitFor({ timeout: 10_000 });
    await page.keyboard.press('ArrowLeft');
  });

  it('shows session JSON from a click and from the palette', async () => {
    const project = emulator.projects.find(candidate => candidate.emptyFirstPage)!;
    const [newest, second] = newestFirst(project);
    await expandProject(project);

    await treeRow(page, String(newest.name), 2).locator('.label-name').click();
    const content = webviewContent(page);
    await content.locator('#session-arn', { hasText: String(newest.arn) }).waitFor({ timeout: 30_000 });
    const json = await content.locator('#session-json').innerText();

    assert.equal(await content.locator('#session-arn').innerText(), newest.arn);
    assert.match(json, /"device": \{/);
    assert.match(json, /"created": "\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z"/);
    assert.match(json, /"interactiveEndpoint": "••••••••"/);
    assert.ok(!json.includes(new URL(String(newest.endpoint)).searchParams.get('token') ?? '?'), 'tokens are masked');
    await screenshot(page, 'session-json');

    await content.locator('#open-document').click();
    await page.locator('.tabs-container .tab', { hasText: '.json' }).first().waitFor({ timeout: 10_000 });
    assert.ok((await activeEditorText(page)).includes(`"arn": "${String(newest.arn)}"`));
    assert.equal((await page.locator('.statusbar [id="status.editor.mode"]').innerText()).trim(), 'JSON');

    await runCommand(page, 'Device Farm: Show Session JSON');
    await pickQuickPickItem(page, /session to show as JSON/, String(second.name));
    await webviewContent(page).locator('#session-arn', { hasText: String(second.arn) }).waitFor({ timeout: 30_000 });
  });

  it('copies the ARN four ways into a TypeScript file', async () => {
    const project = emulator.projects.find(candidate => candidate.emptyFirstPage)!;
    const [newest, second, third, fourth] = newestFirst(project);
    await expandProject(project);
    await openUntitledTypeScriptFile(page);

    await clickInlineAction(treeRow(page, String(newest.name), 2), 'Copy Session ARN');
    await waitForClipboard(page, String(newest.arn));
    assert.equal(await pasteIntoActiveEditor(page), newest.arn, 'inline action');

    await clickContextMenuItem(page, treeRow(page, String(second.name), 2), 'Copy Session ARN');
    await waitForClipboard(page, String(second.arn));
    assert.equal(await pasteIntoActiveEditor(page), second.arn, 'context menu');

    await runCommand(page, 'Device Farm: Copy Session ARN');
    await pickQuickPickItem(page, /session whose ARN to copy/, String(third.name));
    await waitForClipboard(page, String(third.arn));
    assert.equal(await pasteIntoActiveEditor(page), third.arn, 'palette quick pick');

    await treeRow(page, String(fourth.name), 2).locator('.label-name').click();
    await webviewContent(page).locator('#session-arn', { hasText: String(fourth.arn) }).waitFor({ timeout: 30_000 });
    await webviewContent(page).locator('#copy-arn').click();
    await waitForClipboard(page, String(fourth.arn));
    await page.locator('.tabs-container .tab', { hasText: 'Untitled' }).first().click();
    assert.equal(await pasteIntoActiveEditor(page), fourth.arn, 'webview button');
    await screenshot(page, 'copy-arn');
  });

  it('copies the ARN with the keyboard alone', async () => {
    const project = emulator.projects.find(candidate => candidate.emptyFirstPage)!;
    const [newest] = newestFirst(project);
    await page.locator('.tabs-container .tab', { hasText: 'Untitled' }).first().click();
    await page.evaluate(() => navigator.clipboard.writeText('not copied yet'));

    await runCommandWithKeyboard(page, 'Device Farm: Focus on Projects View');
    await page.keyboard.press('Home');
    for (let index = 0; index < 10; index++) {
      if ((await focusedRow().getAttribute('aria-level')) === '2') {
        break;
      }
      await page.keyboard.press('ArrowDown');
    }
    assert.ok((await focusedRow().innerText()).startsWith(String(newest.name)));
    await page.keyboard.press('Shift+F10');
    await page.locator('.monaco-menu').first().waitFor({ timeout: 10_000 });
    for (let index = 0; index < 8; index++) {
      await page.keyboard.press('ArrowDown');
      if ((await page.locator('.monaco-menu .action-item.focused').innerText().catch(() => '')).includes('Copy Session ARN')) {
        break;
      }
    }
    await page.keyboard.press('Enter');
    await waitForClipboard(page, String(newest.arn));
    await page.keyboard.press('Control+1');

    assert.equal(await pasteIntoActiveEditor(page), newest.arn);
  });

  it('refresh shows changed data and keeps rows expanded', async () => {
    const project = emulator.projects.find(candidate => candidate.emptyFirstPage)!;
    const sessions = newestFirst(project);
    await expandProject(project);
    const expandedSession = sessions[3];
    const expandedRow = treeRow(page, String(expandedSession.name), 2);
    if ((await expandedRow.getAttribute('aria-expanded')) !== 'true') {
      await expandedRow.locator('.monaco-tl-twistie').click();
    }
    await treeRow(page, String((expandedSession.device as { name: string }).name), 3).waitFor();

    const added = {
      ...sessions[0],
      arn: String(sessions[0].arn).replace(/\/[0-9a-f-]{36}\/00000$/, '/0b0e0f00-0000-4000-a000-00000000abcd/00000'),
      name: 'Added after refresh',
      created: Number(sessions[0].created) + 3600,
    };
    project.sessions.push(added);
    const changed = sessions[1];
    changed.status = 'STOPPING';
    changed.result = 'STOPPED';
    const removed = sessions[2];
    project.sessions.splice(project.sessions.indexOf(removed), 1);
    await runCommand(page, 'Device Farm: Refresh');

    await treeRow(page, 'Added after refresh', 2).waitFor({ timeout: 30_000 });
    await treeRow(page, String(removed.name), 2).waitFor({ state: 'detached', timeout: 30_000 });
    assert.match(await treeRow(page, String(changed.name), 2).innerText(), /Stopping · Stopped/);
    assert.equal(await treeRow(page, String(project.record.name), 1).getAttribute('aria-expanded'), 'true');
    assert.equal(await treeRow(page, String(expandedSession.name), 2).getAttribute('aria-expanded'), 'true');
    assert.equal(await treeRows(page, 2).count(), project.sessions.length);
    await collapseProject(project);
  });

  it('throttled page 2 shows an error row, Retry completes', async () => {
    const project = emulator.projects[2];
    emulator.addFault({ operation: 'ListRemoteAccessSessions', page: 2, kind: 'ThrottlingException', times: 3 });

    await treeRow(page, String(project.record.name), 1).locator('.monaco-tl-twistie').click();
    const errorRow = treeRow(page, /Throttled by Device Farm: list incomplete after 5 items/, 2);
    await errorRow.waitFor({ timeout: 30_000 });

    assert.equal(await treeRows(page, 2).count(), 6);
    await screenshot(page, 'throttled');
    await clickInlineAction(errorRow, 'Retry');
    await errorRow.waitFor({ state: 'detached', timeout: 30_000 });
    const oldest = newestFirst(project).at(-1)!;
    await treeRow(page, String(oldest.name), 2).waitFor({ timeout: 30_000 });
    assert.equal(await treeRows(page, 2).count(), project.sessions.length);
    await collapseProject(project);
  });

  it('shows a hostile session name as text in the webview', async () => {
    const project = emulator.projects[0];
    await expandProject(project);

    await treeRow(page, '</script>', 2).locator('.label-name').click();
    const content = webviewContent(page);
    await content.locator('#session-name', { hasText: '</script>' }).waitFor({ timeout: 30_000 });

    assert.equal(await content.locator('#session-name').innerText(), HOSTILE_NAMES[0]);
    assert.equal(await content.locator('img').count(), 0);
    assert.notEqual(await content.locator('body').evaluate(element => element.ownerDocument.title), 'pwned');
    await collapseProject(project);
  });

  it('switching profile shows only the other account', async () => {
    await runCommand(page, 'Device Farm: Select AWS Profile');
    await pickQuickPickItem(page, /AWS profile/, 'qa-team');

    for (const name of QA_TEAM_PROJECTS) {
      await treeRow(page, name, 1).waitFor({ timeout: 30_000 });
    }
    assert.equal(await treeRows(page, 1).count(), QA_TEAM_PROJECTS.length);
    for (const project of emulator.projects) {
      assert.equal(await treeRow(page, String(project.record.name)).count(), 0);
    }
    await screenshot(page, 'profile-switched');
  });

  it('raises no error notification', async () => {
    await runCommand(page, 'Notifications: Show Notifications');
    const errors = await page.locator('.notifications-center .notification-list-item', { has: page.locator('.codicon-error') }).allInnerTexts();

    assert.deepEqual(errors, []);
  });

  it('sends no request off 127.0.0.1', () => {
    assert.deepEqual(browser.blockedRequests, []);
  });
});
