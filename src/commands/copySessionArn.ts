import * as vscode from 'vscode';
import type { ExplorerModel } from '../tree/model';
import { resolveSessionTarget } from './sessionTarget';

const CONFIRMATION_MS = 3000;

/** Puts exactly the ARN on the clipboard, with no whitespace or surrounding text. */
export async function copyArnToClipboard(arn: string): Promise<void> {
  await vscode.env.clipboard.writeText(arn);
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Session ARN copied'), CONFIRMATION_MS);
}

/** Copies a sensitive value the user asked for, without showing or logging it. */
export async function copySecretToClipboard(value: string): Promise<void> {
  await vscode.env.clipboard.writeText(value);
  vscode.window.setStatusBarMessage(vscode.l10n.t('$(check) Copied; it holds an access token, so keep it private'), CONFIRMATION_MS);
}

export async function copySessionArn(model: ExplorerModel, argument: unknown): Promise<void> {
  const target = await resolveSessionTarget(model, argument, vscode.l10n.t('Select the session whose ARN to copy'));
  if (target) {
    await copyArnToClipboard(target.arn);
  }
}
