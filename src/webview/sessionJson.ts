// The text both session views show: the full GetRemoteAccessSession object as
// pretty-printed JSON, with Dates as ISO 8601 strings (Date.toJSON). Endpoint
// URLs carry access tokens, so they are masked unless the user reveals them.
import type { RemoteAccessSession } from '@aws-sdk/client-device-farm';

export const MASK = '••••••••';

/** Fields whose whole value is a secret: the endpoints that carry access tokens. */
const SENSITIVE_KEYS = new Set(['endpoint', 'interactiveEndpoint', 'remoteDriverEndpoint']);
/** Query parameters that carry credentials in any URL. */
const TOKEN_PARAMETER = /token|signature|credential|secret|password|auth|key/i;

/** A value hidden by `maskSecrets`, with the JSON path it sits at (such as `endpoints.interactiveEndpoint`). */
export interface SensitiveValue {
  path: string;
  value: string;
}

function maskUrlQuery(text: string): string | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    return undefined;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  let masked = false;
  for (const name of [...url.searchParams.keys()]) {
    if (TOKEN_PARAMETER.test(name)) {
      url.searchParams.set(name, MASK);
      masked = true;
    }
  }
  if (url.password) {
    url.password = MASK;
    masked = true;
  }
  return masked ? url.toString() : undefined;
}

/**
 * Returns a copy of a value with the sensitive fields and token-bearing URL
 * query strings replaced by a mask, and the values it hid.
 */
export function maskSecrets(value: unknown): { masked: unknown; secrets: SensitiveValue[] } {
  const secrets: SensitiveValue[] = [];
  const visit = (node: unknown, path: string, key: string): unknown => {
    if (node instanceof Date) {
      return node;
    }
    if (typeof node === 'string') {
      if (SENSITIVE_KEYS.has(key) && node !== '') {
        secrets.push({ path, value: node });
        return MASK;
      }
      const maskedUrl = maskUrlQuery(node);
      if (maskedUrl !== undefined) {
        secrets.push({ path, value: node });
        return maskedUrl;
      }
      return node;
    }
    if (Array.isArray(node)) {
      return node.map((item, index) => visit(item, `${path}[${index}]`, key));
    }
    if (typeof node === 'object' && node !== null) {
      return Object.fromEntries(Object.entries(node).map(([childKey, child]) => [childKey, visit(child, path ? `${path}.${childKey}` : childKey, childKey)]));
    }
    return node;
  };
  return { masked: visit(value, '', ''), secrets };
}

/** Formats a session as JSON; sensitive values are masked unless `reveal` is true. */
export function formatSessionJson(session: RemoteAccessSession, reveal = false): string {
  return JSON.stringify(reveal ? session : maskSecrets(session).masked, null, 2);
}
