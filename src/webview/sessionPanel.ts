// The webview that shows one session's full JSON. One panel per session ARN;
// asking again reveals it. The page gets its data by postMessage and renders
// it as text, under a CSP that allows only our own script, by nonce.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { DeviceFarmConnection, Logger } from '../deviceFarm/client';
import type { DeviceFarmError } from '../deviceFarm/errors';
import { getRemoteAccessSession } from '../deviceFarm/listing';
import { formatSessionJson } from './sessionJson';

export const SESSION_PANEL_VIEW_TYPE = 'deviceFarm.session';

/** Messages the page may send; anything else is logged and ignored. */
type PageMessage = { type: 'ready' } | { type: 'copyArn' } | { type: 'openDocument' } | { type: 'reload' };

export function isPageMessage(message: unknown): message is PageMessage {
  if (typeof message !== 'object' || message === null) {
    return false;
  }
  const type = (message as { type?: unknown }).type;
  return Object.keys(message).length === 1 && (type === 'ready' || type === 'copyArn' || type === 'openDocument' || type === 'reload');
}

export interface SessionPanelActions {
  copyArn(arn: string): Promise<void>;
  openDocument(arn: string, name: string): Promise<void>;
}

/** What a panel last sent to its page, for tests that check what the user sees. */
export interface PanelContent {
  arn: string;
  json?: string;
  error?: string;
}

class SessionPanel {
  readonly panel: vscode.WebviewPanel;
  content: PanelContent;
  private controller: AbortController | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly arn: string,
    private name: string,
    extensionUri: vscode.Uri,
    private readonly connect: () => DeviceFarmConnection,
    private readonly logger: Logger,
    private readonly actions: SessionPanelActions,
    onDispose: () => void,
  ) {
    this.content = { arn };
    const mediaRoot = vscode.Uri.joinPath(extensionUri, 'media');
    this.panel = vscode.window.createWebviewPanel(SESSION_PANEL_VIEW_TYPE, vscode.l10n.t('Session: {0}', name), vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [mediaRoot],
    });
    this.panel.webview.html = this.render(mediaRoot);
    this.disposables.push(
      this.panel.webview.onDidReceiveMessage(message => this.onMessage(message)),
      this.panel.onDidDispose(() => {
        this.controller?.abort();
        for (const disposable of this.disposables) {
          disposable.dispose();
        }
        onDispose();
      }),
    );
  }

  private render(mediaRoot: vscode.Uri): string {
    const webview = this.panel.webview;
    const nonce = randomBytes(16).toString('base64');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'sessionPanel.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(mediaRoot, 'sessionPanel.css'));
    const csp = [
      "default-src 'none'",
      `style-src ${webview.cspSource}`,
      `script-src 'nonce-${nonce}'`,
      `img-src ${webview.cspSource}`,
      `font-src ${webview.cspSource}`,
      "connect-src 'none'",
      "form-action 'none'",
      "frame-src 'none'",
      "base-uri 'none'",
    ].join('; ');
    const labels = {
      copyArn: vscode.l10n.t('Copy ARN'),
      openDocument: vscode.l10n.t('Open as JSON Document'),
      reload: vscode.l10n.t('Reload'),
      loading: vscode.l10n.t('Loading session…'),
    };
    // Only our own fixed strings are interpolated here; session data arrives later by postMessage.
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${style.toString()}">
</head>
<body>
<header>
  <h1 id="session-name"></h1>
  <code id="session-arn"></code>
  <div class="actions">
    <button id="copy-arn" type="button">${labels.copyArn}</button>
    <button id="open-document" type="button" class="secondary">${labels.openDocument}</button>
    <button id="reload" type="button" class="secondary">${labels.reload}</button>
  </div>
</header>
<p id="status" role="status">${labels.loading}</p>
<pre id="session-json" tabindex="0"></pre>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  reveal(): void {
    this.panel.reveal();
  }

  private async load(): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    void this.panel.webview.postMessage({ type: 'loading' });
    try {
      const session = await getRemoteAccessSession(this.connect(), this.arn, controller.signal);
      if (controller.signal.aborted) {
        return;
      }
      this.name = session.name?.trim() || this.name;
      this.content = { arn: this.arn, json: formatSessionJson(session) };
      void this.panel.webview.postMessage({ type: 'session', arn: this.arn, name: this.name, json: this.content.json });
    } catch (error) {
      if (controller.signal.aborted) {
        return;
      }
      const message = (error as DeviceFarmError).message;
      this.logger.error(`Session panel ${this.arn}: ${message}`);
      this.content = { arn: this.arn, error: message };
      void this.panel.webview.postMessage({ type: 'error', arn: this.arn, message });
    }
  }

  private onMessage(message: unknown): void {
    if (!isPageMessage(message)) {
      this.logger.warn(`Session panel ${this.arn}: ignored a message that is not one of ready, copyArn, openDocument, reload.`);
      return;
    }
    switch (message.type) {
      case 'ready':
      case 'reload':
        void this.load();
        break;
      case 'copyArn':
        void this.actions.copyArn(this.arn);
        break;
      case 'openDocument':
        void this.actions.openDocument(this.arn, this.name);
        break;
    }
  }
}

export class SessionPanels implements vscode.Disposable {
  private readonly panels = new Map<string, SessionPanel>();

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly connect: () => DeviceFarmConnection,
    private readonly logger: Logger,
    private readonly actions: SessionPanelActions,
  ) {}

  /** Opens the panel of a session, or reveals it when it is already open. */
  show(arn: string, name: string): vscode.WebviewPanel {
    const existing = this.panels.get(arn);
    if (existing) {
      existing.reveal();
      return existing.panel;
    }
    const panel = new SessionPanel(arn, name, this.extensionUri, this.connect, this.logger, this.actions, () => this.panels.delete(arn));
    this.panels.set(arn, panel);
    return panel.panel;
  }

  /** What the open panel of a session last showed. */
  contentOf(arn: string): PanelContent | undefined {
    return this.panels.get(arn)?.content;
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) {
      panel.panel.dispose();
    }
  }
}
