// The labels and icons of a session's status and result in the tree. Device Farm
// adds values over time and the SDK passes unknown strings through, so every
// lookup has a neutral fallback that shows the raw text.
import * as vscode from 'vscode';

interface Presentation {
  label: string;
  icon: string;
  color?: string;
}

const STATUSES: Record<string, () => Presentation> = {
  PENDING: () => ({ label: vscode.l10n.t('Pending'), icon: 'clock', color: 'charts.yellow' }),
  PENDING_CONCURRENCY: () => ({ label: vscode.l10n.t('Pending concurrency'), icon: 'clock', color: 'charts.yellow' }),
  PENDING_DEVICE: () => ({ label: vscode.l10n.t('Pending device'), icon: 'clock', color: 'charts.yellow' }),
  PROCESSING: () => ({ label: vscode.l10n.t('Processing'), icon: 'gear', color: 'charts.blue' }),
  SCHEDULING: () => ({ label: vscode.l10n.t('Scheduling'), icon: 'calendar', color: 'charts.blue' }),
  PREPARING: () => ({ label: vscode.l10n.t('Preparing'), icon: 'tools', color: 'charts.blue' }),
  RUNNING: () => ({ label: vscode.l10n.t('Running'), icon: 'play-circle', color: 'charts.green' }),
  COMPLETED: () => ({ label: vscode.l10n.t('Completed'), icon: 'check' }),
  STOPPING: () => ({ label: vscode.l10n.t('Stopping'), icon: 'debug-stop', color: 'charts.orange' }),
};

const RESULTS: Record<string, () => Presentation> = {
  PENDING: () => ({ label: vscode.l10n.t('Pending'), icon: 'clock', color: 'charts.yellow' }),
  PASSED: () => ({ label: vscode.l10n.t('Passed'), icon: 'pass', color: 'testing.iconPassed' }),
  WARNED: () => ({ label: vscode.l10n.t('Warned'), icon: 'warning', color: 'list.warningForeground' }),
  FAILED: () => ({ label: vscode.l10n.t('Failed'), icon: 'error', color: 'testing.iconFailed' }),
  SKIPPED: () => ({ label: vscode.l10n.t('Skipped'), icon: 'debug-step-over', color: 'disabledForeground' }),
  ERRORED: () => ({ label: vscode.l10n.t('Errored'), icon: 'error', color: 'errorForeground' }),
  STOPPED: () => ({ label: vscode.l10n.t('Stopped'), icon: 'circle-slash', color: 'disabledForeground' }),
};

function present(table: Record<string, () => Presentation>, value: string | undefined): Presentation {
  if (value === undefined || value === '') {
    return { label: vscode.l10n.t('Unknown'), icon: 'question' };
  }
  return Object.prototype.hasOwnProperty.call(table, value) ? table[value]() : { label: value, icon: 'question' };
}

export function statusLabel(status: string | undefined): string {
  return present(STATUSES, status).label;
}

export function resultLabel(result: string | undefined): string {
  return present(RESULTS, result).label;
}

/**
 * Picks the icon of a session: the result once the session has completed,
 * the status before that. An unknown value gets a neutral question mark.
 */
export function sessionIcon(status: string | undefined, result: string | undefined): vscode.ThemeIcon {
  const presentation = status === 'COMPLETED' ? present(RESULTS, result) : present(STATUSES, status);
  return new vscode.ThemeIcon(presentation.icon, presentation.color ? new vscode.ThemeColor(presentation.color) : undefined);
}
