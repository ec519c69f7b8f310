// Names of the profiles in the shared AWS config and credentials files, read
// by the SDK's own loader so AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE apply,
// and a cheap check of whether those files changed.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
/**
 * Sections of the config file that are not profiles. The loader names them
 * `<type>.<name>`, as in `[sso-session corp]` and `[services local]`.
 */
const OTHER_SECTIONS = /^(sso-session|services)\./;

/** Lists profile names from both shared files, sorted, each once. */
export async function listProfileNames(): Promise<string[]> {
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const configProfiles = Object.keys(configFile).filter(name => !OTHER_SECTIONS.test(name));
  const names = new Set([...configProfiles, ...Object.keys(credentialsFile)]);
  return [...names].sort((a, b) => a.localeCompare(b));
}

/**
 * Returns a fingerprint of the shared config and credentials files and of the
 * SSO token cache folder (modification time and size), which changes when
 * `aws configure` or `aws sso login` writes them.
 */
export function sharedConfigSignature(): string {
  const awsFolder = join(homedir(), '.aws');
  const paths = [
    process.env.AWS_CONFIG_FILE ?? join(awsFolder, 'config'),
    process.env.AWS_SHARED_CREDENTIALS_FILE ?? join(awsFolder, 'credentials'),
    join(awsFolder, 'sso', 'cache'),
  ];
  return paths.map(path => {
    try {
      const stats = statSync(path);
      return `${stats.mtimeMs}:${stats.size}`;
    } catch {
      return 'missing';
    }
  }).join('|');
}
