declare module 'proxy-from-env' {
  /** Returns the proxy URL for a URL from the *_PROXY and NO_PROXY environment variables, or '' for none. */
  export function getProxyForUrl(url: string): string;
}
