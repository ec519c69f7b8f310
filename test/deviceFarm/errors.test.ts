import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { getRemoteAccessSession, listProjects, listRemoteAccessSessions } from '../../src/deviceFarm/listing';
import { DeviceFarmError, type DeviceFarmErrorKind } from '../../src/deviceFarm/errors';
import { DeviceFarmEmulator, startEmulator, type FaultKind } from '../emulator/server';
import { collect, connectTo } from '../support/connection';

async function failureOf(promise: Promise<unknown>): Promise<DeviceFarmError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof DeviceFarmError, `expected a DeviceFarmError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the request to fail');
}

describe('error classification from scripted replies', () => {
  let emulator: DeviceFarmEmulator;

  beforeEach(async () => {
    emulator = await startEmulator({ projects: 2, sessionsPerProject: 6, pageSize: 3 });
  });

  afterEach(async () => {
    await emulator.close();
  });

  const cases: Array<{ fault: FaultKind; kind: DeviceFarmErrorKind; message: RegExp; attempts: number }> = [
    { fault: 'ThrottlingException', kind: 'throttled', message: /throttled ListProjects \(ThrottlingException\) after 3 attempts/, attempts: 3 },
    { fault: 'LimitExceededException', kind: 'throttled', message: /LimitExceededException/, attempts: 3 },
    { fault: 'AccessDeniedException', kind: 'accessDenied', message: /may not call devicefarm:ListProjects/, attempts: 1 },
    { fault: 'UnrecognizedClientException', kind: 'credentials', message: /No valid AWS credentials from the default credential chain/, attempts: 1 },
    { fault: 'ExpiredTokenException', kind: 'credentials', message: /aws sso login/, attempts: 1 },
    { fault: 'InternalServiceException', kind: 'service', message: /InternalServiceException/, attempts: 3 },
    { fault: 'notJson', kind: 'unexpectedResponse', message: /HTTP 200 and a body that is not JSON\. A proxy or firewall may have answered/, attempts: 1 },
    { fault: 'html403', kind: 'unexpectedResponse', message: /HTTP 403/, attempts: 1 },
    { fault: 'dropConnection', kind: 'network', message: /Could not reach Device Farm at http:\/\/127\.0\.0\.1:\d+ \(ECONNRESET\)/, attempts: 3 },
  ];

  for (const { fault, kind, message, attempts } of cases) {
    it(`classifies ${fault} as ${kind}`, async () => {
      const connection = connectTo(emulator.url);
      emulator.addFault({ operation: 'ListProjects', kind: fault });

      const error = await failureOf(collect(listProjects(connection)));

      assert.equal(error.kind, kind);
      assert.match(error.message, message);
      assert.equal(error.operation, 'ListProjects');
      assert.ok(error.cause, 'the original error is kept');
      assert.equal(emulator.requestCount('ListProjects'), attempts);
    });
  }

  it('keeps the request id of a service error', async () => {
    const connection = connectTo(emulator.url);
    emulator.addFault({ operation: 'ListProjects', kind: 'AccessDeniedException' });

    const error = await failureOf(collect(listProjects(connection)));

    assert.equal(error.requestId, emulator.requests[0].requestId);
    assert.equal(error.httpStatus, 400);
  });

  it('names the project ARN when access is denied', async () => {
    const connection = connectTo(emulator.url);
    const projectArn = String(emulator.projects[0].record.arn);
    emulator.addFault({ operation: 'ListRemoteAccessSessions', kind: 'AccessDeniedException' });

    const error = await failureOf(collect(listRemoteAccessSessions(connection, projectArn)));

    assert.equal(error.kind, 'accessDenied');
    assert.ok(error.message.includes(projectArn));
  });

  it('classifies an unknown session ARN as not found', async () => {
    const connection = connectTo(emulator.url);
    const arn = 'arn:aws:devicefarm:us-west-2:123456789012:session:00000000-0000-4000-a000-000000000000/00000000-0000-4000-a000-000000000001/00000';

    const error = await failureOf(getRemoteAccessSession(connection, arn));

    assert.equal(error.kind, 'notFound');
    assert.match(error.message, /was not found by GetRemoteAccessSession/);
    assert.ok(error.message.includes(arn));
  });

  it('classifies a malformed ARN as an invalid argument', async () => {
    const connection = connectTo(emulator.url);

    const error = await failureOf(getRemoteAccessSession(connection, 'not-an-arn'));

    assert.equal(error.kind, 'invalidArgument');
    assert.match(error.message, /rejected the arguments of GetRemoteAccessSession: Invalid remote access session ARN/);
  });

  it('classifies a closed port as a network failure', async () => {
    const url = emulator.url;
    await emulator.close();
    const connection = connectTo(url);

    const error = await failureOf(collect(listProjects(connection)));

    assert.equal(error.kind, 'network');
    assert.match(error.message, /ECONNREFUSED/);
    emulator = await startEmulator();
  });

  it('classifies an unknown profile as missing credentials', async () => {
    const connection = connectTo(emulator.url, { profile: 'no-such-profile' });

    const error = await failureOf(collect(listProjects(connection)));

    assert.equal(error.kind, 'credentials');
    assert.match(error.message, /profile "no-such-profile"/);
    assert.equal(emulator.requestCount(), 0);
  });

  it('reads a named profile from the shared credentials file', async () => {
    fs.writeFileSync(String(process.env.AWS_SHARED_CREDENTIALS_FILE), '[team]\naws_access_key_id = AKIATEAMEXAMPLE00001\naws_secret_access_key = team/secret/not/real\n');
    try {
      const connection = connectTo(emulator.url, { profile: 'team' });

      const projects = await collect(listProjects(connection));

      assert.equal(projects.length, 2);
    } finally {
      fs.writeFileSync(String(process.env.AWS_SHARED_CREDENTIALS_FILE), '');
    }
  });

  it('rejects an unsigned request at the emulator', async () => {
    const response = await fetch(emulator.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-amz-json-1.1', 'X-Amz-Target': 'DeviceFarm_20150623.ListProjects' },
      body: '{}',
    });

    assert.equal(response.status, 403);
    assert.equal(((await response.json()) as { __type: string }).__type, 'MissingAuthenticationTokenException');
    assert.ok(response.headers.get('x-amzn-requestid'));
  });
});
