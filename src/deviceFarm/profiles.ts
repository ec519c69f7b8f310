// Names of the profiles in the shared AWS config and credentials files, read
// by the SDK's own loader so AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE apply.
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
