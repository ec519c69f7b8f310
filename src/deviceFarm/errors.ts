// One place that turns whatever the SDK, the credential providers or the
// network throw into a DeviceFarmError with a sentence a user can act on.
import * as l10n from '@vscode/l10n';
import type { ConnectionSettings } from './client';
import { DEFAULT_ENDPOINT } from './endpoint';

export type DeviceFarmErrorKind =
  | 'credentials'
  | 'accessDenied'
  | 'throttled'
  | 'network'
  | 'unexpectedResponse'
  | 'notFound'
  | 'invalidArgument'
  | 'repeatedToken'
  | 'cancelled'
  | 'service';

/** Where a failing request was going: the operation, the resource and the connection it used. */
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
  /** The `nextToken` of the page that failed (undefined for the first page), so a retry can resume there. */
  resumeToken: string | undefined;
  /** The 1-based number of the page that failed. */
  resumePageNumber: number | undefined;
}

const CREDENTIAL_ERRORS = new Set([
  'CredentialsProviderError', 'UnrecognizedClientException', 'ExpiredTokenException', 'ExpiredToken',
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
  if (CREDENTIAL_ERRORS.has(name) || /credential|sso session|aws sso login|token has expired/i.test(name === 'Error' ? rawMessage : '')) {
    return make('credentials', l10n.t(
      'No valid AWS credentials from {0}: {1} Choose a profile with "Device Farm: Select AWS Profile", or sign in with the AWS CLI ("aws configure" or "aws sso login").',
      describeProfile(context.settings), ensureSentence(rawMessage)));
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
    return make('unexpectedResponse', l10n.t(
      'Device Farm answered {0} with HTTP {1} and a body that is not JSON. A proxy or firewall may have answered instead of Device Farm; check the proxy settings and {2}.',
      context.operation, httpStatus ?? '?', endpoint));
  }
  if (NETWORK_CODES.has(sdkError.code ?? '') || NETWORK_CODES.has(name) || name === 'TimeoutError' || name === 'RequestTimeout') {
    const proxy = process.env.HTTPS_PROXY ?? process.env.https_proxy;
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
