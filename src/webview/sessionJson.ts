// The text both session views show: the full GetRemoteAccessSession object as
// pretty-printed JSON. Dates become ISO 8601 strings through Date.toJSON.
import type { RemoteAccessSession } from '@aws-sdk/client-device-farm';

export function formatSessionJson(session: RemoteAccessSession): string {
  return JSON.stringify(session, null, 2);
}
