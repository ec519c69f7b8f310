// A read-only JSON document of a session, under its own URI scheme, so the
// editor's folding, search and highlighting work on it.
import * as vscode from 'vscode';
import type { DeviceFarmConnection } from '../deviceFarm/client';
import { getRemoteAccessSession } from '../deviceFarm/listing';
import { displayText } from '../displayText';
import { formatSessionJson } from './sessionJson';

export const SESSION_DOCUMENT_SCHEME = 'devicefarm-session';

/** Builds the URI of a session's document. With `reveal`, the document shows the sensitive values unmasked. */
export function sessionDocumentUri(sessionArn: string, name: string, reveal = false): vscode.Uri {
  const fileName = displayText(name).replace(/[\\/:*?"<>|\uFFFD]/g, '_').slice(0, 80) || 'session';
  return vscode.Uri.from({ scheme: SESSION_DOCUMENT_SCHEME, path: `/${fileName}.json`, query: new URLSearchParams({ arn: sessionArn, ...(reveal ? { reveal: '1' } : {}) }).toString() });
}

export class SessionDocumentProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly connect: () => DeviceFarmConnection) {}

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const query = new URLSearchParams(uri.query);
    const arn = query.get('arn');
    if (!arn) {
      throw new Error(vscode.l10n.t('The document {0} names no session ARN.', uri.toString()));
    }
    const controller = new AbortController();
    const cancellation = token.onCancellationRequested(() => controller.abort());
    try {
      return formatSessionJson(await getRemoteAccessSession(this.connect(), arn, controller.signal), query.get('reveal') === '1');
    } finally {
      cancellation.dispose();
    }
  }
}
