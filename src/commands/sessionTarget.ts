// Finds the session a command is about: the tree row it was run on, or, from
// the command palette, the session the user picks among those loaded.
import * as vscode from 'vscode';
import type { ExplorerModel } from '../tree/model';
import { quickPickText } from '../displayText';
import { sessionDescription, sessionName } from '../tree/items';

export interface SessionTarget {
  arn: string;
  name: string;
}

/** Reads a session ARN from a tree node, a `{ sessionArn }` object or a plain ARN string. */
function arnFromArgument(argument: unknown): string | undefined {
  if (typeof argument === 'string') {
    return argument.trim() || undefined;
  }
  if (typeof argument === 'object' && argument !== null && typeof (argument as { sessionArn?: unknown }).sessionArn === 'string') {
    return (argument as { sessionArn: string }).sessionArn;
  }
  return undefined;
}

export async function resolveSessionTarget(model: ExplorerModel, argument: unknown, placeHolder: string): Promise<SessionTarget | undefined> {
  const arn = arnFromArgument(argument);
  if (arn) {
    const loaded = model.findSession(arn);
    return { arn, name: loaded ? sessionName(loaded.session) : arn };
  }

  const sessions = model.loadedSessions();
  if (sessions.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No remote access sessions are loaded yet. Expand a project in the Device Farm view, then run this command again.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    sessions.map(({ project, session }) => ({
      label: quickPickText(sessionName(session)),
      description: quickPickText(sessionDescription(session)),
      detail: quickPickText(`${project.name ?? ''} · ${session.arn ?? ''}`),
      arn: session.arn ?? '',
      name: sessionName(session),
    })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked ? { arn: picked.arn, name: picked.name } : undefined;
}
