import * as vscode from 'vscode';
import type { ExplorerModel } from '../tree/model';
import { resolveSessionTarget } from './sessionTarget';

const CONFIRMATION_MS = 3000;

/** Puts exactly the ARN on the clipboard, with no whitespace or surrounding text. */
export async function copyArnToClipboard(arn: string): Promise<void> {
  await vscode.env.clipboard.writeText(arn);
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Session ARN copied'), CONFIRMATION_MS);
}

export async function copySessionArn(model: ExplorerModel, argument: unknown): Promise<void> {
  const target = await resolveSessionTarget(model, argument, vscode.l10n.t('Select the session whose ARN to copy'));
  if (target) {
    await copyArnToClipboard(target.arn);
  }
}
