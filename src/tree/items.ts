// TreeItem builders for every kind of row. Every value shown comes from
// account data that any member can set, so tooltips escape it and are never trusted.
import type { Device, DeviceInstance, Project, RemoteAccessSession } from '@aws-sdk/client-device-farm';
import * as vscode from 'vscode';
import type { DeviceFarmError } from '../deviceFarm/errors';
import { displayText } from '../displayText';
import { resultLabel, sessionIcon, statusLabel } from './sessionStatus';

export const SHOW_SESSION_COMMAND = 'deviceFarm.showSessionJson';

/** Builds a tooltip from untrusted values: the labels are ours, and values go in as escaped text. */
function tooltip(title: string, rows: Array<[string, string | number | undefined]>): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString(undefined, false);
  markdown.isTrusted = false;
  markdown.supportHtml = false;
  markdown.appendMarkdown('**');
  markdown.appendText(title);
  markdown.appendMarkdown('**\n\n');
  for (const [name, value] of rows) {
    if (value === undefined || value === '') {
      continue;
    }
    markdown.appendText(`${name}: `);
    markdown.appendMarkdown('`');
    markdown.appendText(String(value).replace(/`/g, "'"));
    markdown.appendMarkdown('`  \n');
  }
  return markdown;
}

function formatDate(date: Date | undefined): string | undefined {
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

export function sessionName(session: RemoteAccessSession): string {
  return session.name?.trim() ? displayText(session.name) : vscode.l10n.t('(unnamed session)');
}

export function deviceName(device: Device | undefined): string {
  return device?.name?.trim() ? displayText(device.name) : vscode.l10n.t('Unknown device');
}

export function projectItem(id: string, project: Project, expanded: boolean): vscode.TreeItem {
  const name = project.name?.trim() ? displayText(project.name) : vscode.l10n.t('(unnamed project)');
  const item = new vscode.TreeItem(name, expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
  item.id = id;
  item.iconPath = new vscode.ThemeIcon('project');
  item.contextValue = 'project hasArn';
  item.tooltip = tooltip(name, [
    [vscode.l10n.t('ARN'), project.arn],
    [vscode.l10n.t('Created'), formatDate(project.created)],
    [vscode.l10n.t('Default job timeout (minutes)'), project.defaultJobTimeoutMinutes],
  ]);
  return item;
}

export function sessionDescription(session: RemoteAccessSession): string {
  return [statusLabel(session.status), resultLabel(session.result), deviceName(session.device)].join(' · ');
}

export function sessionItem(id: string, session: RemoteAccessSession): vscode.TreeItem {
  const name = sessionName(session);
  const item = new vscode.TreeItem(name, session.device ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = sessionDescription(session);
  item.iconPath = sessionIcon(session.status, session.result);
  item.contextValue = 'session hasArn';
  item.tooltip = tooltip(name, [
    [vscode.l10n.t('ARN'), session.arn],
    [vscode.l10n.t('Status'), statusLabel(session.status)],
    [vscode.l10n.t('Result'), resultLabel(session.result)],
    [vscode.l10n.t('Device'), deviceName(session.device)],
    [vscode.l10n.t('Created'), formatDate(session.created)],
    [vscode.l10n.t('Started'), formatDate(session.started)],
    [vscode.l10n.t('Stopped'), formatDate(session.stopped)],
    [vscode.l10n.t('Billing'), session.billingMethod],
    [vscode.l10n.t('Device minutes'), session.deviceMinutes?.total],
    [vscode.l10n.t('Message'), session.message ? displayText(session.message).slice(0, 500) : undefined],
  ]);
  if (session.arn) {
    item.command = { command: SHOW_SESSION_COMMAND, title: vscode.l10n.t('Show Session JSON'), arguments: [{ sessionArn: session.arn }] };
  }
  return item;
}

export function deviceItem(id: string, device: Device | undefined, hasInstances: boolean): vscode.TreeItem {
  const name = deviceName(device);
  const item = new vscode.TreeItem(name, hasInstances ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.iconPath = new vscode.ThemeIcon('device-mobile');
  item.contextValue = 'device';
  const platform = [device?.platform, device?.os].filter(Boolean).join(' ');
  item.description = [platform, device?.formFactor].filter(Boolean).join(' · ');
  const resolution = device?.resolution?.width && device.resolution.height ? `${device.resolution.width} × ${device.resolution.height}` : undefined;
  item.tooltip = tooltip(name, [
    [vscode.l10n.t('Platform'), platform],
    [vscode.l10n.t('Form factor'), device?.formFactor],
    [vscode.l10n.t('Manufacturer'), device?.manufacturer],
    [vscode.l10n.t('Model'), device?.model],
    [vscode.l10n.t('Model ID'), device?.modelId],
    [vscode.l10n.t('Resolution'), resolution],
    [vscode.l10n.t('Fleet'), device?.fleetType],
    [vscode.l10n.t('Availability'), device?.availability],
    [vscode.l10n.t('ARN'), device?.arn],
  ]);
  return item;
}

export function instanceItem(id: string, instance: DeviceInstance): vscode.TreeItem {
  const shortId = instance.arn?.split(':').pop() ?? vscode.l10n.t('unknown instance');
  const item = new vscode.TreeItem(vscode.l10n.t('Instance {0}', shortId), vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.iconPath = new vscode.ThemeIcon('circuit-board');
  item.contextValue = 'deviceInstance';
  item.description = [instance.status, ...(instance.labels ?? []).map(displayText)].filter(Boolean).join(' · ');
  item.tooltip = tooltip(vscode.l10n.t('Device instance'), [
    [vscode.l10n.t('ARN'), instance.arn],
    [vscode.l10n.t('Status'), instance.status],
    [vscode.l10n.t('Labels'), instance.labels?.map(displayText).join(', ')],
    [vscode.l10n.t('UDID'), instance.udid],
  ]);
  return item;
}

export function loadingItem(id: string, refreshing: boolean): vscode.TreeItem {
  const item = new vscode.TreeItem(refreshing ? vscode.l10n.t('Refreshing…') : vscode.l10n.t('Loading…'), vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.iconPath = new vscode.ThemeIcon('loading~spin');
  item.contextValue = 'loading';
  return item;
}

export function messageItem(id: string, message: string): vscode.TreeItem {
  const item = new vscode.TreeItem(message, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.iconPath = new vscode.ThemeIcon('info');
  item.contextValue = 'message';
  return item;
}

/** Capability words for the error row's menus: what the user can do about this failure. */
function errorRowContext(error: DeviceFarmError, isWarning: boolean): string {
  const words = ['failed'];
  if (error.kind === 'invalidSetting') {
    // Retrying cannot help until the setting changes, which reloads the view by itself.
    words.push('openSettings');
  } else if (!isWarning) {
    words.push('retryable');
  }
  if (error.credentials?.problem === 'ssoExpired' && isShellSafeProfile(error.credentials.profile)) {
    words.push('ssoLogin');
  }
  if (error.credentials) {
    words.push('selectProfile');
  }
  return words.join(' ');
}

/** True for a profile name that can go into a shell command as it is (or no profile at all). */
export function isShellSafeProfile(profile: string | undefined): boolean {
  return profile === undefined || /^[A-Za-z0-9_.@+-]+$/.test(profile);
}

const ERROR_TITLES: Record<DeviceFarmError['kind'], () => string> = {
  credentials: () => vscode.l10n.t('No valid AWS credentials'),
  accessDenied: () => vscode.l10n.t('Access denied'),
  throttled: () => vscode.l10n.t('Throttled by Device Farm'),
  network: () => vscode.l10n.t('Device Farm is unreachable'),
  unexpectedResponse: () => vscode.l10n.t('Unexpected reply (not JSON)'),
  notFound: () => vscode.l10n.t('Not found'),
  invalidArgument: () => vscode.l10n.t('Request rejected'),
  invalidSetting: () => vscode.l10n.t('Invalid setting'),
  repeatedToken: () => vscode.l10n.t('List stopped: repeated page token'),
  pageLimit: () => vscode.l10n.t('List stopped: too many pages'),
  cancelled: () => vscode.l10n.t('Cancelled'),
  service: () => vscode.l10n.t('Device Farm failed'),
};

/**
 * Builds the row of a list that failed. Items already read stay above it, and
 * its actions resume the list from the failed page or show the log.
 */
export function errorItem(id: string, error: DeviceFarmError, itemsAlreadyShown: number): vscode.TreeItem {
  const title = ERROR_TITLES[error.kind]();
  const label = itemsAlreadyShown > 0
    ? vscode.l10n.t('{0}: list incomplete after {1} items', title, itemsAlreadyShown)
    : title;
  const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = error.message;
  const isWarning = error.kind === 'repeatedToken' || error.kind === 'pageLimit';
  item.iconPath = new vscode.ThemeIcon(isWarning ? 'warning' : 'error', new vscode.ThemeColor(isWarning ? 'list.warningForeground' : 'list.errorForeground'));
  item.contextValue = errorRowContext(error, isWarning);
  item.tooltip = tooltip(title, [
    [vscode.l10n.t('Reason'), error.message],
    [vscode.l10n.t('Operation'), error.operation],
    [vscode.l10n.t('Request ID'), error.requestId],
  ]);
  return item;
}
