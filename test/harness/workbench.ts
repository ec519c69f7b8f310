// Small steps a person takes in the VS Code workbench, for the end-to-end tests.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { REPOSITORY_ROOT } from './realVscode';

export const SCREENSHOT_DIR = path.join(REPOSITORY_ROOT, '.test-output', 'screenshots');

export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** Runs a command by its palette title, as a person does with F1. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`>${title}`);
  // Fuzzy matching lists longer titles too ("Compare New Untitled Text Files"), so pick the exact one.
  await page.locator('.quick-input-list .monaco-list-row .label-name').getByText(title, { exact: true }).first().click({ timeout: 10_000 });
}

/** A row of the Device Farm view, by its visible text (a row's tooltip becomes its accessible name). */
export function treeRow(page: Page, text: string | RegExp, level?: number): Locator {
  const selector = level === undefined ? '.part.sidebar [role=treeitem]' : `.part.sidebar [role=treeitem][aria-level="${level}"]`;
  return page.locator(selector, { hasText: text });
}

/** The document inside the visible webview. */
export function webviewContent(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready:visible').frameLocator('iframe#active-frame');
}

/** The text of the active editor, as rendered. */
export async function activeEditorText(page: Page): Promise<string> {
  const lines = page.locator('.editor-group-container.active .monaco-editor .view-lines').first();
  const text = await lines.innerText();
  return text.replace(/\u00a0/g, ' ');
}
