import * as vscode from 'vscode';
import type { ExplorerModel } from '../tree/model';
import { sessionDocumentUri } from '../webview/sessionDocument';
import type { SessionPanels } from '../webview/sessionPanel';
import { resolveSessionTarget } from './sessionTarget';

export async function showSessionJson(model: ExplorerModel, panels: SessionPanels, argument: unknown): Promise<void> {
  const target = await resolveSessionTarget(model, argument, vscode.l10n.t('Select the session to show as JSON'));
  if (target) {
    panels.show(target.arn, target.name);
  }
}

export async function openSessionJsonDocument(arn: string, name: string, reveal = false): Promise<void> {
  const document = await vscode.workspace.openTextDocument(sessionDocumentUri(arn, name, reveal));
  await vscode.window.showTextDocument(document, { preview: false });
}

export async function openSessionJsonDocumentFromCommand(model: ExplorerModel, argument: unknown): Promise<void> {
  const target = await resolveSessionTarget(model, argument, vscode.l10n.t('Select the session to open as a JSON document'));
  if (target) {
    await openSessionJsonDocument(target.arn, target.name);
  }
}
