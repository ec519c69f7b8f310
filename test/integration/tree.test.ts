import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DeviceFarmExplorerApi } from '../../src/extension';
import { DeviceFarmEmulator, startEmulator } from '../emulator/server';
import { activateExtension, expandProject, iconId, loadRoot, rowsOf, setSetting, waitFor, type Row } from './helpers';

describe('Device Farm tree in the extension host', () => {
  let emulator: DeviceFarmEmulator;
  let api: DeviceFarmExplorerApi;

  before(async () => {
    emulator = await startEmulator({ projects: 3, sessionsPerProject: 15, pageSize: 4, oddSessions: true });
    api = await activateExtension();
    await setSetting('endpoint', emulator.url);
    await setSetting('profile', undefined);
  });

  after(async () => {
    await setSetting('endpoint', undefined);
    await emulator.close();
  });

  function projectRow(rows: Row[], index: number): Row {
    const row = rows.find(candidate => candidate.label === emulator.projects[index].record.name);
    assert.ok(row, `row of project ${String(emulator.projects[index].record.name)}`);
    return row;
  }

  it('lists projects by name with ARN ids', async () => {
    const rows = await loadRoot(api);

    assert.deepEqual(rows.map(row => row.label), emulator.projects.map(project => String(project.record.name)).sort((a, b) => a.localeCompare(b)));
    assert.deepEqual(rows.map(row => row.item.id).sort(), emulator.projects.map(project => `project:${String(project.record.arn)}`).sort());
    assert.ok(rows.every(row => row.item.contextValue === 'project hasArn'));
    assert.ok(rows.every(row => iconId(row.item) === 'project'));
    assert.ok(rows.every(row => row.item.collapsibleState === vscode.TreeItemCollapsibleState.Collapsed));
  });

  it('lists every session newest first after all pages', async () => {
    const project = emulator.projects[1];
    const rows = await expandProject(api, projectRow(await loadRoot(api), 1));

    const expected = [...project.sessions].sort((a, b) => Number(b.created) - Number(a.created));
    assert.deepEqual(rows.map(row => row.item.id), expected.map(session => `session:${String(session.arn)}`));
    assert.equal(rows[0].label, expected[0].name);
    assert.ok(rows.every(row => row.item.contextValue === 'session hasArn'));
    assert.equal(rows[0].item.command?.command, 'deviceFarm.showSessionJson');
  });

  it('describes a session by status, result and device', async () => {
    const project = emulator.projects[1];
    const rows = await expandProject(api, projectRow(await loadRoot(api), 1));
    const warned = project.sessions.find(session => session.status === 'COMPLETED' && session.result === 'WARNED');
    assert.ok(warned, 'the sample data has a completed session with a warning');

    const row = rows.find(candidate => candidate.item.id === `session:${String(warned.arn)}`);

    assert.equal(row?.description, `Completed · Warned · ${String((warned.device as { name: string }).name)}`);
    assert.equal(iconId(row!.item), 'warning');
    const running = rows.find(candidate => candidate.description.startsWith('Running'));
    assert.equal(iconId(running!.item), 'play-circle');
  });

  it('shows the device and its instance under a session', async () => {
    const project = emulator.projects[1];
    const rows = await expandProject(api, projectRow(await loadRoot(api), 1));
    const privateSession = project.sessions.find(session => session.instanceArn);
    assert.ok(privateSession);
    const sessionRow = rows.find(candidate => candidate.item.id === `session:${String(privateSession.arn)}`);

    const [deviceRow] = rowsOf(api, sessionRow!.node);
    const device = privateSession.device as { name: string; platform: string; os: string; formFactor: string };

    assert.equal(deviceRow.label, device.name);
    assert.equal(deviceRow.description, `${device.platform} ${device.os} · ${device.formFactor}`);
    assert.equal(deviceRow.item.id, `session:${String(privateSession.arn)}/device`);
    const [instanceRow] = rowsOf(api, deviceRow.node);
    assert.equal(instanceRow.item.id, `session:${String(privateSession.arn)}/device/instance:${String(privateSession.instanceArn)}`);
    assert.match(instanceRow.description, /^IN_USE · qa-lab/);
  });

  it('keeps row ids across a refresh', async () => {
    const before = await expandProject(api, projectRow(await loadRoot(api), 1));

    await vscode.commands.executeCommand('deviceFarm.refresh');

    const after = rowsOf(api, projectRow(rowsOf(api), 1).node);
    assert.deepEqual(after.map(row => row.item.id), before.map(row => row.item.id));
  });

  it('shows an unknown status with a neutral icon and its raw text', async () => {
    const rows = await expandProject(api, projectRow(await loadRoot(api), 0));

    const odd = rows.find(row => row.label === 'Unknown status and result');

    assert.equal(odd?.description, 'QUEUED_FOR_REVIEW · INCONCLUSIVE · Future Watch');
    assert.equal(iconId(odd!.item), 'question');
  });

  it('shows a session with missing fields without failing', async () => {
    const rows = await expandProject(api, projectRow(await loadRoot(api), 0));

    const bare = rows.find(row => row.label === '(unnamed session)');

    assert.ok(bare, 'the unnamed session has a row');
    assert.equal(bare.description, 'Running · Unknown · Unknown device');
    assert.equal(bare.item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.equal(rows.at(-1)?.label, '(unnamed session)', 'a session without a creation time sorts last');
  });

  it('copies exactly the session ARN', async () => {
    const project = emulator.projects[1];
    const rows = await expandProject(api, projectRow(await loadRoot(api), 1));
    await vscode.env.clipboard.writeText('');

    await vscode.commands.executeCommand('deviceFarm.copySessionArn', rows[2].node);

    const expected = [...project.sessions].sort((a, b) => Number(b.created) - Number(a.created))[2].arn;
    assert.equal(await vscode.env.clipboard.readText(), expected);
  });

  it('opens one JSON panel per session with the full session', async () => {
    const rows = await expandProject(api, projectRow(await loadRoot(api), 1));
    const arn = rows[0].node.kind === 'session' ? rows[0].node.sessionArn : '';

    await vscode.commands.executeCommand('deviceFarm.showSessionJson', rows[0].node);
    await waitFor('the panel content', () => api.panels.contentOf(arn)?.json !== undefined);
    await vscode.commands.executeCommand('deviceFarm.showSessionJson', rows[0].node);

    const json = JSON.parse(api.panels.contentOf(arn)?.json ?? '{}') as { arn: string; created: string; device: { name: string } };
    assert.equal(json.arn, arn);
    assert.match(json.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    assert.equal(json.device.name, rows[0].description.split(' · ')[2]);
    const tabs = vscode.window.tabGroups.all.flatMap(group => group.tabs).filter(tab => tab.label === `Session: ${rows[0].label}`);
    assert.equal(tabs.length, 1, 'reopening reveals the same panel');
  });

  it('opens the session as a read-only JSON document', async () => {
    const rows = await expandProject(api, projectRow(await loadRoot(api), 1));
    const arn = rows[1].node.kind === 'session' ? rows[1].node.sessionArn : '';

    await vscode.commands.executeCommand('deviceFarm.openSessionJsonDocument', rows[1].node);

    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.languageId, 'json');
    assert.equal(editor.document.uri.scheme, 'devicefarm-session');
    assert.equal((JSON.parse(editor.document.getText()) as { arn: string }).arn, arn);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('rebuilds the client when the endpoint changes', async () => {
    const other = await startEmulator({ projects: 1, sessionsPerProject: 2, seed: 42 });
    try {
      await loadRoot(api);

      await setSetting('endpoint', other.url);
      const rows = await loadRoot(api);

      assert.deepEqual(rows.map(row => row.item.id), [`project:${String(other.projects[0].record.arn)}`]);
    } finally {
      await setSetting('endpoint', emulator.url);
      await waitFor('the first emulator again', () => api.model.projects.status === 'idle' || api.model.projects.items.length > 0);
      await other.close();
    }
  });
});
