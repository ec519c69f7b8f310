// Builds the DeviceFarmClient that every request goes through. Nothing here
// imports `vscode`, so the service layer runs in plain Node tests.
import { DeviceFarmClient } from '@aws-sdk/client-device-farm';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { DEVICE_FARM_REGION, validateEndpoint } from './endpoint';
import { DeviceFarmError } from './errors';

/** Time allowed to open a TCP connection, in milliseconds. */
const CONNECTION_TIMEOUT_MS = 5_000;
/** Time a request may wait for the reply once connected, in milliseconds. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface ConnectionSettings {
  /** A profile of the shared AWS config files; undefined uses the default credential chain. */
  profile?: string;
  /** An endpoint URL in place of the real service, such as a VPC endpoint or a local emulator. */
  endpoint?: string;
}

/** The sink for request and error lines; a VS Code `LogOutputChannel` fits it. */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A client with the settings it was built from, so errors can name the profile and endpoint. */
export interface DeviceFarmConnection {
  readonly client: DeviceFarmClient;
  readonly settings: ConnectionSettings;
  readonly logger: Logger;
}

/**
 * Creates a client pinned to us-west-2 with bounded timeouts. Each call makes a
 * new credential provider, so a changed profile or edited config file is read
 * again; callers make a new connection whenever the settings change.
 * Throws an `invalidArgument` DeviceFarmError for an unusable endpoint.
 */
export function createConnection(settings: ConnectionSettings, logger: Logger): DeviceFarmConnection {
  const profile = settings.profile?.trim() || undefined;
  const endpoint = settings.endpoint?.trim() || undefined;
  const endpointProblem = endpoint === undefined ? undefined : validateEndpoint(endpoint);
  if (endpointProblem) {
    throw new DeviceFarmError('invalidArgument', endpointProblem, 'Connect');
  }
  const credentials = profile
    ? fromIni({ profile, ignoreCache: true })
    : fromNodeProviderChain({ ignoreCache: true });

  const client = new DeviceFarmClient({
    region: DEVICE_FARM_REGION,
    endpoint,
    credentials,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: CONNECTION_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
  });
  return { client, settings: { profile, endpoint }, logger };
}
