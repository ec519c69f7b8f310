// The credential provider: the AWS CLI's resolution order through the SDK's
// own providers, bounded in time, with failures turned into a reason the
// user can act on (which profiles exist, whether SSO needs a login).
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { listProfileNames } from './profiles';

/** How long resolving credentials may take (a `credential_process` or an SSO refresh), in milliseconds. */
export const CREDENTIALS_TIMEOUT_MS = 30_000;

export type CredentialsProblem = 'missing' | 'unknownProfile' | 'ssoExpired' | 'processFailed' | 'timedOut' | 'rejected';

/** A credential failure with its cause sorted out; `classifyError` turns it into a DeviceFarmError. */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsProviderError';

  constructor(
    readonly problem: CredentialsProblem,
    readonly profile: string | undefined,
    message: string,
    readonly profilesFound: string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Keeps what a failed credential_process wrote to stderr, at most 8 lines and
 * 1,000 characters. The SDK's message starts with "Command failed: <command
 * line>", which can carry secrets in its arguments, so that line is dropped.
 */
function processStderr(message: string): string {
  const lines = message.split('\n');
  const stderr = (/^Command failed/i.test(lines[0]) ? lines.slice(1) : lines).filter(line => line.trim() !== '');
  return stderr.slice(0, 8).join('\n').slice(0, 1000) || 'it printed nothing to stderr.';
}

async function explain(error: unknown, profile: string | undefined): Promise<CredentialsError> {
  if (error instanceof CredentialsError) {
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  // First, because a credential_process command line may itself contain "sso" (aws-sso-util, say).
  if (/^Command failed|credential_process|ProcessProvider/i.test(message)) {
    return new CredentialsError('processFailed', profile, processStderr(message), [], { cause: error });
  }
  if (/\bsso\b/i.test(message)) {
    return new CredentialsError('ssoExpired', profile, message, [], { cause: error });
  }
  if (profile) {
    const profilesFound = await listProfileNames().catch((): string[] => []);
    if (!profilesFound.includes(profile)) {
      return new CredentialsError('unknownProfile', profile, message, profilesFound, { cause: error });
    }
  }
  return new CredentialsError('missing', profile, message, [], { cause: error });
}

/**
 * Creates the provider for a profile, or for the default chain when profile is
 * undefined. The shared files are read again by each new provider.
 */
export function createCredentialProvider(profile: string | undefined, timeoutMs = CREDENTIALS_TIMEOUT_MS): AwsCredentialIdentityProvider {
  let base: AwsCredentialIdentityProvider | undefined;
  return async (options?: Parameters<AwsCredentialIdentityProvider>[0]): Promise<AwsCredentialIdentity> => {
    if (!base) {
      const { fromIni, fromNodeProviderChain } = await import('@aws-sdk/credential-providers');
      base = profile ? fromIni({ profile, ignoreCache: true }) : fromNodeProviderChain({ ignoreCache: true });
    }
    try {
      // NOTE: the SDK runs credential_process with no timeout of its own and gives no
      // handle on the child, so a process that hangs is abandoned here, not killed.
      return await withTimeout(base(options), timeoutMs, () => new CredentialsError('timedOut', profile, `No credentials within ${timeoutMs / 1000} s.`));
    } catch (error) {
      throw await explain(error, profile);
    }
  };
}
