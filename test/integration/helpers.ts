// Shared steps of the integration tests: the extension's API, settings, and
// waiting for the model to settle.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DeviceFarmExplorerApi } from '../../src/extension';
import type { ExplorerNode } from '../../src/tree/provider';

export const EXTENSION_ID = 'device-farm-explorer.device-farm-explorer';

export async function activateExtension(): Promise<DeviceFarmExplorerApi> {
  const extension = vscode.extensions.getExtension<DeviceFarmExplorerApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
  return extension.activate();
}

export async function setSetting(key: string, value: unknown, section = 'deviceFarm'): Promise<void> {
  await vscode.workspace.getConfiguration(section).update(key, value, vscode.ConfigurationTarget.Global);
}

/** Polls until `condition` holds, failing with `what` after the timeout. */
export async function waitFor(what: string, condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      assert.fail(`timed out waiting for ${what}`);
    }
    await new Promise(resolve => setTimeout(resolve, 25));
  }
}

/** A row as the user sees it: the tree node with its TreeItem. */
export interface Row {
  node: ExplorerNode;
  item: vscode.TreeItem;
  label: string;
  description: string;
}

export function rowsOf(api: DeviceFarmExplorerApi, parent?: ExplorerNode): Row[] {
  return api.provider.getChildren(parent).map(node => {
    const item = api.provider.getTreeItem(node);
    const label = typeof item.label === 'string' ? item.label : item.label?.label ?? '';
    return { node, item, label, description: typeof item.description === 'string' ? item.description : '' };
  });
}

/** Expands the root and waits until the project list has settled. */
export async function loadRoot(api: DeviceFarmExplorerApi): Promise<Row[]> {
  rowsOf(api);
  await waitFor('the project list', () => api.model.projects.status === 'complete' || api.model.projects.status === 'failed');
  return rowsOf(api);
}

/** Expands a project row and waits until its sessions have settled. */
export async function expandProject(api: DeviceFarmExplorerApi, projectRow: Row): Promise<Row[]> {
  rowsOf(api, projectRow.node);
  const projectArn = projectRow.node.kind === 'project' ? projectRow.node.projectArn : '';
  await waitFor(`the sessions of ${projectArn}`, () => {
    const status = api.model.sessionsOf(projectArn)?.status;
    return status === 'complete' || status === 'failed';
  });
  return rowsOf(api, projectRow.node);
}

export function iconId(item: vscode.TreeItem): string | undefined {
  return item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
}
