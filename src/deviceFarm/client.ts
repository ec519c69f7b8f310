// Builds the DeviceFarmClient that every request goes through. Nothing here
// imports `vscode`, so the service layer runs in plain Node tests. The AWS SDK
// is imported on the first request, not when the extension activates.
import { Readable } from 'node:stream';
import type { DeviceFarmClient, ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-device-farm';
import type { DeserializeMiddleware } from '@smithy/types';
import { createCredentialProvider } from './credentials';
import { DEFAULT_ENDPOINT, DEVICE_FARM_REGION, validateEndpoint } from './endpoint';
import { DeviceFarmError } from './errors';
import { createProxyAgent, resolveProxy, type ProxySettings } from './proxy';

/** Time allowed to open a TCP connection, in milliseconds. */
const CONNECTION_TIMEOUT_MS = 5_000;
/** Time a request may wait for the reply once connected, in milliseconds. */
const REQUEST_TIMEOUT_MS = 30_000;

export interface ConnectionSettings {
  /** A profile of the shared AWS config files; undefined uses the default credential chain. */
  profile?: string;
  /** An endpoint URL in place of the real service, such as a VPC endpoint or a local emulator. */
  endpoint?: string;
  /** VS Code's proxy settings; the proxy environment variables apply when they set none. */
  proxySettings?: ProxySettings;
  /** The proxy the connection uses, filled in by `createConnection` for error messages. */
  proxy?: string;
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
  /** Returns the client, loading the SDK and building the client on the first call. */
  client(): Promise<DeviceFarmClient>;
  /** Closes the client's sockets, if it was built. */
  destroy(): void;
  readonly settings: ConnectionSettings;
  readonly logger: Logger;
}

/**
 * Reads a reply that is not JSON (a proxy's HTML page, say) into memory before
 * the SDK parses it, so the SyntaxError's `$response.body` still contains its
 * bytes for the error message. JSON replies pass through untouched.
 */
const keepNonJsonBody: DeserializeMiddleware<ServiceInputTypes, ServiceOutputTypes> = next => async args => {
  const result = await next(args);
  const response = result.response as { headers?: Record<string, string>; body?: unknown };
  const contentType = response.headers?.['content-type'] ?? '';
  if (!contentType.includes('json') && response.body instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const chunk of response.body) {
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    response.body = new Uint8Array(Buffer.concat(chunks));
  }
  return result;
};

/**
 * Creates a client pinned to us-west-2 with bounded timeouts. Each call makes a
 * new credential provider, so a changed profile or edited config file is read
 * again. Callers make a new connection whenever the settings change.
 * Throws an `invalidSetting` DeviceFarmError for an unusable endpoint.
 */
export function createConnection(
  settings: ConnectionSettings,
  logger: Logger,
  timeouts: { connectionMs?: number; requestMs?: number } = {},
): DeviceFarmConnection {
  const profile = settings.profile?.trim() || undefined;
  const endpoint = settings.endpoint?.trim() || undefined;
  const endpointProblem = endpoint === undefined ? undefined : validateEndpoint(endpoint);
  if (endpointProblem) {
    throw new DeviceFarmError('invalidSetting', endpointProblem, 'Connect');
  }
  const proxySettings = settings.proxySettings ?? {};
  const proxy = resolveProxy(endpoint ?? DEFAULT_ENDPOINT, proxySettings);
  const credentials = createCredentialProvider(profile);

  const build = async (): Promise<DeviceFarmClient> => {
    const { DeviceFarmClient } = await import('@aws-sdk/client-device-farm');
    const agent = proxy ? await createProxyAgent(proxy, proxySettings) : undefined;
    const client = new DeviceFarmClient({
      region: DEVICE_FARM_REGION,
      // Always explicit, so AWS_ENDPOINT_URL and endpoint_url in the config file, which
      // the SDK would otherwise read, cannot bypass validateEndpoint or the proxy choice.
      endpoint: endpoint ?? DEFAULT_ENDPOINT,
      credentials,
      maxAttempts: 3,
      requestHandler: {
        connectionTimeout: timeouts.connectionMs ?? CONNECTION_TIMEOUT_MS,
        requestTimeout: timeouts.requestMs ?? REQUEST_TIMEOUT_MS,
        // Without this, @smithy/node-http-handler 4.x only logs a warning when requestTimeout passes.
        throwOnRequestTimeout: true,
        socketTimeout: timeouts.requestMs ?? REQUEST_TIMEOUT_MS,
        ...(agent ? { httpAgent: agent, httpsAgent: agent } : {}),
      },
    });
    client.middlewareStack.add(keepNonJsonBody, { step: 'deserialize', priority: 'low', name: 'keepNonJsonBody' });
    return client;
  };

  let clientPromise: Promise<DeviceFarmClient> | undefined;
  return {
    client: () => (clientPromise ??= build()),
    destroy: () => void clientPromise?.then(client => client.destroy(), () => undefined),
    settings: { profile, endpoint, proxySettings, proxy },
    logger,
  };
}
