// Steps a person takes in the VS Code workbench, for the end-to-end tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { launchBrowser, REPOSITORY_ROOT, type Browser, type RealVscode } from './realVscode';

export const SCREENSHOT_DIR = path.join(REPOSITORY_ROOT, '.test-output', 'screenshots');

/** Launches Chromium in the server's run folder, opens its workspace and waits for the workbench. */
export async function openWorkbench(vscodeServer: RealVscode, permissions: string[] = []): Promise<Browser> {
  const browser = await launchBrowser(vscodeServer.runDir);
  if (permissions.length > 0) {
    await browser.context.grantPermissions(permissions, { origin: vscodeServer.url });
  }
  await browser.page.goto(vscodeServer.workspaceUrl);
  await browser.page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60_000 });
  return browser;
}

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Opens the command palette with F1 and types a command title, without running it. */
export async function typeCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
}

/** Runs a command by its palette title, as a person does with F1. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await typeCommand(page, title);
  // Fuzzy matching lists longer titles too ("Compare New Untitled Text Files"), so pick the exact one.
  await page.locator('.quick-input-list .monaco-list-row .label-name').getByText(title, { exact: true }).first().click({ timeout: 10_000 });
}

/** Runs a command by its palette title with the keyboard alone: F1, typing, arrows and Enter. */
export async function runCommandWithKeyboard(page: Page, title: string): Promise<void> {
  await typeCommand(page, title);
  const rows = page.locator('.quick-input-list .monaco-list-row');
  await rows.first().waitFor({ timeout: 10_000 });
  for (let index = 0; index < 10; index++) {
    const focused = page.locator('.quick-input-list .monaco-list-row.focused .label-name').first();
    if ((await focused.innerText()).trim() === title) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`No palette entry is exactly "${title}".`);
}

/** Waits for the quick pick whose placeholder matches, filters it by typing, and picks the entry with that label. */
export async function pickQuickPickItem(page: Page, placeholder: RegExp, label: string): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  for (let waited = 0; !placeholder.test((await input.getAttribute('placeholder').catch(() => '')) ?? ''); waited += 100) {
    if (waited > 10_000) {
      throw new Error(`No quick pick with the placeholder ${String(placeholder)} appeared.`);
    }
    await page.waitForTimeout(100);
  }
  await input.fill(label);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().click({ timeout: 10_000 });
}

/**
 * Waits until the browser's clipboard contains `text`, so a paste that follows
 * does not race the extension host's write.
 */
export async function waitForClipboard(page: Page, text: string): Promise<void> {
  for (let waited = 0; waited < 10_000; waited += 100) {
    if (await page.evaluate(() => navigator.clipboard.readText()).catch(() => '') === text) {
      return;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`The clipboard did not receive ${JSON.stringify(text)} within 10 s.`);
}

/** Finds a row of the Device Farm view by its visible text, because a row's tooltip becomes its accessible name. */
export function treeRow(page: Page, text: string | RegExp, level?: number): Locator {
  const selector = level === undefined ? '.part.sidebar [role=treeitem]' : `.part.sidebar [role=treeitem][aria-level="${level}"]`;
  return page.locator(selector, { hasText: text }).first();
}

export function treeRows(page: Page, level: number): Locator {
  return page.locator(`.part.sidebar [role=treeitem][aria-level="${level}"]`);
}

/** Clicks one of a row's inline actions, which show on hover. */
export async function clickInlineAction(row: Locator, title: string): Promise<void> {
  await row.hover();
  await row.locator(`.actions .action-label[aria-label^="${title}"]`).click({ timeout: 10_000 });
}

/** Opens a row's context menu with a right click and picks an entry. */
export async function clickContextMenuItem(page: Page, row: Locator, title: string): Promise<void> {
  await row.click({ button: 'right' });
  const item = page.locator('.monaco-menu .action-item .action-label', { hasText: title }).first();
  await item.waitFor({ timeout: 10_000 });
  await item.hover();
  await item.click();
  await page.locator('.context-view .monaco-menu').waitFor({ state: 'detached', timeout: 10_000 });
}

/** Returns the document inside the visible webview. */
export function webviewContent(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
}

/** Reads the text of the active editor, as rendered. */
export async function activeEditorText(page: Page): Promise<string> {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  const text = await lines.innerText();
  return text.replace(/\u00a0/g, ' ');
}

/** Opens a new untitled TypeScript file with the keyboard and the palette. */
export async function openUntitledTypeScriptFile(page: Page): Promise<void> {
  await runCommandWithKeyboard(page, 'File: New Untitled Text File');
  await page.locator('.editor-group-container.active .monaco-editor').first().waitFor({ timeout: 10_000 });
  await runCommandWithKeyboard(page, 'Change Language Mode');
  await page.keyboard.type('TypeScript');
  await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: /^TypeScript/ }).waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');
  await page.locator('.statusbar', { hasText: 'TypeScript' }).first().waitFor({ timeout: 10_000 });
}

/** Replaces the active editor's text with the clipboard and returns what it then holds. */
export async function pasteIntoActiveEditor(page: Page): Promise<string> {
  await page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
  const before = await activeEditorText(page);
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Control+V');
  // The paste lands asynchronously; wait until the text changes, at most 5 s.
  for (let waited = 0; waited < 5000 && (await activeEditorText(page)) === before; waited += 100) {
    await page.waitForTimeout(100);
  }
  return activeEditorText(page);
}
