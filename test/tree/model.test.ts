import * as assert from 'node:assert/strict';
import { ExplorerModel } from '../../src/tree/model';
import { DeviceFarmEmulator, startEmulator } from '../emulator/server';
import { connectTo } from '../support/connection';

/** Resolves once the model reports a change that makes `condition` true. */
function until(model: ExplorerModel, condition: () => boolean): Promise<void> {
  return new Promise(resolve => {
    if (condition()) {
      resolve();
      return;
    }
    const subscription = model.onDidChange(() => {
      if (condition()) {
        subscription.dispose();
        resolve();
      }
    });
  });
}

describe('ExplorerModel against the emulator', () => {
  let emulator: DeviceFarmEmulator;
  let model: ExplorerModel;
  let unhandled: unknown[];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  beforeEach(async () => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
    emulator = await startEmulator({ projects: 3, sessionsPerProject: 14, pageSize: 4 });
    const connection = connectTo(emulator.url);
    model = new ExplorerModel(() => connection);
  });

  afterEach(async () => {
    model.dispose();
    await emulator.close();
    process.off('unhandledRejection', onUnhandled);
    assert.deepEqual(unhandled, [], 'no unhandled promise rejections');
  });

  it('loads projects, then a project\'s sessions page by page', async () => {
    const projectArn = String(emulator.projects[0].record.arn);
    await model.loadProjects();
    const counts: number[] = [];
    model.onDidChange(change => {
      if (change.projectArn === projectArn) {
        counts.push(model.sessionsOf(projectArn)?.items.length ?? 0);
      }
    });

    await model.loadSessions(projectArn);

    assert.equal(model.projects.items.length, 3);
    assert.equal(model.sessionsOf(projectArn)?.status, 'complete');
    assert.equal(model.sessionsOf(projectArn)?.items.length, 14);
    assert.deepEqual(counts.filter((count, index) => counts.indexOf(count) === index), [4, 8, 12, 14]);
  });

  it('reads a list once however often it is asked', async () => {
    const projectArn = String(emulator.projects[0].record.arn);

    await Promise.all([model.loadSessions(projectArn), model.loadSessions(projectArn), model.loadSessions(projectArn)]);

    assert.equal(emulator.requestCount('ListRemoteAccessSessions'), 4);
  });

  it('caps page requests in flight across lists', async () => {
    const limited = new ExplorerModel(() => connectTo(emulator.url), { maxConcurrentRequests: () => 2 });
    emulator.latencyMs = 20;
    try {
      await limited.loadProjects();
      await Promise.all(emulator.projects.map(project => limited.loadSessions(String(project.record.arn))));
      emulator.maxInFlight = 0;

      await limited.refresh();

      assert.equal(emulator.maxInFlight, 2);
      assert.ok(emulator.projects.every(project => limited.sessionsOf(String(project.record.arn))?.items.length === 14));
    } finally {
      limited.dispose();
    }
  });

  it('refresh reads every list at once', async () => {
    emulator.latencyMs = 20;
    await model.loadProjects();
    await Promise.all(emulator.projects.map(project => model.loadSessions(String(project.record.arn))));
    emulator.maxInFlight = 0;

    await model.refresh();

    assert.equal(emulator.maxInFlight, 4, 'the project list and one request per project in flight');
  });

  it('refresh shows sessions before the project list', async () => {
    const projectArn = String(emulator.projects[0].record.arn);
    await model.loadProjects();
    await model.loadSessions(projectArn);
    const changed = emulator.projects[0].sessions[0];
    changed.status = 'STOPPING';
    emulator.addFault({ operation: 'ListProjects', kind: 'slow', delayMs: 500, times: 1 });

    const refreshing = model.refresh();
    await until(model, () => model.sessionsOf(projectArn)?.status === 'complete');

    assert.equal(model.projects.status, 'loading');
    assert.equal(model.sessionsOf(projectArn)?.items.find(session => session.arn === changed.arn)?.status, 'STOPPING');
    await refreshing;
    assert.equal(model.projects.status, 'complete');
    assert.equal(model.sessionsOf(projectArn)?.items.length, 14);
  });

  it('refresh drops deleted projects quietly', async () => {
    const remaining = String(emulator.projects[0].record.arn);
    const deleted = String(emulator.projects[1].record.arn);
    await model.loadProjects();
    await Promise.all([model.loadSessions(remaining), model.loadSessions(deleted)]);
    emulator.projects.splice(1, 1);
    emulator.addFault({ operation: 'ListProjects', kind: 'slow', delayMs: 200, times: 1 });
    const statuses: string[] = [];
    model.onDidChange(() => statuses.push(model.sessionsOf(deleted)?.status ?? 'dropped'));

    await model.refresh();

    assert.deepEqual(model.projects.items.map(project => project.arn), emulator.projects.map(project => project.record.arn));
    assert.equal(model.sessionsOf(deleted), undefined);
    assert.ok(!statuses.includes('failed'), `the deleted project's list never showed an error, saw ${statuses.join(', ')}`);
    assert.equal(model.sessionsOf(remaining)?.status, 'complete');
  });

  it('keeps the pages read before a failure and resumes from the failed page', async () => {
    const projectArn = String(emulator.projects[0].record.arn);
    emulator.addFault({ operation: 'ListRemoteAccessSessions', page: 3, kind: 'ThrottlingException', times: 3 });

    await model.loadSessions(projectArn);

    const failed = model.sessionsOf(projectArn);
    assert.equal(failed?.status, 'failed');
    assert.equal(failed?.error?.kind, 'throttled');
    assert.equal(failed?.items.length, 8);

    await model.retry(projectArn);

    assert.equal(model.sessionsOf(projectArn)?.status, 'complete');
    assert.deepEqual(model.sessionsOf(projectArn)?.items.map(session => session.arn), emulator.projects[0].sessions.map(session => session.arn));
    assert.equal(emulator.requestCount('ListRemoteAccessSessions'), 2 + 3 + 2);
  });

  it('refresh re-reads every loaded project and shows changed data', async () => {
    const projectArn = String(emulator.projects[0].record.arn);
    await model.loadProjects();
    await model.loadSessions(projectArn);
    const sessions = emulator.projects[0].sessions;
    sessions[0].status = 'STOPPING';
    const removed = sessions.splice(1, 1)[0];

    await model.refresh();

    const items = model.sessionsOf(projectArn)?.items ?? [];
    assert.equal(items.length, 13);
    assert.equal(items.find(session => session.arn === sessions[0].arn)?.status, 'STOPPING');
    assert.ok(!items.some(session => session.arn === removed.arn));
    assert.equal(model.sessionsOf(String(emulator.projects[1].record.arn)), undefined, 'a project never expanded is not read');
  });

  it('keeps the old rows on screen while a refresh reads', async () => {
    const projectArn = String(emulator.projects[0].record.arn);
    await model.loadProjects();
    await model.loadSessions(projectArn);
    const seen: number[] = [];
    model.onDidChange(change => {
      if (change.projectArn === projectArn) {
        seen.push(model.sessionsOf(projectArn)?.items.length ?? -1);
      }
    });

    await model.refresh();

    assert.ok(seen.length > 0);
    assert.ok(seen.every(count => count === 14), `rows stayed at 14 during the refresh, saw ${seen.join(', ')}`);
  });

  it('shows a refreshed first page while later pages load', async () => {
    const projectArn = String(emulator.projects[0].record.arn);
    await model.loadProjects();
    await model.loadSessions(projectArn);
    const changed = emulator.projects[0].sessions[0];
    assert.notEqual(changed.status, 'STOPPING');
    changed.status = 'STOPPING';
    emulator.latencyMs = 30;

    const refreshing = model.refresh();
    await until(model, () => model.sessionsOf(projectArn)?.items.find(session => session.arn === changed.arn)?.status === 'STOPPING');

    assert.equal(model.sessionsOf(projectArn)?.status, 'loading', 'later pages are still loading');
    assert.equal(model.sessionsOf(projectArn)?.items.length, 14, 'each session shows once');
    await refreshing;
  });

  it('a second refresh cancels the first, so the two never interleave', async () => {
    const projectArn = String(emulator.projects[0].record.arn);
    await model.loadProjects();
    await model.loadSessions(projectArn);
    emulator.latencyMs = 30;

    const first = model.refresh();
    await new Promise(resolve => setTimeout(resolve, 40));
    const second = model.refresh();
    await Promise.all([first, second]);

    assert.equal(model.projects.status, 'complete');
    assert.equal(model.sessionsOf(projectArn)?.status, 'complete');
    assert.equal(model.sessionsOf(projectArn)?.items.length, 14);
    assert.equal(new Set(model.sessionsOf(projectArn)?.items.map(session => session.arn)).size, 14, 'no session twice');
  });

  it('reset drops every list and reads again from the new connection', async () => {
    const projectArn = String(emulator.projects[0].record.arn);
    await model.loadProjects();
    await model.loadSessions(projectArn);
    const other = await startEmulator({ projects: 1, sessionsPerProject: 2, seed: 99 });
    try {
      const otherConnection = connectTo(other.url);

      model.reset(() => otherConnection);
      assert.equal(model.projects.items.length, 0);
      assert.equal(model.sessionsOf(projectArn), undefined);
      await model.loadProjects();

      assert.deepEqual(model.projects.items.map(project => project.arn), [other.projects[0].record.arn]);
    } finally {
      await other.close();
    }
  });

  it('a reset during a load leaves no row of the old account', async () => {
    const projectArn = String(emulator.projects[0].record.arn);
    emulator.latencyMs = 20;
    const loading = model.loadSessions(projectArn);
    await until(model, () => (model.sessionsOf(projectArn)?.items.length ?? 0) > 0);

    model.reset();
    await loading;

    assert.equal(model.sessionsOf(projectArn), undefined);
  });

  it('shows a session listed on two pages once', async () => {
    const project = emulator.projects[0];
    const projectArn = String(project.record.arn);
    project.sessions.splice(5, 0, { ...project.sessions[0], name: 'renamed while listing' });

    await model.loadSessions(projectArn);

    const items = model.sessionsOf(projectArn)?.items ?? [];
    assert.equal(items.length, 14);
    assert.equal(items.filter(session => session.arn === project.sessions[0].arn).length, 1);
    assert.equal(items.find(session => session.arn === project.sessions[0].arn)?.name, 'renamed while listing', 'the later copy wins');
  });

  it('finishes interrupted session lists when the refreshed project list fails', async () => {
    emulator.pageSize = 2;
    const projectArn = String(emulator.projects[0].record.arn);
    await model.loadProjects();
    emulator.latencyMs = 20;
    const firstLoad = model.loadSessions(projectArn);
    await until(model, () => (model.sessionsOf(projectArn)?.items.length ?? 0) > 0);
    emulator.addFault({ operation: 'ListProjects', page: 2, kind: 'AccessDeniedException' });

    await model.refresh();
    await firstLoad;

    assert.equal(model.projects.status, 'failed');
    assert.equal(model.sessionsOf(projectArn)?.status, 'complete', 'the interrupted list was read again');
    assert.equal(model.sessionsOf(projectArn)?.items.length, 14);
  });

  it('refresh keeps sessions after project failure', async () => {
    emulator.pageSize = 2;
    const projectArn = String(emulator.projects[2].record.arn);
    await model.loadProjects();
    await model.loadSessions(projectArn);
    emulator.addFault({ operation: 'ListProjects', page: 2, kind: 'AccessDeniedException', times: 1 });

    await model.refresh();

    assert.equal(model.projects.status, 'failed');
    assert.ok(!model.projects.items.some(project => project.arn === projectArn), 'the project on the failed page is not shown');
    const sessionRequests = emulator.requestCount('ListRemoteAccessSessions');
    await model.retry();

    assert.ok(model.projects.items.some(project => project.arn === projectArn), 'the retry shows the project again');
    assert.equal(model.sessionsOf(projectArn)?.status, 'complete');
    assert.equal(model.sessionsOf(projectArn)?.items.length, 14, 'with its refreshed sessions');
    assert.equal(emulator.requestCount('ListRemoteAccessSessions'), sessionRequests, 'without reading them again');
  });

  it('refresh hides deleted projects\' access errors', async () => {
    const deleted = String(emulator.projects[0].record.arn);
    const twoAtATime = new ExplorerModel(() => connectTo(emulator.url), { maxConcurrentRequests: () => 2 });
    try {
      await twoAtATime.loadProjects();
      await Promise.all(emulator.projects.map(project => twoAtATime.loadSessions(String(project.record.arn))));
      emulator.projects.splice(0, 1);
      // The slow project list takes one slot and the deleted project's first page the other.
      // So that page fails while the project list still shows the project.
      emulator.addFault({ operation: 'ListProjects', kind: 'slow', delayMs: 300, times: 1 });
      emulator.addFault({ operation: 'ListRemoteAccessSessions', page: 1, kind: 'AccessDeniedException', times: 1 });
      const statuses: string[] = [];
      twoAtATime.onDidChange(() => statuses.push(twoAtATime.sessionsOf(deleted)?.status ?? 'dropped'));

      await twoAtATime.refresh();

      assert.equal(twoAtATime.sessionsOf(deleted), undefined);
      assert.ok(!statuses.includes('failed'), `the deleted project's list never showed an error, saw ${statuses.join(', ')}`);
    } finally {
      twoAtATime.dispose();
    }
  });

  it('refresh ends lists without a slot', async () => {
    const oneAtATime = new ExplorerModel(() => connectTo(emulator.url), { maxConcurrentRequests: () => 1 });
    try {
      await oneAtATime.loadProjects();
      await Promise.all(emulator.projects.map(project => oneAtATime.loadSessions(String(project.record.arn))));
      const oldFirstRows = new Map(emulator.projects.map(project => [String(project.record.arn), oneAtATime.sessionsOf(String(project.record.arn))?.items[0]]));
      const projectStatusAtNewRows: string[] = [];
      oneAtATime.onDidChange(change => {
        // Refreshed rows are new objects, so a changed first row means a new session page.
        if (change.projectArn !== undefined && oneAtATime.sessionsOf(change.projectArn)?.items[0] !== oldFirstRows.get(change.projectArn)) {
          projectStatusAtNewRows.push(oneAtATime.projects.status);
        }
      });

      await oneAtATime.refresh();

      // The project list's one page takes the only slot first, and learning that no page follows needs no slot.
      assert.ok(projectStatusAtNewRows.length > 0);
      assert.ok(projectStatusAtNewRows.every(status => status === 'complete'), `the project list was complete before any new session page, saw ${projectStatusAtNewRows.join(', ')}`);
    } finally {
      oneAtATime.dispose();
    }
  });

  it('retry drops a project deleted meanwhile', async () => {
    emulator.pageSize = 1;
    const deleted = String(emulator.projects[2].record.arn);
    await model.loadProjects();
    await model.loadSessions(deleted);
    emulator.addFault({ operation: 'ListProjects', page: 2, kind: 'AccessDeniedException', times: 1 });
    await model.refresh();
    assert.ok(model.sessionsOf(deleted), 'a project list that failed part way drops no session list');
    emulator.projects.splice(2, 1);

    await model.retry();

    assert.equal(model.projects.status, 'complete');
    assert.equal(model.sessionsOf(deleted), undefined);
  });

  it('loadSessions during refresh hides deletion errors', async () => {
    const deleted = String(emulator.projects[1].record.arn);
    await model.loadProjects();
    emulator.projects.splice(1, 1);
    emulator.addFault({ operation: 'ListProjects', kind: 'slow', delayMs: 300, times: 1 });
    const statuses: string[] = [];
    model.onDidChange(() => statuses.push(model.sessionsOf(deleted)?.status ?? 'dropped'));

    const refreshing = model.refresh();
    await model.loadSessions(deleted);
    await refreshing;

    assert.equal(model.sessionsOf(deleted), undefined);
    assert.ok(!statuses.includes('failed'), `the deleted project's list never showed an error, saw ${statuses.join(', ')}`);
  });

  it('loadProjects waits for a running refresh', async () => {
    await model.loadProjects();
    emulator.addFault({ operation: 'ListProjects', kind: 'slow', delayMs: 300, times: 1 });

    const refreshing = model.refresh();
    await model.loadProjects();

    assert.equal(model.projects.status, 'complete');
    await refreshing;
  });

  it('stops a repeating token with a failed list that keeps its rows', async () => {
    const projectArn = String(emulator.projects[0].record.arn);
    emulator.addFault({ operation: 'ListRemoteAccessSessions', page: 2, kind: 'repeatToken' });

    await model.loadSessions(projectArn);

    assert.equal(model.sessionsOf(projectArn)?.status, 'failed');
    assert.equal(model.sessionsOf(projectArn)?.error?.kind, 'repeatedToken');
    assert.equal(model.sessionsOf(projectArn)?.items.length, 8);
  });
});
