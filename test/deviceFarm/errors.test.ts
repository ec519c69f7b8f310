import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { getRemoteAccessSession, listProjects, listRemoteAccessSessions } from '../../src/deviceFarm/listing';
import { createCredentialProvider } from '../../src/deviceFarm/credentials';
import { listProfileNames, sharedConfigSignature } from '../../src/deviceFarm/profiles';
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
    { fault: 'UnrecognizedClientException', kind: 'credentials', message: /rejected the credentials of the default credential chain \(UnrecognizedClientException\)/, attempts: 1 },
    { fault: 'ExpiredTokenException', kind: 'credentials', message: /aws sso login/, attempts: 1 },
    { fault: 'InternalServiceException', kind: 'service', message: /InternalServiceException/, attempts: 3 },
    { fault: 'notJson', kind: 'unexpectedResponse', message: /HTTP 200 and a body that is not JSON \("upstream said: OK but not JSON"\)\. A proxy or firewall may have answered/, attempts: 1 },
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

  it('classifies a reply slower than the timeout as a network failure', async () => {
    const connection = connectTo(emulator.url, {}, { requestMs: 200 });
    emulator.addFault({ operation: 'ListProjects', kind: 'slow', delayMs: 1000 });

    const error = await failureOf(collect(listProjects(connection)));

    assert.equal(error.kind, 'network');
    assert.match(error.message, /Device Farm at http:\/\/127\.0\.0\.1:\d+ did not reply to ListProjects in time \(timed out after 3 attempts\)/);
  });

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

  it('names the profiles found for an unknown profile', async () => {
    fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '[profile alpha]\nregion = us-west-2\n[profile beta]\nregion = us-west-2\n');
    try {
      const connection = connectTo(emulator.url, { profile: 'no-such-profile' });

      const error = await failureOf(collect(listProjects(connection)));

      assert.equal(error.kind, 'credentials');
      assert.equal(error.credentials?.problem, 'unknownProfile');
      assert.match(error.message, /Profile "no-such-profile" is not in the AWS config or credentials files\. Profiles found: alpha, beta\./);
      assert.equal(emulator.requestCount(), 0);
    } finally {
      fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '');
    }
  });

  it('tells an expired SSO profile to run aws sso login', async () => {
    fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), [
      '[profile corp-dev]', 'sso_session = corp', 'sso_account_id = 111122223333', 'sso_role_name = Developer', 'region = us-west-2',
      '[sso-session corp]', 'sso_start_url = https://corp.example.invalid/start', 'sso_region = us-west-2', '',
    ].join('\n'));
    try {
      const connection = connectTo(emulator.url, { profile: 'corp-dev' });

      const error = await failureOf(collect(listProjects(connection)));

      assert.equal(error.credentials?.problem, 'ssoExpired');
      assert.match(error.message, /Run "aws sso login --profile corp-dev" in a terminal, then refresh\./);
      assert.equal(emulator.requestCount(), 0);
    } finally {
      fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '');
    }
  });

  it('shows the stderr of a failing credential_process', async () => {
    fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '[profile vault]\ncredential_process = sh -c "echo vault is sealed >&2; exit 3" helper --password=HUNTER2\n');
    try {
      const connection = connectTo(emulator.url, { profile: 'vault' });

      const error = await failureOf(collect(listProjects(connection)));

      assert.equal(error.credentials?.problem, 'processFailed');
      assert.match(error.message, /credential_process of profile "vault" failed: vault is sealed\./);
      assert.ok(!error.message.includes('HUNTER2'), 'the command line and its arguments are left out');
    } finally {
      fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '');
    }
  });

  it('treats a failing SSO helper as a process failure', async () => {
    fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '[profile helper]\ncredential_process = sh -c "echo helper cannot reach the portal >&2; exit 1" aws-sso-util\n');
    try {
      const connection = connectTo(emulator.url, { profile: 'helper' });

      const error = await failureOf(collect(listProjects(connection)));

      assert.equal(error.credentials?.problem, 'processFailed');
      assert.match(error.message, /helper cannot reach the portal/);
    } finally {
      fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '');
    }
  });

  it('lists only profiles, not sso-session or services sections', async () => {
    fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '[default]\nregion = us-west-2\n[profile dev]\nsso_session = corp\n[sso-session corp]\nsso_region = us-west-2\n[services local]\ndevice_farm =\n  endpoint_url = http://127.0.0.1:1\n');
    fs.writeFileSync(String(process.env.AWS_SHARED_CREDENTIALS_FILE), '[ci]\naws_access_key_id = AKIACI0000000000001\naws_secret_access_key = ci/not/real\n');
    try {
      assert.deepEqual(await listProfileNames(), ['ci', 'default', 'dev']);
    } finally {
      fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '');
      fs.writeFileSync(String(process.env.AWS_SHARED_CREDENTIALS_FILE), '');
    }
  });

  it('fingerprints the shared files so edits are noticed', () => {
    const before = sharedConfigSignature();
    assert.equal(sharedConfigSignature(), before, 'stable while nothing changes');

    fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '[profile added]\nregion = us-west-2\n');
    try {
      assert.notEqual(sharedConfigSignature(), before);
    } finally {
      fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '');
    }
  });

  it('gives up on a credential_process that hangs', async () => {
    fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '[profile stuck]\ncredential_process = sleep 5\n');
    try {
      const provider = createCredentialProvider('stuck', 300);

      await assert.rejects(provider(), (error: Error & { problem?: string }) => error.problem === 'timedOut');
    } finally {
      fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '');
    }
  });

  it('reports no credentials at all from the default chain', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    try {
      const connection = connectTo(emulator.url);

      const error = await failureOf(collect(listProjects(connection)));

      assert.equal(error.credentials?.problem, 'missing');
      assert.match(error.message, /No AWS credentials found for the default credential chain/);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved.id;
      process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
    }
  });

  it('shows the first bytes of a body that is not JSON', async () => {
    const connection = connectTo(emulator.url);
    emulator.addFault({ operation: 'ListProjects', kind: 'html502' });

    const error = await failureOf(collect(listProjects(connection)));

    assert.equal(error.kind, 'unexpectedResponse');
    assert.match(error.message, /HTTP 502 and a body that is not JSON \("<html><head><title>502 Bad Gateway/);
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
