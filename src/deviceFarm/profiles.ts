// Names of the profiles in the shared AWS config and credentials files, read
// by the SDK's own loader so AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE apply.
/** Lists profile names from both shared files, sorted, each once. */
export async function listProfileNames(): Promise<string[]> {
  const { loadSharedConfigFiles } = await import('@smithy/shared-ini-file-loader');
  const { configFile, credentialsFile } = await loadSharedConfigFiles({ ignoreCache: true });
  const names = new Set([...Object.keys(configFile), ...Object.keys(credentialsFile)]);
  return [...names].sort((a, b) => a.localeCompare(b));
}
