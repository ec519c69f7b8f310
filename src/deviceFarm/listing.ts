// Reads projects and remote access sessions, page by page, through nextToken.
import type { Project, RemoteAccessSession } from '@aws-sdk/client-device-farm';
import * as l10n from '@vscode/l10n';
import type { DeviceFarmConnection } from './client';
import { classifyError, DeviceFarmError } from './errors';

/**
 * Pages read from one list before paging stops with a 'pageLimit' error. Far
 * above any real account; it stops a server that sends new tokens forever.
 */
export const MAX_PAGES = 5_000;

export interface Page<T> {
  items: T[];
  /** 1-based position of the page in the list. */
  pageNumber: number;
  /** The token this page was requested with; undefined for the first page. */
  requestToken: string | undefined;
  /** True when no page follows. */
  isLast: boolean;
}

export interface ListOptions {
  signal?: AbortSignal;
  /** Start at this `nextToken` instead of the first page, as a retry does. */
  startToken?: string;
  /** The page number of `startToken`, so log lines and errors count on from there. */
  startPageNumber?: number;
}

function repeatedTokenError(operation: string, listName: string, pageNumber: number, itemCount: number, nextToken: string): DeviceFarmError {
  const error = new DeviceFarmError('repeatedToken', l10n.t(
    'Device Farm sent a page token it had already sent while listing {0} (page {1}), so listing stopped after {2} items. Refresh to try again; if it persists, the list cannot be read completely.',
    listName, pageNumber, itemCount), operation);
  error.resumeToken = nextToken;
  error.resumePageNumber = pageNumber + 1;
  return error;
}

function pageLimitError(operation: string, listName: string, itemCount: number): DeviceFarmError {
  return new DeviceFarmError('pageLimit', l10n.t(
    'Listing {0} stopped after {1} pages ({2} items) because Device Farm kept sending page tokens. Refresh to try again; if it persists, the list cannot be read completely.',
    listName, MAX_PAGES, itemCount), operation);
}

function throwIfAborted(signal: AbortSignal | undefined, operation: string): void {
  if (signal?.aborted) {
    throw new DeviceFarmError('cancelled', l10n.t('{0} was cancelled.', operation), operation);
  }
}

/**
 * Lists every project through the SDK's paginator. A token seen before ends
 * the list with a `repeatedToken` error instead of a silent stop.
 */
export async function* listProjects(connection: DeviceFarmConnection, options: ListOptions = {}): AsyncGenerator<Page<Project>> {
  const operation = 'ListProjects';
  const context = { operation, settings: connection.settings };
  const seenTokens = new Set<string>();
  let pageNumber = options.startPageNumber ?? 1;
  let requestToken = options.startToken;
  let itemCount = 0;
  let started = performance.now();

  try {
    const { paginateListProjects } = await import('@aws-sdk/client-device-farm');
    // The paginator writes each token into its input object, so a fresh one per run.
    const pages = paginateListProjects(
      { client: await connection.client(), stopOnSameToken: true, startingToken: options.startToken },
      {},
      { abortSignal: options.signal },
    );
    for await (const output of pages) {
      const items = output.projects ?? [];
      const nextToken = output.nextToken || undefined;
      itemCount += items.length;
      connection.logger.info(`${operation} page ${pageNumber}: ${items.length} projects, request ${output.$metadata.requestId ?? '-'}, ${Math.round(performance.now() - started)} ms`);

      yield { items, pageNumber, requestToken, isLast: nextToken === undefined };

      if (nextToken === undefined) {
        return;
      }
      if (seenTokens.has(nextToken) || nextToken === requestToken) {
        throw repeatedTokenError(operation, l10n.t('projects'), pageNumber, itemCount, nextToken);
      }
      if (seenTokens.size + 1 >= MAX_PAGES) {
        throw pageLimitError(operation, l10n.t('projects'), itemCount);
      }
      seenTokens.add(nextToken);
      requestToken = nextToken;
      pageNumber += 1;
      started = performance.now();
      throwIfAborted(options.signal, operation);
    }
  } catch (error) {
    const classified = classifyError(error, context);
    if (classified.resumePageNumber === undefined) {
      classified.resumeToken = requestToken;
      classified.resumePageNumber = pageNumber;
    }
    connection.logger.warn(`${operation} page ${pageNumber} failed: ${classified.kind}, request ${classified.requestId ?? '-'}`);
    throw classified;
  }
}

/**
 * Lists the remote access sessions of a project, one page at a time. The SDK
 * has no paginator for this operation, so this is the nextToken loop: it goes
 * on through empty pages that carry a token and stops with a `repeatedToken`
 * error on any token it has already seen. A failed page's error carries the
 * token to resume from.
 */
export async function* listRemoteAccessSessions(
  connection: DeviceFarmConnection,
  projectArn: string,
  options: ListOptions = {},
): AsyncGenerator<Page<RemoteAccessSession>> {
  const operation = 'ListRemoteAccessSessions';
  const { ListRemoteAccessSessionsCommand } = await import('@aws-sdk/client-device-farm');
  const seenTokens = new Set<string>();
  let requestToken = options.startToken;
  let pageNumber = options.startPageNumber ?? 1;
  let itemCount = 0;

  for (;;) {
    throwIfAborted(options.signal, operation);
    const started = performance.now();
    let output;
    try {
      const client = await connection.client();
      output = await client.send(
        new ListRemoteAccessSessionsCommand({ arn: projectArn, nextToken: requestToken }),
        { abortSignal: options.signal },
      );
    } catch (error) {
      const classified = classifyError(error, { operation, resource: projectArn, settings: connection.settings });
      classified.resumeToken = requestToken;
      classified.resumePageNumber = pageNumber;
      connection.logger.warn(`${operation} page ${pageNumber} of ${projectArn} failed after ${Math.round(performance.now() - started)} ms: ${classified.kind}, request ${classified.requestId ?? '-'}`);
      throw classified;
    }

    const items = output.remoteAccessSessions ?? [];
    const nextToken = output.nextToken || undefined;
    itemCount += items.length;
    connection.logger.info(`${operation} page ${pageNumber} of ${projectArn}: ${items.length} sessions, request ${output.$metadata.requestId ?? '-'}, ${Math.round(performance.now() - started)} ms`);

    yield { items, pageNumber, requestToken, isLast: nextToken === undefined };

    if (nextToken === undefined) {
      return;
    }
    if (seenTokens.has(nextToken) || nextToken === requestToken) {
      throw repeatedTokenError(operation, projectArn, pageNumber, itemCount, nextToken);
    }
    if (seenTokens.size + 1 >= MAX_PAGES) {
      throw pageLimitError(operation, projectArn, itemCount);
    }
    seenTokens.add(nextToken);
    requestToken = nextToken;
    pageNumber += 1;
  }
}

/** Reads one remote access session with every field the service returns. */
export async function getRemoteAccessSession(
  connection: DeviceFarmConnection,
  arn: string,
  signal?: AbortSignal,
): Promise<RemoteAccessSession> {
  const operation = 'GetRemoteAccessSession';
  const started = performance.now();
  try {
    const { GetRemoteAccessSessionCommand } = await import('@aws-sdk/client-device-farm');
    const client = await connection.client();
    const output = await client.send(new GetRemoteAccessSessionCommand({ arn }), { abortSignal: signal });
    connection.logger.info(`${operation} ${arn}: request ${output.$metadata.requestId ?? '-'}, ${Math.round(performance.now() - started)} ms`);
    if (!output.remoteAccessSession) {
      throw new DeviceFarmError('unexpectedResponse', l10n.t('Device Farm returned no session from {0} for {1}. Refresh, then try again.', operation, arn), operation);
    }
    return output.remoteAccessSession;
  } catch (error) {
    const classified = classifyError(error, { operation, resource: arn, settings: connection.settings });
    connection.logger.warn(`${operation} ${arn} failed: ${classified.kind}, request ${classified.requestId ?? '-'}`);
    throw classified;
  }
}
