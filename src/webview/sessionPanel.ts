// The webview that shows one session's full JSON. One panel per session ARN;
// asking again reveals it. The page gets its data by postMessage and renders
// it as text, under a CSP that allows only our own script, by nonce.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { DeviceFarmConnection, Logger } from '../deviceFarm/client';
import type { DeviceFarmError } from '../deviceFarm/errors';
import { getRemoteAccessSession } from '../deviceFarm/listing';
import { displayText } from '../displayText';
import type { RemoteAccessSession } from '@aws-sdk/client-device-farm';
import { formatSessionJson, maskSecrets } from './sessionJson';

export const SESSION_PANEL_VIEW_TYPE = 'deviceFarm.session';

/** Messages the page may send; anything else is logged and ignored. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'copyArn' }
  | { type: 'openDocument' }
  | { type: 'reload' }
  | { type: 'toggleReveal' }
  | { type: 'copySecret'; path: string };

const SIMPLE_MESSAGES = new Set(['ready', 'copyArn', 'openDocument', 'reload', 'toggleReveal']);

export function isPageMessage(message: unknown): message is PageMessage {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) {
    return false;
  }
  const { type, path } = message as { type?: unknown; path?: unknown };
  const keys = Object.keys(message);
  if (typeof type === 'string' && SIMPLE_MESSAGES.has(type)) {
    return keys.length === 1;
  }
  return type === 'copySecret' && typeof path === 'string' && path.length < 200 && keys.length === 2;
}

export interface SessionPanelActions {
  copyArn(arn: string): Promise<void>;
  /** Copies a sensitive value the user asked for; it never reaches the log. */
  copySecret(value: string): Promise<void>;
  openDocument(arn: string, name: string, reveal: boolean): Promise<void>;
}

/** The content a panel last sent to its page, for tests of what the user is shown. */
export interface PanelContent {
  arn: string;
  json?: string;
  error?: string;
  revealed?: boolean;
  /** Paths of the masked values, which the page offers to copy. */
  secretPaths?: string[];
}

class SessionPanel {
  readonly panel: vscode.WebviewPanel;
  content: PanelContent;
  private session: RemoteAccessSession | undefined;
  private revealed = false;
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
    this.panel = vscode.window.createWebviewPanel(SESSION_PANEL_VIEW_TYPE, vscode.l10n.t('Session: {0}', displayText(name).slice(0, 120)), vscode.ViewColumn.Active, {
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
      reveal: vscode.l10n.t('Reveal Sensitive Values'),
      loading: vscode.l10n.t('Loading session…'),
      secrets: vscode.l10n.t('Endpoints with access tokens are masked. Copy one only where you need it:'),
      copy: vscode.l10n.t('Copy'),
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
    <button id="toggle-reveal" type="button" class="secondary" aria-pressed="false">${labels.reveal}</button>
    <button id="reload" type="button" class="secondary">${labels.reload}</button>
  </div>
  <div id="secrets" hidden>
    <p>${labels.secrets}</p>
    <ul id="secret-list" data-copy-label="${labels.copy}"></ul>
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
      this.session = session;
      this.showSession();
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

  private showSession(): void {
    if (!this.session) {
      return;
    }
    const secretPaths = maskSecrets(this.session).secrets.map(secret => secret.path);
    this.content = { arn: this.arn, json: formatSessionJson(this.session, this.revealed), revealed: this.revealed, secretPaths };
    void this.panel.webview.postMessage({ type: 'session', arn: this.arn, name: this.name, json: this.content.json, revealed: this.revealed, secretPaths });
  }

  /** Handles a message from the page; tests call it to act as the page does. */
  onMessage(message: unknown): void {
    if (!isPageMessage(message)) {
      this.logger.warn(`Session panel ${this.arn}: ignored a message that is not one the page sends.`);
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
        void this.actions.openDocument(this.arn, this.name, this.revealed);
        break;
      case 'toggleReveal':
        this.revealed = !this.revealed;
        this.showSession();
        break;
      case 'copySecret': {
        const secret = this.session ? maskSecrets(this.session).secrets.find(candidate => candidate.path === message.path) : undefined;
        if (secret) {
          void this.actions.copySecret(secret.value);
        } else {
          this.logger.warn(`Session panel ${this.arn}: ignored a copy request for an unknown field.`);
        }
        break;
      }
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

  /** Returns what the open panel of a session last showed. */
  contentOf(arn: string): PanelContent | undefined {
    return this.panels.get(arn)?.content;
  }

  /** Returns the open panel of a session, if any. */
  panelOf(arn: string): vscode.WebviewPanel | undefined {
    return this.panels.get(arn)?.panel;
  }

  /** Hands a message to a session's panel as if its page had sent it. */
  receive(arn: string, message: unknown): void {
    this.panels.get(arn)?.onMessage(message);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) {
      panel.panel.dispose();
    }
  }
}
