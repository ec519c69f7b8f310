import * as vscode from 'vscode';
import { isShellSafeProfile } from '../tree/items';

/** Opens a terminal that runs `aws sso login` for the profile in use; the user refreshes when it is done. */
export function startSsoLogin(profile: string | undefined): void {
  if (!isShellSafeProfile(profile)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The profile name "{0}" has characters that cannot go into a shell command. Run "aws sso login --profile" with it in a terminal yourself.', profile ?? ''));
    return;
  }
  const terminal = vscode.window.createTerminal({ name: vscode.l10n.t('AWS SSO login') });
  terminal.show();
  terminal.sendText(profile ? `aws sso login --profile ${profile}` : 'aws sso login');
}
