// Conformance of the emulator with the AWS CLI v2 from Debian's `awscli`
// package: the emulator must accept the CLI's SigV4-signed requests as they
// are, and the CLI must read the same projects and sessions from it as the
// extension's service layer (the AWS SDK for JavaScript v3) does.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import { promisify } from 'node:util';
import type { Project, RemoteAccessSession } from '@aws-sdk/client-device-farm';
import { getRemoteAccessSession, listProjects, listRemoteAccessSessions } from '../../src/deviceFarm/listing';
import { createIsolatedAwsEnvironment, type IsolatedAwsFiles } from '../support/awsEnvironment';
import { collect, connectTo } from '../support/connection';
import { DeviceFarmEmulator, startEmulator, type RecordedRequest } from './server';

const execFileAsync = promisify(execFile);

// The absolute path, because an `aws` earlier on PATH may be a pip-installed v1.
const AWS_CLI = '/usr/bin/aws';
/**
 * Time one CLI run may take, in milliseconds. A run of aws-cli 2.9.19 against
 * this emulator took about 0.5 s on a 2-core machine.
 */
const CLI_TIMEOUT_MS = 20_000;

// Small data that still pages: 3 projects make 2 project pages, and 9 sessions
// per project make 5 session pages (6 for the project with an empty first page).
// Sessions 0-5 have no `started`, 6 and 8 have `started` only, and 7 has both.
const PROJECT_COUNT = 3;
const SESSIONS_PER_PROJECT = 9;
const PAGE_SIZE = 2;

/** Fields the CLI prints in the `cli_timestamp_format` of its config file. */
const TIMESTAMP_FIELDS = ['created', 'started', 'stopped'] as const;
/**
 * Session fields of the sample data that only one of the two service models
 * has, so only one side returns them. The model of aws-cli 2.9.19 lacks
 * `endpoints`, and the model of @aws-sdk/client-device-farm 3.1169.0 lacks
 * `remoteDebugEnabled` and `remoteRecordEnabled`.
 */
const FIELDS_IN_ONE_MODEL_ONLY = ['endpoints', 'remoteDebugEnabled', 'remoteRecordEnabled'] as const;

/** The CLI's `iso8601` timestamp format, such as 2026-09-01T01:00:00.123000+00:00. */
const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(Z|[+-]\d{2}:\d{2})$/;

type JsonRecord = Record<string, unknown>;

interface CliRun {
  output: JsonRecord;
  /** The requests the emulator recorded while the CLI ran. */
  requests: RecordedRequest[];
}

/** Converts a CLI `iso8601` timestamp to epoch milliseconds, rounded from the printed microseconds. */
function parseCliTimestamp(value: unknown): number {
  const match = typeof value === 'string' ? ISO_TIMESTAMP.exec(value) : null;
  if (!match) {
    throw new Error(`The CLI printed ${JSON.stringify(value)} where an iso8601 timestamp was expected.`);
  }
  const [, year, month, day, hour, minute, second, fraction = '', offset] = match;
  const wholeSecondsMs = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const microseconds = Number(fraction.padEnd(6, '0'));
  let offsetMs = 0;
  if (offset !== 'Z') {
    const sign = offset.startsWith('-') ? -1 : 1;
    offsetMs = sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
  }
  return wholeSecondsMs + Math.round(microseconds / 1000) - offsetMs;
}

/** Returns the timestamps of a record the CLI printed, as epoch milliseconds. */
function cliTimestampsOf(record: JsonRecord): Record<string, number | undefined> {
  const timestamps: Record<string, number | undefined> = {};
  for (const field of TIMESTAMP_FIELDS) {
    timestamps[field] = record[field] === undefined ? undefined : parseCliTimestamp(record[field]);
  }
  return timestamps;
}

/** Returns the timestamps of a record the SDK returned, as epoch milliseconds. */
function sdkTimestampsOf(record: Project | RemoteAccessSession): Record<string, number | undefined> {
  const dates = record as Partial<Record<(typeof TIMESTAMP_FIELDS)[number], Date>>;
  const timestamps: Record<string, number | undefined> = {};
  for (const field of TIMESTAMP_FIELDS) {
    timestamps[field] = dates[field]?.getTime();
  }
  return timestamps;
}

/**
 * Returns a record as plain JSON without its timestamps (compared on their own)
 * and without the fields that only one model has.
 */
function otherFieldsOf(record: object): JsonRecord {
  const copy = JSON.parse(JSON.stringify(record)) as JsonRecord;
  for (const field of [...TIMESTAMP_FIELDS, ...FIELDS_IN_ONE_MODEL_ONLY]) {
    delete copy[field];
  }
  return copy;
}

function recordsOf(output: JsonRecord, key: string): JsonRecord[] {
  const records = output[key];
  assert.ok(Array.isArray(records), `The CLI output has no "${key}" array: ${JSON.stringify(output).slice(0, 300)}`);
  return records as JsonRecord[];
}

/** Returns why AWS_CLI cannot run this test, or undefined when it is an AWS CLI v2. */
async function findCliProblem(env: Record<string, string>): Promise<string | undefined> {
  if (!fs.existsSync(AWS_CLI)) {
    return `${AWS_CLI} is missing`;
  }
  let version: string;
  try {
    const { stdout, stderr } = await execFileAsync(AWS_CLI, ['--version'], { env, timeout: CLI_TIMEOUT_MS });
    // Both streams, because older releases of the CLI print the version to stderr.
    version = `${stdout}${stderr}`.trim();
  } catch (error) {
    return `${AWS_CLI} --version failed: ${(error as Error).message.trim()}`;
  }
  if (!version.startsWith('aws-cli/2.')) {
    return `${AWS_CLI} is ${JSON.stringify(version)}, not the AWS CLI v2`;
  }
  return undefined;
}

describe('AWS CLI against the emulator', function () {
  this.timeout(4 * CLI_TIMEOUT_MS);

  let emulator: DeviceFarmEmulator | undefined;
  let cliFiles: IsolatedAwsFiles | undefined;
  let cliEnv: Record<string, string>;

  /** Runs the CLI against the emulator and parses its JSON output. A failed run rejects with the CLI's stderr. */
  async function runCli(args: string[]): Promise<CliRun> {
    assert.ok(emulator);
    const requestsBefore = emulator.requests.length;
    const fullArgs = [...args, '--endpoint-url', emulator.url, '--output', 'json', '--no-cli-pager', '--region', 'us-west-2'];
    let stdout: string;
    try {
      ({ stdout } = await execFileAsync(AWS_CLI, fullArgs, { env: cliEnv, timeout: CLI_TIMEOUT_MS, maxBuffer: 16 * 1024 * 1024 }));
    } catch (error) {
      const failure = error as Error & { code?: number | string; signal?: string; stderr?: string };
      throw new Error(`aws ${args.join(' ')} failed (exit ${failure.code ?? '-'}, signal ${failure.signal ?? '-'}): ${failure.stderr?.trim() || failure.message}`);
    }
    return { output: JSON.parse(stdout) as JsonRecord, requests: emulator.requests.slice(requestsBefore) };
  }

  function projectArn(index: number): string {
    assert.ok(emulator);
    return String(emulator.projects[index].record.arn);
  }

  before(async function () {
    const isolated = createIsolatedAwsEnvironment();
    cliFiles = isolated.files;
    // The timestamp format is set here, so the test does not depend on the CLI's default.
    fs.writeFileSync(cliFiles.configFile, '[default]\ncli_timestamp_format = iso8601\n');
    // Only these variables reach the CLI. HOME points at the private folder, so
    // the CLI reads and writes nothing under the real ~/.aws.
    cliEnv = { PATH: '/usr/bin:/bin', HOME: cliFiles.directory, LANG: 'C.UTF-8', ...isolated.env };

    const problem = await findCliProblem(cliEnv);
    if (problem) {
      const reason = `${problem}. Install Debian's awscli package (apt-get install awscli) to run the AWS CLI conformance test.`;
      if (process.env.CI) {
        throw new Error(reason);
      }
      console.log(`Skipping the AWS CLI conformance test: ${reason}`);
      this.skip();
    }

    emulator = await startEmulator({ projects: PROJECT_COUNT, sessionsPerProject: SESSIONS_PER_PROJECT, pageSize: PAGE_SIZE });
  });

  after(async () => {
    await emulator?.close();
    if (cliFiles) {
      fs.rmSync(cliFiles.directory, { recursive: true, force: true });
    }
  });

  it('list-projects reads what listProjects reads', async () => {
    assert.ok(emulator);
    const connection = connectTo(emulator.url);
    const sdkProjects = await collect(listProjects(connection));

    const { output, requests } = await runCli(['devicefarm', 'list-projects']);
    const cliProjects = recordsOf(output, 'projects');

    assert.equal(sdkProjects.length, PROJECT_COUNT);
    assert.equal(cliProjects.length, sdkProjects.length);
    assert.deepEqual(cliProjects.map(project => project.arn), sdkProjects.map(project => project.arn));
    assert.deepEqual(cliProjects.map(project => project.name), sdkProjects.map(project => project.name));
    assert.deepEqual(cliProjects.map(cliTimestampsOf), sdkProjects.map(sdkTimestampsOf));
    assert.deepEqual(cliProjects.map(otherFieldsOf), sdkProjects.map(otherFieldsOf));
    assert.equal(output.nextToken, undefined);
    assert.deepEqual(requests.map(request => request.page), [1, 2]);
    assert.ok(requests.every(request => request.status === 200), `The emulator rejected a CLI request: ${JSON.stringify(requests)}`);
  });

  it('list-remote-access-sessions pages past empty page', async () => {
    assert.ok(emulator);
    const connection = connectTo(emulator.url);
    const project = emulator.projects.find(candidate => candidate.emptyFirstPage);
    assert.ok(project, 'No project of the sample data has an empty first session page.');
    const arn = String(project.record.arn);
    const sdkPages = [];
    for await (const page of listRemoteAccessSessions(connection, arn)) {
      sdkPages.push(page);
    }
    const sdkSessions = sdkPages.flatMap(page => page.items);

    const { output, requests } = await runCli(['devicefarm', 'list-remote-access-sessions', '--arn', arn]);
    const cliSessions = recordsOf(output, 'remoteAccessSessions');

    assert.equal(sdkPages[0].items.length, 0);
    assert.equal(sdkPages[0].isLast, false);
    assert.equal(sdkSessions.length, SESSIONS_PER_PROJECT);
    assert.equal(cliSessions.length, sdkSessions.length);
    assert.deepEqual(cliSessions.map(session => session.arn), sdkSessions.map(session => session.arn));
    assert.equal(output.nextToken, undefined);
    assert.deepEqual(requests.map(request => request.page), sdkPages.map(page => page.pageNumber));
    assert.ok(requests.every(request => request.status === 200), `The emulator rejected a CLI request: ${JSON.stringify(requests)}`);
  });

  it('list-remote-access-sessions matches for every project', async () => {
    assert.ok(emulator);
    const connection = connectTo(emulator.url);

    for (let index = 0; index < PROJECT_COUNT; index++) {
      const arn = projectArn(index);
      const sdkPages = [];
      for await (const page of listRemoteAccessSessions(connection, arn)) {
        sdkPages.push(page);
      }
      const sdkSessions = sdkPages.flatMap(page => page.items);

      const { output, requests } = await runCli(['devicefarm', 'list-remote-access-sessions', '--arn', arn]);
      const cliSessions = recordsOf(output, 'remoteAccessSessions');
      const where = `project ${index} (${arn})`;

      assert.ok(sdkPages.length > 1, `${where} should span several pages, but has ${sdkPages.length}.`);
      assert.equal(cliSessions.length, sdkSessions.length, where);
      assert.deepEqual(cliSessions.map(session => session.arn), sdkSessions.map(session => session.arn), where);
      assert.deepEqual(cliSessions.map(session => session.name), sdkSessions.map(session => session.name), where);
      assert.deepEqual(cliSessions.map(cliTimestampsOf), sdkSessions.map(sdkTimestampsOf), where);
      assert.deepEqual(cliSessions.map(otherFieldsOf), sdkSessions.map(otherFieldsOf), where);
      assert.equal(output.nextToken, undefined, where);
      assert.equal(requests.length, sdkPages.length, where);
      assert.ok(requests.every(request => request.status === 200), `The emulator rejected a CLI request for ${where}: ${JSON.stringify(requests)}`);
    }
  });

  // One session per project, so the three runs cover every project and each
  // combination of timestamps that a session has.
  const getCases: { label: string; projectIndex: number; matches: (session: JsonRecord) => boolean }[] = [
    { label: 'not started', projectIndex: 0, matches: session => session.started === undefined },
    { label: 'started, not stopped', projectIndex: 1, matches: session => session.started !== undefined && session.stopped === undefined },
    { label: 'stopped', projectIndex: 2, matches: session => session.stopped !== undefined },
  ];
  for (const { label, projectIndex, matches } of getCases) {
    it(`get-remote-access-session of session ${label}`, async () => {
      assert.ok(emulator);
      const connection = connectTo(emulator.url);
      const wireSession = emulator.projects[projectIndex].sessions.find(matches);
      assert.ok(wireSession, `The sample data of project ${projectIndex} has no session ${label}.`);
      const arn = String(wireSession.arn);
      const sdkSession = await getRemoteAccessSession(connection, arn);

      const { output, requests } = await runCli(['devicefarm', 'get-remote-access-session', '--arn', arn]);
      const cliSession = output.remoteAccessSession as JsonRecord | undefined;

      assert.ok(cliSession, `The CLI output has no remoteAccessSession: ${JSON.stringify(output).slice(0, 300)}`);
      assert.equal(cliSession.arn, sdkSession.arn);
      assert.equal(cliSession.name, sdkSession.name);
      assert.deepEqual(cliTimestampsOf(cliSession), sdkTimestampsOf(sdkSession));
      assert.deepEqual(otherFieldsOf(cliSession), otherFieldsOf(sdkSession));
      assert.deepEqual(requests.map(request => [request.operation, request.status]), [['GetRemoteAccessSession', 200]]);
    });
  }
});
