// Chooses the HTTP proxy for Device Farm requests: VS Code's `http.proxy`
// setting first (minus the hosts in `http.noProxy`), then the HTTPS_PROXY,
// HTTP_PROXY and NO_PROXY environment variables, as other tools read them.
import type { HttpsProxyAgent } from 'https-proxy-agent';
import { getProxyForUrl } from 'proxy-from-env';

export interface ProxySettings {
  /** VS Code's `http.proxy`; empty means the environment decides. */
  proxy?: string;
  /** VS Code's `http.noProxy`: hosts reached directly even when `proxy` is set. */
  noProxy?: string[];
  /** VS Code's `http.proxyStrictSSL`: verify the TLS certificate of the service behind the proxy. */
  strictSSL?: boolean;
}

function isExcluded(hostname: string, noProxy: string[]): boolean {
  return noProxy.some(entry => {
    const host = entry.trim().toLowerCase().replace(/^\*?\./, '');
    return host !== '' && (hostname === host || hostname.endsWith(`.${host}`));
  });
}

/** Returns the proxy URL for an endpoint, or undefined to connect directly. */
export function resolveProxy(endpoint: string, settings: ProxySettings): string | undefined {
  const hostname = new URL(endpoint).hostname.toLowerCase();
  if (settings.proxy?.trim()) {
    return isExcluded(hostname, settings.noProxy ?? []) ? undefined : settings.proxy.trim();
  }
  return getProxyForUrl(endpoint) || undefined;
}

/**
 * Builds the agent that tunnels requests through the proxy with CONNECT. The
 * SDK's Node request handler has no proxy support of its own.
 */
export async function createProxyAgent(proxyUrl: string, settings: ProxySettings): Promise<HttpsProxyAgent<string>> {
  const { HttpsProxyAgent } = await import('https-proxy-agent');
  return new HttpsProxyAgent(proxyUrl, { rejectUnauthorized: settings.strictSSL ?? true, keepAlive: true });
}
