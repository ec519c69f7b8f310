import * as assert from 'node:assert/strict';
import { getRemoteAccessSession, listProjects, listRemoteAccessSessions } from '../../src/deviceFarm/listing';
import { DeviceFarmError } from '../../src/deviceFarm/errors';
import { DeviceFarmEmulator, startEmulator } from '../emulator/server';
import { collect, connectTo } from '../support/connection';

describe('listing against the emulator', () => {
  let emulator: DeviceFarmEmulator;

  beforeEach(async () => {
    emulator = await startEmulator({ projects: 5, sessionsPerProject: 23, pageSize: 4 });
  });

  afterEach(async () => {
    await emulator.close();
  });

  it('reads every project through every page', async () => {
    const connection = connectTo(emulator.url);

    const projects = await collect(listProjects(connection));

    assert.deepEqual(projects.map(project => project.arn), emulator.projects.map(project => project.record.arn));
    assert.equal(emulator.requestCount('ListProjects'), 2);
  });

  it('reads every session of a multi-page project', async () => {
    const connection = connectTo(emulator.url);
    const project = emulator.projects[0];

    const pageSizes: number[] = [];
    const sessions = [];
    for await (const page of listRemoteAccessSessions(connection, String(project.record.arn))) {
      pageSizes.push(page.items.length);
      sessions.push(...page.items);
    }

    assert.deepEqual(pageSizes, [4, 4, 4, 4, 4, 3]);
    assert.deepEqual(sessions.map(session => session.arn), project.sessions.map(session => session.arn));
  });

  it('pages on through an empty first page that carries a token', async () => {
    const connection = connectTo(emulator.url);
    const project = emulator.projects.find(candidate => candidate.emptyFirstPage);
    assert.ok(project, 'the sample data has a project whose first page is empty');

    const pages = [];
    for await (const page of listRemoteAccessSessions(connection, String(project.record.arn))) {
      pages.push(page);
    }

    assert.equal(pages[0].items.length, 0);
    assert.equal(pages[0].isLast, false);
    assert.equal(pages.flatMap(page => page.items).length, 23);
    assert.equal(pages.at(-1)?.isLast, true);
  });

  it('turns epoch-second timestamps into Dates', async () => {
    const connection = connectTo(emulator.url);
    const project = emulator.projects[0];

    const [first] = await collect(listRemoteAccessSessions(connection, String(project.record.arn)));

    assert.ok(first.created instanceof Date);
    assert.equal(first.created.getTime(), Number(project.sessions[0].created) * 1000);
  });

  it('stops with an error when a session token repeats at once', async () => {
    const connection = connectTo(emulator.url);
    const project = emulator.projects[0];
    emulator.addFault({ operation: 'ListRemoteAccessSessions', page: 3, kind: 'repeatToken' });

    const seen: number[] = [];
    await assert.rejects(async () => {
      for await (const page of listRemoteAccessSessions(connection, String(project.record.arn))) {
        seen.push(page.pageNumber);
      }
    }, (error: unknown) => error instanceof DeviceFarmError && error.kind === 'repeatedToken' && /after 12 items/.test(error.message));

    assert.deepEqual(seen, [1, 2, 3]);
    assert.equal(emulator.requestCount('ListRemoteAccessSessions'), 3);
  });

  it('stops with an error when a token cycles back to an earlier page', async () => {
    const connection = connectTo(emulator.url);
    const project = emulator.projects[0];
    // Page 1 returns the token of page 2 (its normal token), and page 2 returns the token of page 2 again.
    emulator.addFault({ operation: 'ListRemoteAccessSessions', page: 2, kind: 'repeatToken' });

    await assert.rejects(
      collect(listRemoteAccessSessions(connection, String(project.record.arn))),
      (error: unknown) => error instanceof DeviceFarmError && error.kind === 'repeatedToken',
    );
    assert.equal(emulator.requestCount('ListRemoteAccessSessions'), 2);
  });

  it('stops with an error when the project list repeats a token', async () => {
    const connection = connectTo(emulator.url);
    emulator.pageSize = 1;
    emulator.addFault({ operation: 'ListProjects', page: 2, kind: 'repeatToken' });

    await assert.rejects(
      collect(listProjects(connection)),
      (error: unknown) => error instanceof DeviceFarmError && error.kind === 'repeatedToken',
    );
  });

  it('ends the list at an empty-string token', async () => {
    const connection = connectTo(emulator.url);
    const project = emulator.projects[0];
    emulator.addFault({ operation: 'ListRemoteAccessSessions', page: 6, kind: 'emptyStringToken' });

    const sessions = await collect(listRemoteAccessSessions(connection, String(project.record.arn)));

    assert.equal(sessions.length, 23);
  });

  it('resumes from the token of a failed page', async () => {
    const connection = connectTo(emulator.url);
    const project = emulator.projects[0];
    emulator.addFault({ operation: 'ListRemoteAccessSessions', page: 3, kind: 'InternalServiceException', times: 3 });

    const before = [];
    let failure: DeviceFarmError | undefined;
    try {
      for await (const page of listRemoteAccessSessions(connection, String(project.record.arn))) {
        before.push(...page.items);
      }
    } catch (error) {
      failure = error as DeviceFarmError;
    }
    assert.equal(failure?.kind, 'service');
    assert.equal(before.length, 8);
    assert.ok(failure.resumeToken);

    const after = await collect(listRemoteAccessSessions(connection, String(project.record.arn), { startToken: failure.resumeToken, startPageNumber: 3 }));

    assert.deepEqual([...before, ...after].map(session => session.arn), project.sessions.map(session => session.arn));
  });

  it('stops paging when its signal aborts', async () => {
    const connection = connectTo(emulator.url);
    const project = emulator.projects[0];
    const controller = new AbortController();

    const pages: number[] = [];
    await assert.rejects(async () => {
      for await (const page of listRemoteAccessSessions(connection, String(project.record.arn), { signal: controller.signal })) {
        pages.push(page.pageNumber);
        controller.abort();
      }
    }, (error: unknown) => error instanceof DeviceFarmError && error.kind === 'cancelled');

    assert.deepEqual(pages, [1]);
    assert.equal(emulator.requestCount('ListRemoteAccessSessions'), 1);
  });

  it('returns the whole session from GetRemoteAccessSession', async () => {
    const connection = connectTo(emulator.url);
    const expected = emulator.projects[0].sessions[1];

    const session = await getRemoteAccessSession(connection, String(expected.arn));

    assert.equal(session.arn, expected.arn);
    assert.equal(session.name, expected.name);
    assert.equal(session.device?.arn, (expected.device as { arn: string }).arn);
    assert.equal(session.device?.resolution?.width, (expected.device as { resolution: { width: number } }).resolution.width);
    assert.equal(session.instanceArn, expected.instanceArn);
    assert.deepEqual(session.deviceMinutes, expected.deviceMinutes);
    assert.equal(session.endpoints?.remoteDriverEndpoint, (expected.endpoints as { remoteDriverEndpoint: string }).remoteDriverEndpoint);
    assert.equal(session.billingMethod, expected.billingMethod);
  });

  it('logs each page with its request id and no secret', async () => {
    const connection = connectTo(emulator.url);
    const project = emulator.projects[0];

    await collect(listRemoteAccessSessions(connection, String(project.record.arn)));

    const pageLines = connection.logger.lines.filter(line => line.includes('ListRemoteAccessSessions page'));
    assert.equal(pageLines.length, 6);
    assert.match(pageLines[0], /page 1 of arn:aws:devicefarm:.*: 4 sessions, request [0-9a-f-]{36}, \d+ ms/);
    assert.ok(connection.logger.lines.every(line => !line.includes(String(process.env.AWS_SECRET_ACCESS_KEY))));
  });
});
