// The TreeDataProvider of the Device Farm view: projects → remote access
// sessions → device → device instance. Rows are rebuilt from the model on
// every call. Ids are composed from the ARN path, so they stay the same
// across refreshes, and a device shared by many sessions never clashes.
import type { Device, DeviceInstance, Project, RemoteAccessSession } from '@aws-sdk/client-device-farm';
import * as vscode from 'vscode';
import type { ExplorerModel, PagedList } from './model';
import { deviceItem, errorItem, instanceItem, loadingItem, messageItem, projectItem, sessionItem } from './items';

export type ExplorerNode =
  | { kind: 'project'; id: string; projectArn: string }
  | { kind: 'session'; id: string; projectArn: string; sessionArn: string }
  | { kind: 'device'; id: string; projectArn: string; sessionArn: string }
  | { kind: 'instance'; id: string; projectArn: string; sessionArn: string; instance: DeviceInstance }
  | { kind: 'loading'; id: string; projectArn?: string; refreshing: boolean }
  | { kind: 'error'; id: string; projectArn?: string }
  | { kind: 'message'; id: string; projectArn?: string; message: string };

/** Sorts newest first; sessions without a creation time go last, in ARN order. */
export function compareSessionsNewestFirst(a: RemoteAccessSession, b: RemoteAccessSession): number {
  const timeA = a.created?.getTime() ?? Number.NEGATIVE_INFINITY;
  const timeB = b.created?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (timeA !== timeB) {
    return timeB - timeA;
  }
  return (a.arn ?? '').localeCompare(b.arn ?? '');
}

/** True when the project list failed only because no credentials exist at all. */
export function isCredentialsMissing(list: PagedList<unknown>): boolean {
  return list.status === 'failed' && list.error?.credentials?.problem === 'missing' && list.items.length === 0;
}

export class ExplorerTreeDataProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;

  /**
   * Every node handed to VS Code, by id. The same object is reused for an id,
   * because VS Code rejects a second element with an id it still has
   * registered, and a change event must name the object it was given.
   */
  private readonly nodes = new Map<string, ExplorerNode>();
  private readonly expandedProjects = new Set<string>();
  /** Projects whose rows changed since the last event; null when the whole tree did. */
  private pendingChanges: Set<string> | null = new Set();
  private changeTimer: NodeJS.Timeout | undefined;
  private readonly subscription: { dispose(): void };

  constructor(private readonly model: ExplorerModel) {
    this.subscription = model.onDidChange(change => this.queueChange(change.projectArn));
  }

  /** Tracks expansion so a re-rendered project stays open; called from the TreeView's events. */
  setExpanded(node: ExplorerNode, expanded: boolean): void {
    if (node.kind !== 'project') {
      return;
    }
    if (expanded) {
      this.expandedProjects.add(node.projectArn);
    } else {
      this.expandedProjects.delete(node.projectArn);
    }
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    switch (node.kind) {
      case 'project':
        return projectItem(node.id, this.findProject(node.projectArn) ?? { arn: node.projectArn }, this.expandedProjects.has(node.projectArn));
      case 'session':
        return sessionItem(node.id, this.findSession(node.projectArn, node.sessionArn) ?? { arn: node.sessionArn });
      case 'device': {
        const session = this.findSession(node.projectArn, node.sessionArn);
        return deviceItem(node.id, session?.device, this.instancesOf(session).length > 0);
      }
      case 'instance':
        return instanceItem(node.id, node.instance);
      case 'loading':
        return loadingItem(node.id, node.refreshing);
      case 'error': {
        const list = this.listOf(node.projectArn);
        if (!list?.error) {
          return messageItem(node.id, vscode.l10n.t('Refresh to load this list again.'));
        }
        return errorItem(node.id, list.error, list.items.length);
      }
      case 'message':
        return messageItem(node.id, node.message);
    }
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] {
    if (!node) {
      void this.model.loadProjects();
      return this.rootChildren();
    }
    switch (node.kind) {
      case 'project':
        void this.model.loadSessions(node.projectArn);
        return this.sessionChildren(node);
      case 'session':
        return this.findSession(node.projectArn, node.sessionArn)?.device
          ? [this.intern({ kind: 'device', id: `${node.id}/device`, projectArn: node.projectArn, sessionArn: node.sessionArn })]
          : [];
      case 'device':
        return this.instancesOf(this.findSession(node.projectArn, node.sessionArn)).map(instance => this.intern({
          kind: 'instance',
          id: `${node.id}/instance:${instance.arn ?? ''}`,
          projectArn: node.projectArn,
          sessionArn: node.sessionArn,
          instance,
        }));
      default:
        return [];
    }
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    switch (node.kind) {
      case 'project':
        return undefined;
      case 'session':
        return this.projectNode(node.projectArn);
      case 'device':
        return this.sessionNode(node.projectArn, node.sessionArn);
      case 'instance':
        return this.intern({ kind: 'device', id: `session:${node.sessionArn}/device`, projectArn: node.projectArn, sessionArn: node.sessionArn });
      default:
        return node.projectArn === undefined ? undefined : this.projectNode(node.projectArn);
    }
  }

  /** Builds the node of a loaded session, for `TreeView.reveal`. */
  sessionNode(projectArn: string, sessionArn: string): ExplorerNode {
    return this.intern({ kind: 'session', id: `session:${sessionArn}`, projectArn, sessionArn });
  }

  dispose(): void {
    clearTimeout(this.changeTimer);
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  /**
   * Fires the changes of one turn of the event loop together, after it ends.
   * Never firing inside getChildren keeps VS Code from fetching the same
   * children twice at once, which registers their ids twice.
   */
  private queueChange(projectArn: string | undefined): void {
    if (projectArn === undefined) {
      this.pendingChanges = null;
    } else {
      this.pendingChanges?.add(projectArn);
    }
    this.changeTimer ??= setTimeout(() => {
      const changes = this.pendingChanges;
      this.pendingChanges = new Set();
      this.changeTimer = undefined;
      if (changes === null) {
        this.changeEmitter.fire(undefined);
        return;
      }
      for (const arn of changes) {
        this.changeEmitter.fire(this.nodes.get(`project:${arn}`));
      }
    }, 0);
  }

  /** Returns the node already handed out for this id, updated with the new fields, or registers this one. */
  private intern<T extends ExplorerNode>(node: T): T {
    const existing = this.nodes.get(node.id);
    if (existing && existing.kind === node.kind) {
      return Object.assign(existing, node);
    }
    this.nodes.set(node.id, node);
    return node;
  }

  private rootChildren(): ExplorerNode[] {
    const list = this.model.projects;
    // With no credentials at all, no rows lets the welcome view explain how to set them up.
    if (isCredentialsMissing(list)) {
      return [];
    }
    const children: ExplorerNode[] = [...list.items]
      .filter(project => project.arn)
      .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || (a.arn ?? '').localeCompare(b.arn ?? ''))
      .map(project => this.projectNode(project.arn ?? ''));
    return [...children, ...this.statusRows(list, undefined, 'root', vscode.l10n.t('No Device Farm projects in this account.'))];
  }

  private sessionChildren(node: ExplorerNode & { kind: 'project' }): ExplorerNode[] {
    const list = this.model.sessionsOf(node.projectArn);
    if (!list) {
      return [this.intern({ kind: 'loading', id: `${node.id}/loading`, projectArn: node.projectArn, refreshing: false })];
    }
    const children: ExplorerNode[] = [...list.items]
      .filter(session => session.arn)
      .sort(compareSessionsNewestFirst)
      .map(session => this.sessionNode(node.projectArn, session.arn ?? ''));
    return [...children, ...this.statusRows(list, node.projectArn, node.id, vscode.l10n.t('No remote access sessions in this project.'))];
  }

  /** The rows after a list's items: Loading…, the error row, or the empty-list message. */
  private statusRows<T>(list: PagedList<T>, projectArn: string | undefined, parentId: string, emptyMessage: string): ExplorerNode[] {
    if (list.status === 'loading' || list.status === 'idle') {
      return [this.intern({ kind: 'loading', id: `${parentId}/loading`, projectArn, refreshing: list.refreshing })];
    }
    if (list.status === 'failed') {
      return [this.intern({ kind: 'error', id: `${parentId}/error`, projectArn })];
    }
    return list.items.length === 0 ? [this.intern({ kind: 'message', id: `${parentId}/empty`, projectArn, message: emptyMessage })] : [];
  }

  private projectNode(projectArn: string): ExplorerNode & { kind: 'project' } {
    return this.intern({ kind: 'project', id: `project:${projectArn}`, projectArn });
  }

  private listOf(projectArn: string | undefined): PagedList<unknown> | undefined {
    return projectArn === undefined ? this.model.projects : this.model.sessionsOf(projectArn);
  }

  private findProject(projectArn: string): Project | undefined {
    return this.model.projects.items.find(project => project.arn === projectArn);
  }

  private findSession(projectArn: string, sessionArn: string): RemoteAccessSession | undefined {
    return this.model.sessionsOf(projectArn)?.items.find(session => session.arn === sessionArn);
  }

  /** Returns the instance a session ran on, or every instance of its device when the session names none that matches. */
  private instancesOf(session: RemoteAccessSession | undefined): DeviceInstance[] {
    const device: Device | undefined = session?.device;
    const instances = device?.instances ?? [];
    const used = instances.filter(instance => instance.arn === session?.instanceArn);
    if (used.length > 0) {
      return used;
    }
    if (session?.instanceArn) {
      return [{ arn: session.instanceArn }];
    }
    return instances;
  }
}
