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
 * Returns the critical path in pages: the project list, then the longest chain of
 * session pages, as when every project is read at the same time. A refresh
 * cannot beat this many latencies, because each page needs the token of the
 * page before it.
 */
export function criticalPathPages(projects: ProjectShape[], pageSize: number): number {
  const longestChain = Math.max(0, ...projects.map(project => sessionPagesOf(project, pageSize)));
  return projectListPages(projects, pageSize) + longestChain;
}

/**
 * Returns the critical path in pages when at most `concurrency` lists are read at
 * once and each reader takes the next project in order, as
 * `ExplorerModel.refresh()` does: list scheduling on `concurrency` workers.
 */
export function scheduledPages(projects: ProjectShape[], pageSize: number, concurrency: number): number {
  const workers = new Array<number>(Math.max(1, Math.min(concurrency, projects.length))).fill(0);
  for (const project of projects) {
    const earliest = workers.indexOf(Math.min(...workers));
    workers[earliest] += sessionPagesOf(project, pageSize);
  }
  return projectListPages(projects, pageSize) + Math.max(0, ...workers);
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

/**
 * Returns the critical path in pages when every project's list starts at once but at
 * most `limit` requests are in flight, granted first come, first served: each
 * round of one latency serves the `limit` lists that have waited longest.
 */
export function requestLimitedPages(projects: ProjectShape[], pageSize: number, limit: number): number {
  const remaining = projects.map(project => sessionPagesOf(project, pageSize));
  let waiting = remaining.map((_, index) => index).filter(index => remaining[index] > 0);
  let rounds = 0;
  while (waiting.length > 0) {
    const served = waiting.slice(0, Math.max(1, limit));
    for (const index of served) {
      remaining[index] -= 1;
    }
    waiting = [...waiting.slice(served.length), ...served.filter(index => remaining[index] > 0)];
    rounds += 1;
  }
  return projectListPages(projects, pageSize) + rounds;
}
