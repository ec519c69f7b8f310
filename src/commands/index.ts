// Registers every command of the extension; each one's work lives in its own file.
import * as vscode from 'vscode';
import type { DeviceFarmLog } from '../log';
import type { ExplorerModel } from '../tree/model';
import type { ExplorerNode } from '../tree/provider';
import type { SessionPanels } from '../webview/sessionPanel';
import { copySessionArn } from './copySessionArn';
import { startSsoLogin } from './ssoLogin';
import { selectProfile } from './selectProfile';
import { openSessionJsonDocumentFromCommand, showSessionJson } from './showSessionJson';

export interface CommandServices {
  model: ExplorerModel;
  panels: SessionPanels;
  log: DeviceFarmLog;
  /** The profile in use, for marking it in the profile picker. */
  currentProfile(): string | undefined;
  /** Drops the cached client when the shared AWS files changed, so the next request reads them again. */
  dropConnectionIfConfigChanged(): void;
}

export function registerCommands(services: CommandServices): vscode.Disposable[] {
  const { model, panels, log } = services;
  return [
    vscode.commands.registerCommand('deviceFarm.refresh', async () => {
      services.dropConnectionIfConfigChanged();
      await vscode.window.withProgress({ location: { viewId: 'deviceFarm.explorer' } }, () => model.refresh());
    }),
    vscode.commands.registerCommand('deviceFarm.showSessionJson', (argument: unknown) => showSessionJson(model, panels, argument)),
    vscode.commands.registerCommand('deviceFarm.openSessionJsonDocument', (argument: unknown) => openSessionJsonDocumentFromCommand(model, argument)),
    vscode.commands.registerCommand('deviceFarm.copySessionArn', (argument: unknown) => copySessionArn(model, argument)),
    vscode.commands.registerCommand('deviceFarm.selectProfile', () => selectProfile(services.currentProfile())),
    vscode.commands.registerCommand('deviceFarm.showLog', () => log.show()),
    vscode.commands.registerCommand('deviceFarm.retry', (node?: ExplorerNode) => model.retry(node?.projectArn)),
    vscode.commands.registerCommand('deviceFarm.ssoLogin', () => startSsoLogin(services.currentProfile())),
    vscode.commands.registerCommand('deviceFarm.openSettings', () => vscode.commands.executeCommand('workbench.action.openSettings', '@ext:device-farm-explorer.device-farm-explorer')),
  ];
}
