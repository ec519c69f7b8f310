// The loaded data behind the tree: the project list and, for each project the
// user expanded, its remote access sessions. It does not import VS Code, so
// the tree, the commands and the benchmark all drive the same code.
import { setMaxListeners } from 'node:events';
import type { Project, RemoteAccessSession } from '@aws-sdk/client-device-farm';
import type { DeviceFarmConnection } from '../deviceFarm/client';
import { classifyError, type DeviceFarmError } from '../deviceFarm/errors';
import { listProjects, listRemoteAccessSessions, type ListOptions, type Page } from '../deviceFarm/listing';

export type ListStatus = 'idle' | 'loading' | 'complete' | 'failed';

/** One list as the tree shows it. */
export interface PagedList<T> {
  readonly items: readonly T[];
  readonly status: ListStatus;
  /** Set when status is 'failed'. */
  readonly error: DeviceFarmError | undefined;
  /** True while a refresh re-reads a list whose previous items are still shown. */
  readonly refreshing: boolean;
}

class ListState<T extends { arn?: string }> implements PagedList<T> {
  private stored: T[] = [];
  /** During a refresh: the items read again so far, and the old ones shown until the list completes. */
  private refreshed: { fresh: T[]; freshPositions: Map<string, number>; previous: T[] } | undefined;
  private refreshedChanged = false;
  status: ListStatus = 'idle';
  error: DeviceFarmError | undefined;
  refreshing = false;
  /** The resume point of a retry: the failed page's token and number. */
  resumeToken: string | undefined;
  resumePageNumber = 1;
  inFlight: Promise<void> | undefined;

  /**
   * Returns the items to show. During a refresh they are the items read again
   * so far followed by the old items not read again yet, merged only when
   * someone reads them, because rebuilding on every page costs rows × pages.
   */
  get items(): T[] {
    if (this.refreshed && this.refreshedChanged) {
      const { fresh, freshPositions, previous } = this.refreshed;
      this.stored = [...fresh, ...previous.filter(item => item.arn !== undefined && !freshPositions.has(item.arn))];
      this.refreshedChanged = false;
    }
    return this.stored;
  }

  set items(items: T[]) {
    this.stored = items;
    this.refreshed = undefined;
    this.refreshedChanged = false;
  }

  /** Records a refresh's progress; `items` merges it on the next read. */
  showRefreshProgress(fresh: T[], freshPositions: Map<string, number>, previous: T[]): void {
    this.refreshed = { fresh, freshPositions, previous };
    this.refreshedChanged = true;
  }
}

/** A change: a project's sessions, or (projectArn undefined) the project list and everything under it. */
export interface ModelChange {
  projectArn?: string;
}

export interface ExplorerModelOptions {
  /** How many page requests may be in flight at once, across every list; read before each request. Defaults to 20. */
  maxConcurrentRequests?: () => number;
}

/** Caps how many page requests run at once; the rest wait in order. */
class RequestLimiter {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: () => number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    while (this.active >= Math.max(1, this.limit())) {
      await new Promise<void>(resolve => this.waiting.push(resolve));
    }
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

type PageSource<T> = (options: ListOptions) => AsyncIterable<Page<T>>;

/**
 * Appends items to a list, replacing in place any item whose ARN is already
 * there. A session created while a list is read can come back on two pages,
 * and a tree cannot show one id twice. `positions` maps each ARN in `target`
 * to its index and is kept up to date.
 */
function mergeByArn<T extends { arn?: string }>(target: T[], positions: Map<string, number>, items: readonly T[]): void {
  for (const item of items) {
    const index = item.arn === undefined ? undefined : positions.get(item.arn);
    if (index !== undefined) {
      target[index] = item;
      continue;
    }
    if (item.arn !== undefined) {
      positions.set(item.arn, target.length);
    }
    target.push(item);
  }
}

export class ExplorerModel {
  private projectList = new ListState<Project>();
  private sessionLists = new Map<string, ListState<RemoteAccessSession>>();
  private listeners = new Set<(change: ModelChange) => void>();
  private generation = 0;
  private controller = new AbortController();
  private readonly limiter: RequestLimiter;

  constructor(private connect: () => DeviceFarmConnection, options: ExplorerModelOptions = {}) {
    this.limiter = new RequestLimiter(options.maxConcurrentRequests ?? (() => 20));
    this.allowManyAbortListeners();
  }

  get projects(): PagedList<Project> {
    return this.projectList;
  }

  sessionsOf(projectArn: string): PagedList<RemoteAccessSession> | undefined {
    return this.sessionLists.get(projectArn);
  }

  onDidChange(listener: (change: ModelChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Returns every session loaded so far, with its project, in project order. */
  loadedSessions(): Array<{ project: Project; session: RemoteAccessSession }> {
    const result: Array<{ project: Project; session: RemoteAccessSession }> = [];
    for (const project of this.projectList.items) {
      for (const session of this.sessionLists.get(project.arn ?? '')?.items ?? []) {
        result.push({ project, session });
      }
    }
    return result;
  }

  findSession(arn: string): { project: Project; session: RemoteAccessSession } | undefined {
    return this.loadedSessions().find(entry => entry.session.arn === arn);
  }

  /** Starts reading the project list unless it is loaded or loading. */
  loadProjects(): Promise<void> {
    return this.ensureLoaded(this.projectList, undefined, options => listProjects(this.connect(), options));
  }

  /** Starts reading a project's sessions unless they are loaded or loading. */
  loadSessions(projectArn: string): Promise<void> {
    const list = this.sessionListFor(projectArn);
    // While the project list is read, a failure may come from a project it is about to drop.
    const projectsRead = this.projectList.status === 'loading' ? this.projectList.inFlight : undefined;
    return this.ensureLoaded(list, projectArn, options => listRemoteAccessSessions(this.connect(), projectArn, options), projectsRead);
  }

  /** Resumes a failed list from the page that failed; projectArn undefined means the project list. */
  retry(projectArn?: string): Promise<void> {
    const list = projectArn === undefined ? this.projectList : this.sessionListFor(projectArn);
    if (list.status !== 'failed') {
      return list.inFlight ?? Promise.resolve();
    }
    const source: PageSource<Project | RemoteAccessSession> = projectArn === undefined
      ? options => listProjects(this.connect(), options)
      : options => listRemoteAccessSessions(this.connect(), projectArn, options);
    list.inFlight = this.read(list as ListState<Project | RemoteAccessSession>, projectArn, source, {
      startToken: list.resumeToken,
      startPageNumber: list.resumePageNumber,
      replace: false,
    });
    return list.inFlight;
  }

  /**
   * Re-reads the project list and the sessions of every loaded project, all
   * lists at once (the request limit applies), each through its last page.
   * The session lists do not wait for the project list, so a refresh takes as
   * long as the longer of the two, not their sum. Once the project list is read
   * to its last page, the lists of projects it no longer contains are dropped.
   * Starting a refresh cancels the one before it, and every load still
   * running, so two never interleave.
   */
  refresh(): Promise<void> {
    this.cancelAll();
    const hadProjects = this.projectList.status !== 'idle';
    this.projectList.refreshing = hadProjects;
    const projectsRead = this.read(this.projectList, undefined, options => listProjects(this.connect(), options), { replace: hadProjects });
    this.projectList.inFlight = projectsRead;

    const sessionsRead: Array<Promise<void>> = [];
    for (const [arn, list] of this.sessionLists) {
      if (list.status === 'idle') {
        continue;
      }
      list.refreshing = true;
      list.inFlight = this.read(list, arn, options => listRemoteAccessSessions(this.connect(), arn, options), { replace: true, projectsRead });
      sessionsRead.push(list.inFlight);
    }

    return Promise.all([projectsRead, ...sessionsRead]).then(() => undefined);
  }

  /** Drops everything loaded (as after a profile or endpoint change) and cancels every request. */
  reset(connect?: () => DeviceFarmConnection): void {
    this.cancelAll();
    if (connect) {
      this.connect = connect;
    }
    this.projectList = new ListState<Project>();
    this.sessionLists.clear();
    this.emit({});
  }

  /** Cancels every request; lists keep what they had read. */
  dispose(): void {
    this.cancelAll();
    this.listeners.clear();
  }

  private cancelAll(): void {
    this.generation += 1;
    this.controller.abort();
    this.controller = new AbortController();
    this.allowManyAbortListeners();
  }

  /** Lifts Node's cap of 10 listeners on the signal, because every request of a generation listens to it. */
  private allowManyAbortListeners(): void {
    setMaxListeners(0, this.controller.signal);
  }

  /**
   * Drops the session lists of projects that the complete project list no
   * longer contains. A project list that failed part way does not show which
   * projects are gone, so until it completes every session list stays, and a
   * retry that reads the missing pages shows their rows again.
   */
  private dropSessionListsOfGoneProjects(): void {
    const known = new Set(this.projectList.items.map(project => project.arn ?? ''));
    for (const arn of [...this.sessionLists.keys()]) {
      if (!known.has(arn)) {
        this.sessionLists.delete(arn);
      }
    }
  }

  private sessionListFor(projectArn: string): ListState<RemoteAccessSession> {
    let list = this.sessionLists.get(projectArn);
    if (!list) {
      list = new ListState<RemoteAccessSession>();
      this.sessionLists.set(projectArn, list);
    }
    return list;
  }

  private ensureLoaded<T extends { arn?: string }>(list: ListState<T>, projectArn: string | undefined, source: PageSource<T>, projectsRead?: Promise<void>): Promise<void> {
    if (list.status === 'idle') {
      list.inFlight = this.read(list, projectArn, source, { replace: false, projectsRead });
    }
    return list.inFlight ?? Promise.resolve();
  }

  /**
   * Reads a list page by page. A first load or a retry appends items as pages
   * arrive. A refresh (`replace`) shows each new page at once, in place of the
   * old items with the same ARN, keeps the old items not read again yet, and
   * drops those when the last page is read or a page fails. A session list
   * read while the project list loads waits for it (`projectsRead`) before it
   * shows a failure, because the failure may come from a deleted project that
   * the project list is about to drop.
   */
  private async read<T extends { arn?: string }>(
    list: ListState<T>,
    projectArn: string | undefined,
    source: PageSource<T>,
    options: { replace: boolean; startToken?: string; startPageNumber?: number; projectsRead?: Promise<void> },
  ): Promise<void> {
    const generation = this.generation;
    const signal = this.controller.signal;
    // A list is current while no reset or refresh has started since and, for a
    // session list, while the model still contains it.
    const isCurrent = (): boolean => generation === this.generation && (projectArn === undefined || this.sessionLists.get(projectArn) === list);
    const fresh: T[] = [];
    const freshPositions = new Map<string, number>();
    const previous = list.items;
    // Only appending merges into the current items, so a refresh skips indexing them.
    const positions = options.replace
      ? new Map<string, number>()
      : new Map(previous.flatMap((item, index) => (item.arn === undefined ? [] : [[item.arn, index] as const])));

    // A first load starts from getChildren, which already shows a Loading row, so it
    // announces nothing until its first page: a change event during getChildren makes
    // VS Code fetch the same children twice at once.
    const wasIdle = list.status === 'idle';
    list.status = 'loading';
    list.error = undefined;
    if (!wasIdle) {
      this.emit({ projectArn });
    }

    try {
      // Inside the try: building the source connects, which throws for an unusable endpoint.
      const pages = source({ signal, startToken: options.startToken, startPageNumber: options.startPageNumber })[Symbol.asyncIterator]();
      for (;;) {
        // Each next() sends one page request, so the limiter counts requests, not lists.
        const next = await this.limiter.run(() => pages.next());
        if (next.done) {
          break;
        }
        const page = next.value;
        if (!isCurrent()) {
          await pages.return?.(undefined);
          return;
        }
        if (options.replace) {
          mergeByArn(fresh, freshPositions, page.items);
          list.showRefreshProgress(fresh, freshPositions, previous);
        } else {
          mergeByArn(list.items, positions, page.items);
        }
        if (page.isLast) {
          // Closes the source without one more next(), which would wait for a request slot to learn nothing new.
          await pages.return?.(undefined);
          break;
        }
        this.emit({ projectArn });
      }
      if (!isCurrent()) {
        return;
      }
      if (options.replace) {
        list.items = fresh;
      }
      list.status = 'complete';
      if (projectArn === undefined) {
        this.dropSessionListsOfGoneProjects();
      }
    } catch (error) {
      if (!isCurrent()) {
        return;
      }
      const classified = classifyError(error, { operation: projectArn ? 'ListRemoteAccessSessions' : 'ListProjects', resource: projectArn, settings: {} });
      if (options.projectsRead) {
        await options.projectsRead;
        if (!isCurrent()) {
          return;
        }
      }
      if (options.replace) {
        list.items = fresh;
      }
      list.status = 'failed';
      list.error = classified;
      list.resumeToken = classified.resumeToken;
      list.resumePageNumber = classified.resumePageNumber ?? 1;
    } finally {
      if (isCurrent()) {
        list.refreshing = false;
        list.inFlight = undefined;
        this.emit({ projectArn });
      }
    }
  }

  private emit(change: ModelChange): void {
    for (const listener of this.listeners) {
      listener(change);
    }
  }
}
