import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { DeviceFarmExplorerApi } from '../../src/extension';
import { MASK } from '../../src/webview/sessionJson';
import { DeviceFarmEmulator, startEmulator } from '../emulator/server';
import { HOSTILE_NAMES } from '../emulator/sampleData';
import { activateExtension, expandProject, loadRoot, setSetting, waitFor, type Row } from './helpers';

const PROFILE_KEY_ID = 'AKIASECRETPROFILE0001';
const PROFILE_SECRET = 'profile/secret/must/never/be/logged/0001';
const PROFILE_SESSION_TOKEN = 'IQoJsessiontokenmustneverbelogged0001';

describe('hostile data and secrets', () => {
  let emulator: DeviceFarmEmulator;
  let api: DeviceFarmExplorerApi;

  before(async () => {
    api = await activateExtension();
    emulator = await startEmulator({ projects: 2, sessionsPerProject: 6, pageSize: 3, oddSessions: true });
    fs.writeFileSync(String(process.env.AWS_SHARED_CREDENTIALS_FILE), [
      '[secret-team]', `aws_access_key_id = ${PROFILE_KEY_ID}`, `aws_secret_access_key = ${PROFILE_SECRET}`, `aws_session_token = ${PROFILE_SESSION_TOKEN}`, '',
    ].join('\n'));
    await setSetting('endpoint', emulator.url);
    await setSetting('profile', 'secret-team');
    await waitFor('a fresh model', () => api.model.projects.items.length === 0);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setSetting('profile', undefined);
    await setSetting('endpoint', undefined);
    fs.writeFileSync(String(process.env.AWS_SHARED_CREDENTIALS_FILE), '');
    await emulator.close();
  });

  async function oddProjectRows(): Promise<Row[]> {
    const rows = await loadRoot(api);
    const project = rows.find(row => row.label === emulator.projects[0].record.name);
    assert.ok(project);
    return expandProject(api, project);
  }

  function tokensOf(session: Record<string, unknown>): string[] {
    const endpoints = session.endpoints as { interactiveEndpoint: string; remoteDriverEndpoint: string };
    return [String(session.endpoint), endpoints.interactiveEndpoint, endpoints.remoteDriverEndpoint]
      .map(url => new URL(url).search.split('=')[1]);
  }

  it('shows hostile names as inert text in rows and tooltips', async () => {
    const rows = await oddProjectRows();

    const scriptRow = rows.find(row => row.label === HOSTILE_NAMES[0]);
    assert.ok(scriptRow, 'the script-tag name is the literal label');
    const markdownRow = rows.find(row => row.label === HOSTILE_NAMES[1]);
    assert.ok(markdownRow, 'the markdown name is the literal label');
    const tooltip = markdownRow.item.tooltip as vscode.MarkdownString;
    assert.equal(tooltip.isTrusted, false);
    assert.equal(tooltip.supportHtml, false);
    assert.ok(!tooltip.value.includes('[run](command:'), 'link syntax is escaped in the tooltip');
    const directionRow = rows.find(row => row.label.startsWith('invoice'));
    assert.ok(directionRow);
    assert.ok(!/[\u202a-\u202e\u2066-\u2069]/.test(directionRow.label), 'direction overrides are replaced');
    const controlRow = rows.find(row => row.label.startsWith('control'));
    assert.ok(controlRow, 'the name with control characters has a row');
    // eslint-disable-next-line no-control-regex
    assert.ok(!/[\u0000-\u001f\u007f]/.test(controlRow.label), 'control characters are replaced');
    assert.ok(rows.some(row => row.label.length > 16_000), 'a 16 KB name is shown, not dropped');
  });

  it('serves the webview under a strict CSP from media only', async () => {
    const rows = await oddProjectRows();
    const row = rows.find(candidate => candidate.label === HOSTILE_NAMES[0]);
    const arn = row?.node.kind === 'session' ? row.node.sessionArn : '';

    await vscode.commands.executeCommand('deviceFarm.showSessionJson', row?.node);
    await waitFor('the panel content', () => api.panels.contentOf(arn)?.json !== undefined);

    const panel = api.panels.panelOf(arn);
    assert.ok(panel);
    const html = panel.webview.html;
    assert.match(html, /default-src 'none'/);
    assert.match(html, /script-src 'nonce-[A-Za-z0-9+/=]{20,}'/);
    assert.match(html, /connect-src 'none'/);
    assert.ok(!html.includes('unsafe-inline'));
    assert.ok(!html.includes(HOSTILE_NAMES[0]), 'session data never goes into the HTML');
    assert.deepEqual(panel.webview.options.localResourceRoots?.map(uri => uri.path.split('/').pop()), ['media']);
  });

  it('masks endpoint tokens until the user reveals them', async () => {
    const rows = await oddProjectRows();
    const session = emulator.projects[0].sessions[0];
    const row = rows.find(candidate => candidate.node.kind === 'session' && candidate.node.sessionArn === session.arn);

    await vscode.commands.executeCommand('deviceFarm.showSessionJson', row?.node);
    await waitFor('the panel content', () => api.panels.contentOf(String(session.arn))?.json !== undefined);
    const masked = api.panels.contentOf(String(session.arn));

    for (const token of tokensOf(session)) {
      assert.ok(!masked?.json?.includes(token), 'no token in the masked JSON');
    }
    assert.ok(masked?.json?.includes(MASK));
    assert.deepEqual([...masked?.secretPaths ?? []].sort(), ['endpoint', 'endpoints.interactiveEndpoint', 'endpoints.remoteDriverEndpoint']);

    api.panels.receive(String(session.arn), { type: 'toggleReveal' });
    const revealed = api.panels.contentOf(String(session.arn));

    assert.equal(revealed?.revealed, true);
    assert.ok(tokensOf(session).every(token => revealed?.json?.includes(token)));
  });

  it('copies a sensitive value only when asked', async () => {
    const session = emulator.projects[0].sessions[0];
    await vscode.env.clipboard.writeText('');

    api.panels.receive(String(session.arn), { type: 'copySecret', path: 'endpoints.remoteDriverEndpoint' });
    await new Promise(resolve => setTimeout(resolve, 100));

    assert.equal(await vscode.env.clipboard.readText(), (session.endpoints as { remoteDriverEndpoint: string }).remoteDriverEndpoint);
  });

  it('ignores and logs messages the page may not send', async () => {
    const session = emulator.projects[0].sessions[0];
    await vscode.env.clipboard.writeText('unchanged');

    for (const message of [{ type: 'runCommand', command: 'workbench.action.quit' }, { type: 'copyArn', extra: 1 }, 'copyArn', null, { type: 'copySecret', path: 'arn' }]) {
      api.panels.receive(String(session.arn), message);
    }
    await new Promise(resolve => setTimeout(resolve, 100));

    assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
    assert.equal(api.log.recentLines().filter(line => line.includes('ignored a message')).length, 4);
    assert.equal(api.log.recentLines().filter(line => line.includes('ignored a copy request')).length, 1);
  });

  it('masks tokens in the JSON document', async () => {
    const session = emulator.projects[0].sessions[0];

    await vscode.commands.executeCommand('deviceFarm.openSessionJsonDocument', String(session.arn));

    const text = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.ok(text.includes(String(session.arn)));
    assert.ok(tokensOf(session).every(token => !text.includes(token)));
  });

  it('logs no key, secret, session token or endpoint token', async () => {
    emulator.addFault({ operation: 'ListRemoteAccessSessions', page: 2, kind: 'ThrottlingException', times: 3 });
    await vscode.commands.executeCommand('deviceFarm.refresh');
    await waitFor('the refresh', () => api.model.projects.status === 'complete');
    for (const fault of ['AccessDeniedException', 'html502', 'UnrecognizedClientException', 'ExpiredTokenException'] as const) {
      emulator.addFault({ operation: 'ListProjects', kind: fault, times: 1 });
      await vscode.commands.executeCommand('deviceFarm.refresh');
    }
    emulator.clearFaults();
    await vscode.commands.executeCommand('deviceFarm.refresh');
    const rows = await oddProjectRows();
    await vscode.commands.executeCommand('deviceFarm.copySessionArn', rows[0].node);
    await vscode.commands.executeCommand('deviceFarm.showSessionJson', rows[1].node);

    const log = api.log.recentLines().join('\n');
    assert.ok(log.includes('ListRemoteAccessSessions page 1'), 'the log holds request lines');
    for (const secret of [PROFILE_KEY_ID, PROFILE_SECRET, PROFILE_SESSION_TOKEN, ...emulator.projects[0].sessions.slice(0, 6).flatMap(tokensOf)]) {
      assert.ok(!log.includes(secret), `the log does not contain ${secret.slice(0, 6)}…`);
    }
  });

  it('declares the connection settings restricted in untrusted workspaces', () => {
    const manifest = vscode.extensions.getExtension('device-farm-explorer.device-farm-explorer')?.packageJSON as {
      capabilities: { untrustedWorkspaces: { supported: string; restrictedConfigurations: string[] } };
    };

    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.deepEqual(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations, ['deviceFarm.profile', 'deviceFarm.endpoint']);
  });
});
