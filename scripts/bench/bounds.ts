// Page arithmetic for a refresh: how many pages each list has, how many
// requests a refresh needs, and how long it must take when every request
// costs one emulator latency.
import type { ProjectShape } from './emulatorProcess';

/** Returns the number of ListRemoteAccessSessions pages the emulator serves for a project. */
export function sessionPagesOf(project: ProjectShape, pageSize: number): number {
  return Math.max(1, Math.ceil(project.sessionCount / pageSize)) + (project.emptyFirstPage ? 1 : 0);
}

export function projectListPages(projects: ProjectShape[], pageSize: number): number {
  return Math.max(1, Math.ceil(projects.length / pageSize));
}

/** Returns the requests a refresh of every project needs: each page of each list once. */
export function pagesNeeded(projects: ProjectShape[], pageSize: number): number {
  return projectListPages(projects, pageSize) + projects.reduce((sum, project) => sum + sessionPagesOf(project, pageSize), 0);
}

/**
 * Returns the critical path in pages: the project-list pages, then the longest
 * per-project chain of session pages, as when every project is read at the
 * same time. A refresh cannot beat this many latencies, because each page
 * needs the token of the page before it and `ExplorerModel.refresh()` starts
 * the session lists after the project list is complete.
 */
export function criticalPathPages(projects: ProjectShape[], pageSize: number): number {
  const longestChain = Math.max(0, ...projects.map(project => sessionPagesOf(project, pageSize)));
  return projectListPages(projects, pageSize) + longestChain;
}

/**
 * Returns the lower bound in latencies when at most `maxConcurrentRequests`
 * page requests are in flight, as the model's request limiter allows. It is
 * the project-list pages plus the larger of two figures: the longest chain of
 * session pages, and all session pages divided among the request slots. With a
 * limit at or above the number of projects it equals the critical path,
 * because the longest chain is at least the average chain.
 */
export function requestLimitedPages(projects: ProjectShape[], pageSize: number, maxConcurrentRequests: number): number {
  const chains = projects.map(project => sessionPagesOf(project, pageSize));
  const sessionPages = chains.reduce((sum, pages) => sum + pages, 0);
  const slotRounds = Math.ceil(sessionPages / Math.max(1, maxConcurrentRequests));
  return projectListPages(projects, pageSize) + Math.max(0, ...chains, slotRounds);
}

/** Returns the `operation page` keys a refresh should request, with how often each occurs. */
export function expectedRequestCounts(projects: ProjectShape[], pageSize: number): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (key: string): void => {
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (let page = 1; page <= projectListPages(projects, pageSize); page++) {
    add(`ListProjects ${page}`);
  }
  for (const project of projects) {
    for (let page = 1; page <= sessionPagesOf(project, pageSize); page++) {
      add(`ListRemoteAccessSessions ${page}`);
    }
  }
  return counts;
}
