// One place that turns whatever the SDK, the credential providers or the
// network throw into a DeviceFarmError with a sentence a user can act on.
import * as l10n from '@vscode/l10n';
import type { ConnectionSettings } from './client';
import { CredentialsError, type CredentialsProblem } from './credentials';
import { DEFAULT_ENDPOINT } from './endpoint';

export type DeviceFarmErrorKind =
  | 'credentials'
  | 'accessDenied'
  | 'throttled'
  | 'network'
  | 'unexpectedResponse'
  | 'notFound'
  | 'invalidArgument'
  /** A setting of the extension is unusable; no request was sent. */
  | 'invalidSetting'
  | 'repeatedToken'
  | 'pageLimit'
  | 'cancelled'
  | 'service';

/** The target of a failing request: the operation, the resource and the connection it used. */
export interface RequestContext {
  operation: string;
  /** The ARN the request was about, if any. */
  resource?: string;
  settings: ConnectionSettings;
}

export class DeviceFarmError extends Error {
  override readonly name = 'DeviceFarmError';

  constructor(
    readonly kind: DeviceFarmErrorKind,
    /** A sentence for the user that names the value and the next step. */
    message: string,
    readonly operation: string,
    options: { cause?: unknown; requestId?: string; httpStatus?: number } = {},
  ) {
    super(message, { cause: options.cause });
    this.requestId = options.requestId;
    this.httpStatus = options.httpStatus;
  }

  readonly requestId: string | undefined;
  readonly httpStatus: number | undefined;
  /** For a 'credentials' error: what is wrong, and with which profile (undefined: the default chain). */
  credentials: { problem: CredentialsProblem; profile: string | undefined } | undefined;
  /** The `nextToken` of the page that failed (undefined for the first page), so a retry can resume there. */
  resumeToken: string | undefined;
  /** The 1-based number of the page that failed. */
  resumePageNumber: number | undefined;
}

/** Errors with which the service rejects the credentials it was sent. */
const REJECTED_CREDENTIAL_ERRORS = new Set([
  'UnrecognizedClientException', 'ExpiredTokenException', 'ExpiredToken',
  'InvalidSignatureException', 'IncompleteSignatureException', 'MissingAuthenticationTokenException',
  'InvalidClientTokenId', 'SignatureDoesNotMatch', 'TokenProviderError',
]);
const THROTTLING_ERRORS = new Set(['ThrottlingException', 'LimitExceededException', 'TooManyRequestsException', 'RequestLimitExceeded']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH',
  'ECONNABORTED', 'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

interface SdkLikeError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; requestId?: string; attempts?: number };
  $response?: { statusCode?: number; body?: unknown };
}

/** Returns the body of a failed reply as text, when the client kept its bytes. */
function responseText(error: SdkLikeError): string | undefined {
  const body = error.$response?.body;
  return body instanceof Uint8Array ? Buffer.from(body).toString('utf8', 0, Math.min(body.byteLength, 400)) : undefined;
}

/** Shows the start of a reply body on one line, for an error message. */
function firstBytes(text: string | undefined): string {
  if (!text) {
    return '';
  }
  // eslint-disable-next-line no-control-regex
  const flat = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  return flat.length > 80 ? `${flat.slice(0, 80)}…` : flat;
}

function credentialsMessage(problem: CredentialsProblem, settings: ConnectionSettings, detail: string, profilesFound: string[], serviceError?: string): string {
  const profile = settings.profile;
  switch (problem) {
    case 'ssoExpired':
      return l10n.t('The AWS SSO session of {0} has expired or was never started. Run "aws sso login{1}" in a terminal, then refresh.',
        describeProfile(settings), profile ? ` --profile ${profile}` : '');
    case 'processFailed':
      return l10n.t('The credential_process of {0} failed: {1} Fix the command in the AWS config file, then refresh.',
        describeProfile(settings), ensureSentence(detail));
    case 'unknownProfile':
      return profilesFound.length > 0
        ? l10n.t('Profile "{0}" is not in the AWS config or credentials files. Profiles found: {1}. Choose one with "Device Farm: Select AWS Profile".', profile ?? '', profilesFound.join(', '))
        : l10n.t('Profile "{0}" is not in the AWS config or credentials files, which hold no profiles. Run "aws configure --profile {0}" to add it.', profile ?? '');
    case 'timedOut':
      return l10n.t('Resolving credentials for {0} took longer than {1} seconds (a credential_process or SSO refresh did not finish). Check the profile, then refresh.',
        describeProfile(settings), detail.match(/\d+/)?.[0] ?? '30');
    case 'rejected':
      return l10n.t('Device Farm rejected the credentials of {0} ({1}). Renew them (for SSO: "aws sso login"), or choose another profile with "Device Farm: Select AWS Profile".',
        describeProfile(settings), serviceError ?? '');
    case 'missing':
      return l10n.t('No AWS credentials found for {0}: {1} Set them up with "aws configure" or "aws configure sso", or choose a profile with "Device Farm: Select AWS Profile".',
        describeProfile(settings), ensureSentence(detail));
  }
}

function describeProfile(settings: ConnectionSettings): string {
  return settings.profile
    ? l10n.t('profile "{0}"', settings.profile)
    : l10n.t('the default credential chain');
}

/** Classifies an error thrown by a Device Farm request. A DeviceFarmError passes through unchanged. */
export function classifyError(error: unknown, context: RequestContext): DeviceFarmError {
  if (error instanceof DeviceFarmError) {
    return error;
  }
  const sdkError = (typeof error === 'object' && error !== null ? error : {}) as SdkLikeError;
  const name = sdkError.name ?? '';
  const rawMessage = sdkError.message ?? String(error);
  const requestId = sdkError.$metadata?.requestId;
  const httpStatus = sdkError.$metadata?.httpStatusCode ?? sdkError.$response?.statusCode;
  const attempts = sdkError.$metadata?.attempts;
  const endpoint = context.settings.endpoint ?? DEFAULT_ENDPOINT;
  const options = { cause: error, requestId, httpStatus };
  const make = (kind: DeviceFarmErrorKind, message: string): DeviceFarmError =>
    new DeviceFarmError(kind, message, context.operation, options);

  if (name === 'AbortError') {
    return make('cancelled', l10n.t('{0} was cancelled.', context.operation));
  }
  if (error instanceof CredentialsError || name === 'CredentialsProviderError' || REJECTED_CREDENTIAL_ERRORS.has(name)) {
    const problem: CredentialsProblem = error instanceof CredentialsError ? error.problem : REJECTED_CREDENTIAL_ERRORS.has(name) ? 'rejected' : 'missing';
    const profilesFound = error instanceof CredentialsError ? error.profilesFound : [];
    const classified = make('credentials', credentialsMessage(problem, context.settings, rawMessage, profilesFound, name));
    classified.credentials = { problem, profile: context.settings.profile };
    return classified;
  }
  if (name === 'AccessDeniedException' || name === 'AccessDenied' || name === 'NotEligibleException') {
    return make('accessDenied', l10n.t(
      'Access denied: {0} may not call devicefarm:{1}{2}. Ask your AWS administrator for that permission, or choose another profile.',
      describeProfile(context.settings), context.operation, context.resource ? l10n.t(' on {0}', context.resource) : ''));
  }
  if (THROTTLING_ERRORS.has(name)) {
    return make('throttled', l10n.t(
      'Device Farm throttled {0} ({1}) after {2} attempts. Wait a minute, then retry.',
      context.operation, name, attempts ?? 1));
  }
  if (name === 'SyntaxError' || (httpStatus !== undefined && /deserializ|unexpected token|not valid json|JSON/i.test(rawMessage))) {
    const body = firstBytes(responseText(sdkError));
    return make('unexpectedResponse', l10n.t(
      'Device Farm answered {0} with HTTP {1} and a body that is not JSON{2}. A proxy or firewall may have answered instead of Device Farm; check the proxy settings and {3}.',
      context.operation, httpStatus ?? '?', body ? l10n.t(' ("{0}")', body) : '', endpoint));
  }
  if (NETWORK_CODES.has(sdkError.code ?? '') || NETWORK_CODES.has(name) || name === 'TimeoutError' || name === 'RequestTimeout') {
    const proxy = context.settings.proxy;
    // The SDK names a dropped socket TimeoutError too, with code ECONNRESET; only ETIMEDOUT is a timeout.
    if (sdkError.code === 'ETIMEDOUT' || (name === 'TimeoutError' && sdkError.code === undefined)) {
      return make('network', l10n.t(
        'Device Farm at {0} did not reply to {1} in time{2} (timed out after {3} attempts). Check the network connection and the proxy, then retry.',
        endpoint, context.operation, proxy ? l10n.t(' through proxy {0}', redactUrl(proxy)) : '', attempts ?? 1));
    }
    return make('network', l10n.t(
      'Could not reach Device Farm at {0} ({1}){2}. Check the network connection, the proxy and the "deviceFarm.endpoint" setting.',
      endpoint, sdkError.code ?? name, proxy ? l10n.t(' through proxy {0}', redactUrl(proxy)) : ''));
  }
  if (name === 'NotFoundException') {
    return make('notFound', l10n.t(
      '{0} was not found by {1}. It may have been deleted; refresh the view.',
      context.resource ?? l10n.t('The resource'), context.operation));
  }
  if (name === 'ArgumentException' || name === 'ValidationException' || name === 'InvalidOperationException') {
    return make('invalidArgument', l10n.t(
      'Device Farm rejected the arguments of {0}: {1}', context.operation, ensureSentence(rawMessage)));
  }
  return make('service', l10n.t(
    'Device Farm failed {0}: {1}: {2} Retry in a moment; if it persists, check the AWS Health Dashboard.',
    context.operation, name || 'Error', ensureSentence(rawMessage)));
}

function ensureSentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** Drops the user and password from a URL, such as a proxy URL. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}
