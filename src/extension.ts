// Entry point: builds the service connection, the model, the tree and the
// webviews, and registers them. Views and commands activate the extension.
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { registerCommands } from './commands';
import { copyArnToClipboard, copySecretToClipboard } from './commands/copySessionArn';
import { openSessionJsonDocument } from './commands/showSessionJson';
import { affectsConnection, readConnectionSettings, readMaxConcurrentRequests } from './configuration';
import { createConnection, type DeviceFarmConnection } from './deviceFarm/client';
import { DeviceFarmError } from './deviceFarm/errors';
import { sharedConfigSignature } from './deviceFarm/profiles';
import { ExplorerModel } from './tree/model';
import { ExplorerTreeDataProvider, isCredentialsMissing, type ExplorerNode } from './tree/provider';
import { SESSION_DOCUMENT_SCHEME, SessionDocumentProvider } from './webview/sessionDocument';
import { SessionPanels } from './webview/sessionPanel';
import { DeviceFarmLog } from './log';

export const VIEW_ID = 'deviceFarm.explorer';
const CREDENTIALS_MISSING_CONTEXT = 'deviceFarm.credentialsMissing';

/** The object `activate` returns, for the in-host tests. */
export interface DeviceFarmExplorerApi {
  model: ExplorerModel;
  provider: ExplorerTreeDataProvider;
  treeView: vscode.TreeView<ExplorerNode>;
  panels: SessionPanels;
  log: DeviceFarmLog;
  /** Returns the context keys the extension has set, by name. */
  contextKeys(): ReadonlyMap<string, unknown>;
}

export function activate(context: vscode.ExtensionContext): DeviceFarmExplorerApi {
  if (vscode.l10n.bundle) {
    l10n.config({ contents: vscode.l10n.bundle });
  }
  const log = new DeviceFarmLog();

  let connection: DeviceFarmConnection | undefined;
  let connectionSignature = '';
  const connect = (): DeviceFarmConnection => {
    if (!connection) {
      connectionSignature = sharedConfigSignature();
      connection = createConnection(readConnectionSettings(), log);
      log.info(`Connecting with ${connection.settings.profile ? `profile ${connection.settings.profile}` : 'the default credential chain'} to ${connection.settings.endpoint ?? 'the Device Farm service'}`);
    }
    return connection;
  };
  const dropConnection = (): void => {
    connection?.destroy();
    connection = undefined;
  };
  // A refresh keeps the client and its open sockets unless the shared AWS files
  // changed since it was built; a new client reads them again.
  const dropConnectionIfConfigChanged = (): void => {
    if (connection && sharedConfigSignature() !== connectionSignature) {
      log.info('The AWS config or credentials files changed; reading them again.');
      dropConnection();
    }
  };

  const contextKeys = new Map<string, unknown>();
  const model = new ExplorerModel(connect, { maxConcurrentRequests: readMaxConcurrentRequests });
  const provider = new ExplorerTreeDataProvider(model);
  const treeView = vscode.window.createTreeView(VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const panels = new SessionPanels(context.extensionUri, connect, log, {
    copyArn: copyArnToClipboard,
    copySecret: copySecretToClipboard,
    openDocument: openSessionJsonDocument,
  });

  const onConnectionChanged = (): void => {
    dropConnection();
    model.reset();
  };

  context.subscriptions.push(
    log,
    provider,
    treeView,
    panels,
    { dispose: () => model.dispose() },
    { dispose: dropConnection },
    treeView.onDidExpandElement(event => provider.setExpanded(event.element, true)),
    treeView.onDidCollapseElement(event => provider.setExpanded(event.element, false)),
    model.onDidChange(change => {
      if (change.projectArn === undefined) {
        showProjectListState(model, log, contextKeys);
      }
    }),
    vscode.workspace.onDidChangeConfiguration(event => {
      if (affectsConnection(event)) {
        log.info('Profile or endpoint setting changed; reloading.');
        onConnectionChanged();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(onConnectionChanged),
    vscode.workspace.registerTextDocumentContentProvider(SESSION_DOCUMENT_SCHEME, new SessionDocumentProvider(connect)),
    ...registerCommands({ model, panels, log, currentProfile: () => readConnectionSettings().profile, dropConnectionIfConfigChanged }),
  );

  return { model, provider, treeView, panels, log, contextKeys: () => contextKeys };
}

/**
 * Shows the welcome view (through a context key) when no credentials exist at
 * all, and logs every failure of the project list once.
 */
function showProjectListState(model: ExplorerModel, log: DeviceFarmLog, contextKeys: Map<string, unknown>): void {
  const list = model.projects;
  const credentialsMissing = isCredentialsMissing(list);
  // NOTE: the welcome view shows only while the tree has no rows and no message, so the
  // reason goes to the log, not to TreeView.message.
  contextKeys.set(CREDENTIALS_MISSING_CONTEXT, credentialsMissing);
  void vscode.commands.executeCommand('setContext', CREDENTIALS_MISSING_CONTEXT, credentialsMissing);
  if (list.status === 'failed' && list.error instanceof DeviceFarmError) {
    // A credential_process's stderr may hold a secret: the view shows it, the log does not.
    const reason = list.error.credentials?.problem === 'processFailed'
      ? `the credential_process of ${list.error.credentials.profile ?? 'the default profile'} failed; its stderr is shown in the view`
      : list.error.message;
    log.error(`${list.error.operation} failed (${list.error.kind}, request ${list.error.requestId ?? '-'}): ${reason}`);
  }
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
