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
 * Returns the sequential bound in pages, the refresh target's reference: the
 * project-list pages, then the longest per-project chain of session pages, as
 * when every project is read at the same time once the project list is
 * complete. Each page needs the token of the page before it.
 * `ExplorerModel.refresh()` starts the session lists of projects loaded before
 * together with the project list, so a refresh can beat this bound by up to
 * the project-list pages.
 */
export function sequentialBoundPages(projects: ProjectShape[], pageSize: number): number {
  return projectListPages(projects, pageSize) + longestChain(projects, pageSize);
}

/**
 * Returns the lower bound in latencies when every list starts at once and at
 * most `maxConcurrentRequests` page requests are in flight. It is the longest
 * chain of pages (the project list's or a project's sessions'), or every page
 * divided among the request slots, whichever is larger. In the benchmark's
 * data, 20 projects of 5 session pages and one with an extra empty page, at a
 * limit of 20, both give 6.
 */
export function requestLimitedPages(projects: ProjectShape[], pageSize: number, maxConcurrentRequests: number): number {
  const slotRounds = Math.ceil(pagesNeeded(projects, pageSize) / Math.max(1, maxConcurrentRequests));
  return Math.max(projectListPages(projects, pageSize), longestChain(projects, pageSize), slotRounds);
}

function longestChain(projects: ProjectShape[], pageSize: number): number {
  return Math.max(0, ...projects.map(project => sessionPagesOf(project, pageSize)));
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
