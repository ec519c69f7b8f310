import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { DeviceFarmExplorerApi } from '../../src/extension';
import { DeviceFarmEmulator, startEmulator, type FaultKind } from '../emulator/server';
import { activateExtension, expandProject, iconId, loadRoot, rowsOf, setSetting, waitFor, type Row } from './helpers';

describe('failures shown in the tree', () => {
  let emulator: DeviceFarmEmulator;
  let api: DeviceFarmExplorerApi;
  let unhandled: unknown[];
  const onUnhandled = (reason: unknown): void => {
    unhandled.push(reason);
  };

  before(async () => {
    api = await activateExtension();
  });

  beforeEach(async () => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
    emulator = await startEmulator({ projects: 2, sessionsPerProject: 12, pageSize: 5 });
    await setSetting('profile', undefined);
    await setSetting('endpoint', emulator.url);
    await waitFor('a fresh model', () => api.model.projects.items.length === 0);
  });

  afterEach(async () => {
    await setSetting('endpoint', undefined);
    await emulator.close();
    process.off('unhandledRejection', onUnhandled);
    assert.deepEqual(unhandled, [], 'no unhandled promise rejections');
  });

  async function firstProjectRow(): Promise<Row> {
    const rows = await loadRoot(api);
    const row = rows.find(candidate => candidate.label === emulator.projects[0].record.name);
    assert.ok(row);
    return row;
  }

  it('keeps page 1 and offers Retry when page 2 is throttled', async () => {
    emulator.addFault({ operation: 'ListRemoteAccessSessions', page: 2, kind: 'ThrottlingException', times: 3 });

    const rows = await expandProject(api, await firstProjectRow());

    assert.equal(rows.length, 6);
    const errorRow = rows[5];
    assert.equal(errorRow.label, 'Throttled by Device Farm: list incomplete after 5 items');
    assert.match(errorRow.description, /throttled ListRemoteAccessSessions \(ThrottlingException\) after 3 attempts/);
    assert.equal(errorRow.item.contextValue, 'failed retryable');
    assert.equal(iconId(errorRow.item), 'error');
    assert.ok(api.log.recentLines().some(line => /^warn ListRemoteAccessSessions page 2 of .* failed after \d+ ms: throttled, request [0-9a-f-]{36}$/.test(line)));

    await vscode.commands.executeCommand('deviceFarm.retry', errorRow.node);
    const after = rowsOf(api, (await firstProjectRow()).node);

    assert.equal(after.length, 12);
    assert.ok(after.every(row => row.item.contextValue === 'session hasArn'));
  });

  it('ends a repeating token with a warning row', async () => {
    emulator.addFault({ operation: 'ListRemoteAccessSessions', page: 2, kind: 'repeatToken', toPage: 2 });

    const rows = await expandProject(api, await firstProjectRow());

    const warning = rows.at(-1)!;
    assert.equal(warning.label, 'List stopped: repeated page token: list incomplete after 10 items');
    assert.equal(warning.item.contextValue, 'failed');
    assert.equal(iconId(warning.item), 'warning');
  });

  const listFaults: Array<{ fault: FaultKind; label: string; description: RegExp }> = [
    { fault: 'AccessDeniedException', label: 'Access denied', description: /may not call devicefarm:ListProjects/ },
    { fault: 'html502', label: 'Unexpected reply (not JSON)', description: /HTTP 502 .*"<html>.*A proxy or firewall may have answered/ },
    { fault: 'notJson', label: 'Unexpected reply (not JSON)', description: /HTTP 200/ },
    { fault: 'InternalServiceException', label: 'Device Farm failed', description: /InternalServiceException/ },
    { fault: 'dropConnection', label: 'Device Farm is unreachable', description: /Could not reach Device Farm at http:\/\/127\.0\.0\.1/ },
  ];
  for (const { fault, label, description } of listFaults) {
    it(`shows ${fault} on the project list as an error row`, async () => {
      emulator.addFault({ operation: 'ListProjects', kind: fault });

      const rows = await loadRoot(api);

      assert.equal(rows.length, 1);
      assert.equal(rows[0].label, label);
      assert.match(rows[0].description, description);
      assert.equal(rows[0].item.contextValue, 'failed retryable');
      assert.ok(api.log.recentLines().some(line => line.startsWith('error ListProjects failed')));
    });
  }

  it('names the profiles found for an unknown profile', async () => {
    fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '[profile team-a]\nregion = us-west-2\n');
    try {
      await setSetting('profile', 'missing-profile');
      await waitFor('a fresh model', () => api.model.projects.items.length === 0 && api.model.projects.status === 'idle');

      const rows = await loadRoot(api);

      assert.equal(rows.length, 1);
      assert.equal(rows[0].label, 'No valid AWS credentials');
      assert.match(rows[0].description, /Profile "missing-profile" is not in the AWS config or credentials files\. Profiles found: team-a\./);
      assert.equal(rows[0].item.contextValue, 'failed retryable selectProfile');
      assert.equal(api.contextKeys().get('deviceFarm.credentialsMissing'), false, 'an unknown profile gets an error row, not the welcome view');
      assert.equal(emulator.requestCount(), 0);
    } finally {
      fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '');
    }
  });

  it('offers an SSO sign-in for an expired SSO profile', async () => {
    fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), [
      '[profile corp-dev]', 'sso_session = corp', 'sso_account_id = 111122223333', 'sso_role_name = Developer',
      '[sso-session corp]', 'sso_start_url = https://corp.example.invalid/start', 'sso_region = us-west-2', '',
    ].join('\n'));
    try {
      await setSetting('profile', 'corp-dev');
      await waitFor('a fresh model', () => api.model.projects.items.length === 0 && api.model.projects.status === 'idle');

      const rows = await loadRoot(api);

      assert.match(rows[0].description, /Run "aws sso login --profile corp-dev" in a terminal, then refresh\./);
      assert.equal(rows[0].item.contextValue, 'failed retryable ssoLogin selectProfile');
      const opened = new Promise<vscode.Terminal>(resolve => {
        const subscription = vscode.window.onDidOpenTerminal(terminal => {
          subscription.dispose();
          resolve(terminal);
        });
      });
      await vscode.commands.executeCommand('deviceFarm.ssoLogin');
      const terminal = await opened;
      assert.equal(terminal.name, 'AWS SSO login');
      terminal.dispose();
    } finally {
      fs.writeFileSync(String(process.env.AWS_CONFIG_FILE), '');
    }
  });

  it('shows the welcome view when no credentials exist at all', async () => {
    const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    // Refresh keeps its client unless the shared files change, so touch one.
    fs.writeFileSync(String(process.env.AWS_SHARED_CREDENTIALS_FILE), '# no credentials\n');
    try {
      await vscode.commands.executeCommand('deviceFarm.refresh');
      await waitFor('the failed project list', () => api.model.projects.status === 'failed');

      assert.deepEqual(rowsOf(api), [], 'no rows, so the welcome view shows');
      assert.equal(api.contextKeys().get('deviceFarm.credentialsMissing'), true, 'the welcome view context key is set');
      assert.equal(api.model.projects.error?.credentials?.problem, 'missing');
      assert.match(String(api.model.projects.error?.message), /No AWS credentials found for the default credential chain/);
      assert.ok(api.log.recentLines().some(line => line.includes('No AWS credentials found for the default credential chain')), 'the reason is logged');
      assert.equal(emulator.requestCount(), 0);
    } finally {
      process.env.AWS_ACCESS_KEY_ID = saved.id;
      process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
      fs.writeFileSync(String(process.env.AWS_SHARED_CREDENTIALS_FILE), '');
    }
  });

  it('rejects a plain-http endpoint off loopback before any request', async () => {
    await setSetting('endpoint', 'http://devicefarm.example.invalid');

    const rows = await loadRoot(api);

    assert.equal(rows[0].label, 'Invalid setting');
    assert.match(rows[0].description, /must use https:\/\//);
    assert.equal(rows[0].item.contextValue, 'failed openSettings', 'no Retry, which cannot help');
  });

  it('a refresh during paging leaves each session once', async () => {
    emulator.latencyMs = 15;
    const projectRow = await firstProjectRow();
    rowsOf(api, projectRow.node);
    await waitFor('the first page', () => (api.model.sessionsOf(String(emulator.projects[0].record.arn))?.items.length ?? 0) > 0);

    await vscode.commands.executeCommand('deviceFarm.refresh');
    const rows = await expandProject(api, await firstProjectRow());

    const ids = rows.map(row => row.item.id);
    assert.equal(ids.length, 12);
    assert.equal(new Set(ids).size, 12);
  });

  it('keeps the client across a refresh when no file changed', async () => {
    await loadRoot(api);
    const before = api.log.recentLines().length;

    await vscode.commands.executeCommand('deviceFarm.refresh');

    assert.ok(!api.log.recentLines().slice(before).some(line => line.startsWith('info Connecting with')), 'no new client');
    assert.equal(api.model.projects.status, 'complete');
  });

  it('reads an edited credentials file on refresh', async () => {
    const otherProjects = emulator.addAccount('AKIAEDITEDACCOUNT001', { projects: 1, sessionsPerProject: 1, seed: 11, projectNames: ['Edited Account Project'] });
    const credentialsFile = String(process.env.AWS_SHARED_CREDENTIALS_FILE);
    fs.writeFileSync(credentialsFile, '[switchable]\naws_access_key_id = AKIAORIGINALACCOUNT1\naws_secret_access_key = original/not/real\n');
    try {
      await setSetting('profile', 'switchable');
      await waitFor('a fresh model', () => api.model.projects.items.length === 0 && api.model.projects.status === 'idle');
      const before = await loadRoot(api);
      assert.equal(before.length, emulator.projects.length);

      fs.writeFileSync(credentialsFile, '[switchable]\naws_access_key_id = AKIAEDITEDACCOUNT001\naws_secret_access_key = edited/not/real\n');
      await vscode.commands.executeCommand('deviceFarm.refresh');
      const after = rowsOf(api);

      assert.deepEqual(after.map(row => row.item.id), [`project:${String(otherProjects[0].record.arn)}`]);
    } finally {
      fs.writeFileSync(credentialsFile, '');
      await setSetting('profile', undefined);
    }
  });

  it('closing the webview mid-request leaves no error', async () => {
    const session = emulator.projects[0].sessions[0];
    emulator.addFault({ operation: 'GetRemoteAccessSession', kind: 'slow', delayMs: 1500 });

    const panel = await vscode.commands.executeCommand('deviceFarm.showSessionJson', String(session.arn)).then(() => api.panels.panelOf(String(session.arn)));
    assert.ok(panel, 'the panel opened');
    await new Promise(resolve => setTimeout(resolve, 500));
    panel.dispose();
    await new Promise(resolve => setTimeout(resolve, 1500));

    assert.equal(api.panels.panelOf(String(session.arn)), undefined);
    assert.equal(emulator.requestCount('GetRemoteAccessSession'), 1, 'the request was in flight when the panel closed');
    assert.ok(!api.log.recentLines().some(line => line.includes(`Session panel ${String(session.arn)}`)), 'nothing was logged for the closed panel');
  });

  it('a profile switch during paging shows nothing of the old account', async () => {
    emulator.latencyMs = 15;
    const projectRow = await firstProjectRow();
    rowsOf(api, projectRow.node);
    await waitFor('the first page', () => (api.model.sessionsOf(String(emulator.projects[0].record.arn))?.items.length ?? 0) > 0);
    const other = await startEmulator({ projects: 1, sessionsPerProject: 1, seed: 5 });
    try {
      await setSetting('endpoint', other.url);
      const rows = await loadRoot(api);

      assert.deepEqual(rows.map(row => row.item.id), [`project:${String(other.projects[0].record.arn)}`]);
      assert.equal(api.model.sessionsOf(String(emulator.projects[0].record.arn)), undefined);
    } finally {
      await other.close();
    }
  });
});
