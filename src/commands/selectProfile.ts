import * as vscode from 'vscode';
import { listProfileNames } from '../deviceFarm/profiles';
import { SETTINGS_SECTION } from '../configuration';

/** Lists the profiles of the shared AWS files and stores the choice in the user's `deviceFarm.profile`. */
export async function selectProfile(currentProfile: string | undefined): Promise<void> {
  let names: string[];
  try {
    names = await listProfileNames();
  } catch (error) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not read the AWS config and credentials files: {0}', (error as Error).message));
    return;
  }

  const defaultItem = {
    label: vscode.l10n.t('$(globe) Default credential chain'),
    description: currentProfile === undefined ? vscode.l10n.t('current') : undefined,
    detail: vscode.l10n.t('Environment variables, then the default profile, SSO and credential_process, as the AWS CLI resolves them'),
    profile: '',
  };
  const profileItems = names.map(name => ({
    label: `$(account) ${name}`,
    description: name === currentProfile ? vscode.l10n.t('current') : undefined,
    detail: undefined,
    profile: name,
  }));
  const picked = await vscode.window.showQuickPick([defaultItem, ...profileItems], {
    placeHolder: names.length > 0
      ? vscode.l10n.t('Select the AWS profile Device Farm Explorer uses')
      : vscode.l10n.t('No profiles in the AWS config files; run "aws configure" or "aws configure sso" to add one'),
  });
  if (!picked) {
    return;
  }
  await vscode.workspace.getConfiguration(SETTINGS_SECTION).update('profile', picked.profile, vscode.ConfigurationTarget.Global);
}
