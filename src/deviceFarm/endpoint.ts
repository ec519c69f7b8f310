// The service's region and endpoint, and the check of an endpoint override
// before any request is signed for it.
import * as l10n from '@vscode/l10n';

/** The only region of Device Farm, whatever region the profile sets. */
export const DEVICE_FARM_REGION = 'us-west-2';
export const DEFAULT_ENDPOINT = `https://devicefarm.${DEVICE_FARM_REGION}.amazonaws.com`;

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Returns why an endpoint override is unusable, or undefined when it is fine.
 * Plain HTTP is accepted only for loopback addresses, such as a local emulator.
 */
export function validateEndpoint(endpoint: string): string | undefined {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return l10n.t('The "deviceFarm.endpoint" setting "{0}" is not a URL. Use an https:// URL, or clear the setting to use the real service.', endpoint);
  }
  const isLoopback = LOOPBACK_HOSTS.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && isLoopback)) {
    return undefined;
  }
  return l10n.t('The "deviceFarm.endpoint" setting "{0}" must use https:// (plain http:// is allowed only for 127.0.0.1 and localhost). Change or clear the setting.', endpoint);
}
